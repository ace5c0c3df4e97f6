/** The operations pages' logic, kept out of the components so it is tested on its own (ops.test.ts). */
import type { AgentRun, AgentToolCall } from '../api/opsTypes'

/** The agents API's limit on a context (docs/api/agents.md): 64 KiB of JSON. */
export const maxContextLength = 64 * 1024

/**
 * An agent's context as typed in the form: empty means {}; otherwise it must be a JSON object (not an array, a string
 * or a number) of at most 64 KiB. The error names what is wrong, with the parser's own message for bad JSON.
 */
export function parseContext(text: string): { value: Record<string, unknown>; error?: undefined } | { value?: undefined; error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { value: {} }
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch (e) {
    return { error: `Context is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: 'Context must be a JSON object, e.g. {"symbol": "SPY"}.' }
  }
  if (JSON.stringify(parsed).length > maxContextLength) {
    return { error: `Context may hold at most ${maxContextLength} characters of JSON.` }
  }
  return { value: parsed as Record<string, unknown> }
}

/** A run's tool calls (the API types them as any JSON): the array, or none. */
export function toolCallsOf(run: AgentRun): AgentToolCall[] {
  return Array.isArray(run.toolCalls) ? (run.toolCalls as AgentToolCall[]) : []
}

export const finishedStatuses = new Set(['succeeded', 'failed', 'timed_out'])

/** Pretty JSON for a result or a JSON text (alert and audit details are JSON text). */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2)
    } catch {
      return value
    }
  }
  return JSON.stringify(value, null, 2) ?? ''
}

export interface AlertFilters {
  /** '' (all), '1', '2' or '3'. */
  severity: string
  /** The alert type, i.e. what raised it; '' for all. */
  type: string
  /** '' (all), 'open' (unacknowledged) or 'acknowledged'. */
  status: string
}

/** GET /api/alerts with only the filters set, and the page. */
export function alertsQuery(filters: AlertFilters, offset: number, limit: number) {
  const params = new URLSearchParams()
  if (filters.severity) params.set('severity', filters.severity)
  if (filters.type) params.set('type', filters.type)
  if (filters.status) params.set('acknowledged', filters.status === 'acknowledged' ? 'true' : 'false')
  params.set('offset', String(offset))
  params.set('limit', String(limit))
  return `/api/alerts?${params}`
}

export interface AuditFilters {
  eventType: string
  resourceType: string
  resourceId: string
  actorId: string
  /** datetime-local values (the browser's local time), '' when unset. */
  from: string
  to: string
}

export const emptyAuditFilters: AuditFilters = { eventType: '', resourceType: '', resourceId: '', actorId: '', from: '', to: '' }

/** A datetime-local value as an ISO instant, or null when empty or not a date. */
export function localToIso(value: string): string | null {
  if (!value.trim()) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** GET /api/audit with only the filters set (trimmed; times as ISO instants), and the page. */
export function auditQuery(filters: AuditFilters, offset: number, limit: number) {
  const params = new URLSearchParams()
  for (const key of ['eventType', 'resourceType', 'resourceId', 'actorId'] as const) {
    const v = filters[key].trim()
    if (v) params.set(key, v)
  }
  const from = localToIso(filters.from)
  const to = localToIso(filters.to)
  if (from) params.set('from', from)
  if (to) params.set('to', to)
  params.set('offset', String(offset))
  params.set('limit', String(limit))
  return `/api/audit?${params}`
}

/** "51–100 of 230", and whether there is a previous or a next page. */
export function pageInfo(offset: number, limit: number, total: number) {
  const first = total === 0 ? 0 : offset + 1
  const last = Math.min(offset + limit, total)
  return {
    text: total === 0 ? 'none' : `${first}–${last} of ${total}`,
    hasPrevious: offset > 0,
    hasNext: offset + limit < total,
    previous: Math.max(0, offset - limit),
    next: offset + limit,
  }
}

/** Badge colours: red for critical, amber for warning, sky for info, grey for anything else. */
const tones = {
  critical: 'bg-red-600 text-white',
  warning: 'bg-amber-500 text-black',
  info: 'bg-sky-700 text-white',
  other: 'bg-slate-700 text-slate-200',
} as const

/** A discrepancy's severity (critical | warning | info) as a badge colour. */
export function discrepancyTone(severity: string) {
  return severity === 'critical' || severity === 'warning' || severity === 'info' ? tones[severity] : tones.other
}

/** An alert's severity (1 critical, 2 warning, 3 info) as its label and badge colour. */
export function alertSeverity(severity: number) {
  switch (severity) {
    case 1:
      return { label: 'SEV1', name: 'critical', tone: tones.critical }
    case 2:
      return { label: 'SEV2', name: 'warning', tone: tones.warning }
    case 3:
      return { label: 'SEV3', name: 'info', tone: tones.info }
    default:
      return { label: `SEV${severity}`, name: 'unknown', tone: tones.other }
  }
}

/** The alert types the operations service raises (docs/api/reconciliation.md, Sources): the type filter's choices. */
export const alertTypes = [
  'kill_switch_activated', 'trading_halted', 'daily_loss_limit', 'trading_restricted', 'order_rejected', 'position_limit_hit',
  'reconciliation_discrepancy', 'option_expiring', 'alert_delivery_failed', 'component_unhealthy', 'component_recovered',
]

/** A date-time for operations tables: "2026-01-02 14:30:05" in the browser's time zone. */
export function dateTime(iso: string | null | undefined) {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** "850 ms", "2.4 s", "3 min 5 s". */
export function duration(ms: number | null | undefined) {
  if (ms === null || ms === undefined) return '—'
  if (ms < 1000) return `${ms} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}
