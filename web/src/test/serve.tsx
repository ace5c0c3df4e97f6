import { render, screen, waitFor } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { QueryClientProvider } from '@tanstack/react-query'
import { App } from '../App'
import { createQueryClient } from '../api/client'

export type Handler = (init?: RequestInit) => { status: number; body: unknown }

export interface Call {
  key: string
  body: unknown
}

export const running = { state: 'running', since: '2026-01-01T00:00:00Z', changedBy: 'system', reason: null, canResume: true }

/**
 * A fetch double answering by "METHOD path" (as in App.test.tsx); unknown requests answer 599 so a test fails loudly.
 * The header's trading-state badge gets a running state unless a test says otherwise. Returns every call with its JSON body.
 */
export function serve(routes: Record<string, Handler>) {
  const calls: Call[] = []
  routes = { 'GET /api/risk/state': () => ({ status: 200, body: running }), ...routes }
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${input}`
    calls.push({ key, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined })
    const handler = routes[key]
    const { status, body } = handler ? handler(init) : { status: 599, body: { title: `unexpected ${key}` } }
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  return calls
}

/** Renders the app at a path and waits until the page's own code has loaded (pages are loaded on first visit). */
export async function renderAt(path: string) {
  const result = render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </QueryClientProvider>,
  )
  // A page's first import is transformed on demand: seconds on a busy machine.
  await waitFor(() => expect(screen.queryByTestId('page-loading')).not.toBeInTheDocument(), { timeout: 15_000 })
  return result
}
