import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { renderAt, running } from './test/serve'
import { saveSession, signOut } from './api/auth'

interface Seen {
  key: string
  authorization: string | null
  body: unknown
}

/** A fetch double that also records each request's Authorization header. */
function serveWithAuth(routes: Record<string, (init?: RequestInit) => { status: number; body: unknown }>) {
  const seen: Seen[] = []
  routes = {
    'GET /api/risk/state': () => ({ status: 200, body: running }),
    'GET /api/portfolio/accounts': () => ({ status: 200, body: [] }),
    'GET /api/portfolio/accounts/paper/positions': () => ({ status: 200, body: [] }),
    'GET /api/orders?limit=50': () => ({ status: 200, body: [] }),
    ...routes,
  }
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${input}`
    const headers = new Headers(init?.headers)
    seen.push({ key, authorization: headers.get('Authorization'), body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined })
    const handler = routes[key]
    const { status, body } = handler ? handler(init) : { status: 599, body: { title: `unexpected ${key}` } }
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  return seen
}

afterEach(() => vi.unstubAllGlobals())

test('without a session the sign-in form shows, and signing in keeps the token and sends it as Bearer', async () => {
  signOut()
  const seen = serveWithAuth({
    'POST /api/auth/token': () => ({ status: 200, body: { access_token: 'tok-123', token_type: 'Bearer', expires_in: 3600, roles: ['trader'] } }),
  })
  await renderAt('/')
  expect(screen.queryByRole('navigation', { name: 'Pages' })).not.toBeInTheDocument()

  await userEvent.type(screen.getByLabelText('User name'), 'Trader')
  await userEvent.type(screen.getByLabelText('Password'), 's3cret')
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))

  expect(await screen.findByRole('navigation', { name: 'Pages' })).toBeInTheDocument()
  expect(seen.find((s) => s.key === 'POST /api/auth/token')?.body).toEqual({ username: 'Trader', password: 's3cret' })
  expect(JSON.parse(sessionStorage.getItem('aq.session')!).token).toBe('tok-123')
  expect(screen.getByTestId('signed-in-user')).toHaveTextContent('trader (trader)')
  await waitFor(() => expect(seen.some((s) => s.key === 'GET /api/risk/state')).toBe(true))
  for (const request of seen.filter((s) => s.key !== 'POST /api/auth/token')) {
    expect(request.authorization).toBe('Bearer tok-123')
  }
})

test('a wrong password shows the gateway\'s message and stays on the form', async () => {
  signOut()
  serveWithAuth({
    'POST /api/auth/token': () => ({ status: 401, body: { title: 'Sign-in refused', detail: 'The user name or password is wrong.' } }),
  })
  await renderAt('/')
  await userEvent.type(screen.getByLabelText('User name'), 'admin')
  await userEvent.type(screen.getByLabelText('Password'), 'nope')
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))

  expect(await screen.findByRole('alert')).toHaveTextContent('The user name or password is wrong.')
  expect(sessionStorage.getItem('aq.session')).toBeNull()
})

test('a viewer sees the kill switch disabled with a tooltip saying an admin is needed', async () => {
  saveSession({ token: 'v', user: 'viewer', roles: ['viewer'], expiresAt: Date.now() + 60_000 })
  serveWithAuth({})
  await renderAt('/')
  const button = screen.getByTestId('kill-switch')
  expect(button).toBeDisabled()
  expect(button).toHaveAttribute('title', 'Only an admin can pull the kill switch')
})

test('an admin can use the kill switch; signing out returns to the form', async () => {
  serveWithAuth({})
  await renderAt('/')
  expect(screen.getByTestId('kill-switch')).toBeEnabled()
  await userEvent.click(screen.getByRole('button', { name: 'Sign out' }))
  expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument()
  expect(sessionStorage.getItem('aq.session')).toBeNull()
})

test('an expired token refused with 401 ends the session', async () => {
  serveWithAuth({ 'GET /api/risk/state': () => ({ status: 401, body: { title: 'Not signed in' } }) })
  await renderAt('/')
  expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument()
})

test('a session past its expiry is not used', async () => {
  saveSession({ token: 'old', user: 'admin', roles: ['admin'], expiresAt: Date.now() - 1 })
  serveWithAuth({})
  await renderAt('/')
  expect(screen.getByRole('form', { name: 'Sign in' })).toBeInTheDocument()
})
