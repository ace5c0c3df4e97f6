import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { saveSession } from '../api/auth'
import type { Alert } from '../api/opsTypes'
import { renderAt, serve } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const alert = (patch: Partial<Alert>): Alert => ({
  id: 'a1', type: 'kill_switch_activated', severity: 1, fingerprint: 'kill_switch_activated:::', dedupeKey: 'k', summary: 'Kill switch engaged by admin',
  details: '{"by":"admin"}', accountId: null, symbol: null, strategyId: null, suppressedCount: 0, occurredAt: '2026-01-01T10:00:00Z',
  createdAt: '2026-01-01T10:00:01Z', acknowledgedAt: null, acknowledgedBy: null, ...patch,
})

const stats = { total24h: 3, bySeverity: { SEV1: 1, SEV2: 0, SEV3: 2 }, byType: { kill_switch_activated: 1, order_rejected: 2 }, unacknowledged: 2, deliverySuccessRate: 0.5 }
const page = (alerts: Alert[], total = alerts.length, offset = 0) => ({ status: 200, body: { alerts, total, offset, limit: 25 } })

test('filters and paging go to the API; severities are coloured', async () => {
  const calls = serve({
    'GET /api/alerts/stats': () => ({ status: 200, body: stats }),
    'GET /api/alerts?offset=0&limit=25': () => page([alert({}), alert({ id: 'a2', type: 'order_rejected', severity: 3, summary: 'Order rejected: AAPL' })], 60),
    'GET /api/alerts?offset=25&limit=25': () => page([alert({ id: 'a26', severity: 2, type: 'trading_restricted', summary: 'Reducing' })], 60, 25),
    'GET /api/alerts?severity=1&offset=0&limit=25': () => page([alert({})]),
    'GET /api/alerts?severity=1&type=kill_switch_activated&acknowledged=false&offset=0&limit=25': () => page([alert({})]),
  })
  await renderAt('/alerts')
  const first = await screen.findByTestId('alert-a1')
  expect(within(first).getByTestId('severity')).toHaveClass('bg-red-600')
  expect(within(screen.getByTestId('alert-a2')).getByTestId('severity')).toHaveClass('bg-sky-700')
  expect(screen.getByTestId('alerts-page')).toHaveTextContent('1–25 of 60')
  expect(await screen.findByTestId('stats-delivery')).toHaveTextContent('50.0%')
  expect(screen.getByTestId('stats-unacknowledged')).toHaveTextContent('2')

  await userEvent.click(screen.getByRole('button', { name: 'Older →' }))
  const older = await screen.findByTestId('alert-a26')
  expect(within(older).getByTestId('severity')).toHaveClass('bg-amber-500')
  expect(screen.getByTestId('alerts-page')).toHaveTextContent('26–50 of 60')

  // A filter starts again from the first page.
  await userEvent.selectOptions(screen.getByLabelText('Severity'), '1')
  await userEvent.selectOptions(screen.getByLabelText('Source'), 'kill_switch_activated')
  await userEvent.selectOptions(screen.getByLabelText('Status'), 'open')
  await waitFor(() => expect(calls.map((c) => c.key)).toContain('GET /api/alerts?severity=1&type=kill_switch_activated&acknowledged=false&offset=0&limit=25'))
  await waitFor(() => expect(screen.queryByTestId('alert-a26')).not.toBeInTheDocument())
  expect(screen.getByTestId('alert-a1')).toBeInTheDocument()
})

test('acknowledging marks the alert with who did it; deliveries expand per alert', async () => {
  let current = alert({})
  const calls = serve({
    'GET /api/alerts/stats': () => ({ status: 200, body: stats }),
    'GET /api/alerts?offset=0&limit=25': () => page([current]),
    'POST /api/alerts/a1/acknowledge': () => {
      current = alert({ acknowledgedAt: '2026-01-01T10:05:00Z', acknowledgedBy: 'admin' })
      return { status: 200, body: current }
    },
    'GET /api/alerts/a1/deliveries': () => ({ status: 200, body: [
      { id: 1, alertId: 'a1', channel: 'webhook', destination: 'webhook:default', attempt: 1, status: 'failed', responseCode: 500, error: 'HTTP 500', createdAt: '2026-01-01T10:00:02Z', sentAt: null },
      { id: 2, alertId: 'a1', channel: 'webhook', destination: 'webhook:default', attempt: 2, status: 'sent', responseCode: 200, error: null, createdAt: '2026-01-01T10:00:03Z', sentAt: '2026-01-01T10:00:03Z' },
    ] }),
  })
  await renderAt('/alerts')
  const row = await screen.findByTestId('alert-a1')
  await userEvent.click(within(row).getByTestId('alert-details'))
  const deliveries = await screen.findAllByTestId('delivery')
  expect(deliveries.map((d) => d.getAttribute('data-status'))).toEqual(['failed', 'sent'])
  expect(deliveries[0]).toHaveTextContent('500 HTTP 500')

  await userEvent.click(within(row).getByTestId('acknowledge'))
  await waitFor(() => expect(screen.getByTestId('alert-a1')).toHaveAttribute('data-acknowledged', 'true'))
  expect(within(screen.getByTestId('alert-a1')).getByTestId('ack-status')).toHaveTextContent('acknowledged by admin')
  expect(within(screen.getByTestId('alert-a1')).queryByTestId('acknowledge')).not.toBeInTheDocument()
  expect(calls.filter((c) => c.key === 'POST /api/alerts/a1/acknowledge')).toHaveLength(1)
})

test('a viewer sees Acknowledge disabled', async () => {
  saveSession({ token: 't', user: 'viewer', roles: ['viewer'], expiresAt: Date.now() + 3_600_000 })
  serve({
    'GET /api/alerts/stats': () => ({ status: 200, body: stats }),
    'GET /api/alerts?offset=0&limit=25': () => page([alert({})]),
  })
  await renderAt('/alerts')
  const button = within(await screen.findByTestId('alert-a1')).getByTestId('acknowledge')
  expect(button).toBeDisabled()
  expect(button).toHaveAttribute('title', 'A trader can acknowledge alerts')
})
