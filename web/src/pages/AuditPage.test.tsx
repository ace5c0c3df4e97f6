import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { saveSession } from '../api/auth'
import type { AuditEntry } from '../api/opsTypes'
import { renderAt, serve } from '../test/serve'

afterEach(() => vi.unstubAllGlobals())

const entry = (sequence: number, patch: Partial<AuditEntry> = {}): AuditEntry => ({
  sequence, id: `e${sequence}`, occurredAt: '2026-01-01T10:00:00Z', recordedAt: '2026-01-01T10:00:00Z', eventType: 'auth.login', actorType: 'user',
  actorId: 'admin', resourceType: 'session', resourceId: null, source: 'gateway', details: '{"client":"127.0.0.1"}', correlationId: null,
  previousHash: 'p', hash: `h${sequence}abcdefabcdef`, ...patch,
})
const entries = (from: number, count: number) => Array.from({ length: count }, (_, i) => entry(from - i))

test('the trail pages by 50 and filters on Apply from the first page', async () => {
  const calls = serve({
    'GET /api/audit?offset=0&limit=50': () => ({ status: 200, body: { entries: entries(120, 50), total: 120, offset: 0, limit: 50 } }),
    'GET /api/audit?offset=50&limit=50': () => ({ status: 200, body: { entries: entries(70, 50), total: 120, offset: 50, limit: 50 } }),
    'GET /api/audit?eventType=order&actorId=trader&offset=0&limit=50': () => ({
      status: 200, body: { entries: [entry(7, { eventType: 'order.filled', actorId: 'trader' })], total: 1, offset: 0, limit: 50 },
    }),
  })
  await renderAt('/audit')
  expect(await screen.findByTestId('audit-120')).toBeInTheDocument()
  expect(screen.getByTestId('audit-page')).toHaveTextContent('1–50 of 120')
  expect(screen.getByTestId('audit-newer')).toBeDisabled()
  await userEvent.click(screen.getByTestId('audit-older'))
  expect(await screen.findByTestId('audit-70')).toBeInTheDocument()
  expect(screen.getByTestId('audit-page')).toHaveTextContent('51–100 of 120')

  await userEvent.type(screen.getByLabelText('Event type'), 'order')
  await userEvent.type(screen.getByLabelText('Actor'), 'trader')
  expect(calls.some((c) => c.key.includes('eventType'))).toBe(false) // nothing until Apply
  await userEvent.click(screen.getByTestId('audit-apply'))
  expect(await screen.findByTestId('audit-7')).toHaveAttribute('data-event', 'order.filled')
  expect(screen.getByTestId('audit-page')).toHaveTextContent('1–1 of 1')
  expect(screen.queryByTestId('audit-older')).not.toBeInTheDocument()
})

test('Verify chain shows an intact chain, or the entry where it breaks', async () => {
  let valid = true
  serve({
    'GET /api/audit?offset=0&limit=50': () => ({ status: 200, body: { entries: entries(3, 3), total: 3, offset: 0, limit: 50 } }),
    'GET /api/audit/verify': () => ({
      status: 200, body: valid
        ? { isValid: true, entriesVerified: 3, firstBrokenSequence: null, problem: null, headHash: 'abc' }
        : { isValid: false, entriesVerified: 1, firstBrokenSequence: 2, problem: 'hash mismatch', headHash: null },
    }),
  })
  await renderAt('/audit')
  await userEvent.click(screen.getByTestId('verify-chain'))
  expect(await screen.findByTestId('verify-result')).toHaveTextContent('Chain intact: 3 entries verified.')
  expect(screen.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true')
  valid = false
  await userEvent.click(screen.getByTestId('verify-chain'))
  await waitFor(() => expect(screen.getByTestId('verify-result')).toHaveAttribute('data-valid', 'false'))
  expect(screen.getByTestId('verify-result')).toHaveTextContent('Chain broken at entry 2: hash mismatch')
})

test('below admin the trail is not requested', async () => {
  saveSession({ token: 't', user: 'trader', roles: ['trader'], expiresAt: Date.now() + 3_600_000 })
  const calls = serve({})
  await renderAt('/audit')
  expect(screen.getByTestId('audit-admin-only')).toBeInTheDocument()
  expect(calls.some((c) => c.key.includes('/api/audit'))).toBe(false)
})
