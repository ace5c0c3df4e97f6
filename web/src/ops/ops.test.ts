import { alertSeverity, alertsQuery, auditQuery, discrepancyTone, duration, emptyAuditFilters, pageInfo, parseContext, prettyJson } from './ops'

test('a context must be a JSON object: empty means {}, bad JSON names the parser\'s complaint, arrays and scalars are refused', () => {
  expect(parseContext('')).toEqual({ value: {} })
  expect(parseContext('  \n ')).toEqual({ value: {} })
  expect(parseContext('{"symbol": "SPY", "lookback": 20}')).toEqual({ value: { symbol: 'SPY', lookback: 20 } })
  expect(parseContext('{"symbol": SPY}').error).toMatch(/^Context is not valid JSON: /)
  expect(parseContext('{"a": 1,}').error).toMatch(/not valid JSON/)
  expect(parseContext('[1, 2]').error).toBe('Context must be a JSON object, e.g. {"symbol": "SPY"}.')
  expect(parseContext('"SPY"').error).toMatch(/must be a JSON object/)
  expect(parseContext('42').error).toMatch(/must be a JSON object/)
  expect(parseContext('null').error).toMatch(/must be a JSON object/)
  expect(parseContext(JSON.stringify({ big: 'x'.repeat(64 * 1024) })).error).toMatch(/at most 65536 characters/)
})

test('the alerts query carries only the filters set, acknowledgement as true/false, and the page', () => {
  expect(alertsQuery({ severity: '', type: '', status: '' }, 0, 25)).toBe('/api/alerts?offset=0&limit=25')
  expect(alertsQuery({ severity: '1', type: 'kill_switch_activated', status: 'open' }, 50, 25))
    .toBe('/api/alerts?severity=1&type=kill_switch_activated&acknowledged=false&offset=50&limit=25')
  expect(alertsQuery({ severity: '', type: '', status: 'acknowledged' }, 0, 25)).toBe('/api/alerts?acknowledged=true&offset=0&limit=25')
})

test('the audit query trims its text filters and sends times as UTC instants', () => {
  expect(auditQuery(emptyAuditFilters, 0, 50)).toBe('/api/audit?offset=0&limit=50')
  const from = '2026-03-01T09:30'
  const q = new URL(auditQuery({ ...emptyAuditFilters, eventType: ' order ', actorId: 'admin', from, to: 'not a date' }, 100, 50), 'http://x')
  expect(q.searchParams.get('eventType')).toBe('order')
  expect(q.searchParams.get('actorId')).toBe('admin')
  expect(q.searchParams.get('from')).toBe(new Date(from).toISOString())
  expect(q.searchParams.has('to')).toBe(false)
  expect(q.searchParams.has('resourceType')).toBe(false)
  expect(q.searchParams.get('offset')).toBe('100')
})

test('page info counts from one and knows its neighbours', () => {
  expect(pageInfo(0, 50, 0)).toMatchObject({ text: 'none', hasPrevious: false, hasNext: false })
  expect(pageInfo(0, 50, 120)).toMatchObject({ text: '1–50 of 120', hasPrevious: false, hasNext: true, next: 50 })
  expect(pageInfo(50, 50, 120)).toMatchObject({ text: '51–100 of 120', hasPrevious: true, hasNext: true, previous: 0, next: 100 })
  expect(pageInfo(100, 50, 120)).toMatchObject({ text: '101–120 of 120', hasPrevious: true, hasNext: false })
  expect(pageInfo(20, 50, 120).previous).toBe(0)
})

test('severities colour red, amber and sky; anything else grey', () => {
  expect(discrepancyTone('critical')).toContain('bg-red-600')
  expect(discrepancyTone('warning')).toContain('bg-amber-500')
  expect(discrepancyTone('info')).toContain('bg-sky-700')
  expect(discrepancyTone('odd')).toContain('bg-slate-700')
  expect(alertSeverity(1)).toMatchObject({ label: 'SEV1', name: 'critical' })
  expect(alertSeverity(1).tone).toBe(discrepancyTone('critical'))
  expect(alertSeverity(2).tone).toBe(discrepancyTone('warning'))
  expect(alertSeverity(3).tone).toBe(discrepancyTone('info'))
  expect(alertSeverity(7)).toMatchObject({ label: 'SEV7', name: 'unknown' })
})

test('details and durations read as a person writes them', () => {
  expect(prettyJson('{"b":1}')).toBe('{\n  "b": 1\n}')
  expect(prettyJson('not json')).toBe('not json')
  expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}')
  expect(duration(null)).toBe('—')
  expect(duration(850)).toBe('850 ms')
  expect(duration(2400)).toBe('2.4 s')
  expect(duration(185_000)).toBe('3 min 5 s')
})
