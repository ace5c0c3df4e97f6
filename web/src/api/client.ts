import { QueryClient } from '@tanstack/react-query'
import { currentSession, signOut } from './auth'

/** An RFC 7807 error from a service, with the sentence meant for the user. */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  /** Validation errors per field (ProblemDetails `errors`), when the service named them. */
  readonly errors: Record<string, string[]>
  constructor(status: number, title: string, detail?: string, errors?: Record<string, string[]>) {
    super(detail ?? (errors ? Object.values(errors).flat().join(' ') : undefined) ?? title)
    this.status = status
    this.title = title
    this.errors = errors ?? {}
  }
}

/**
 * A JSON request to the gateway (same origin as the UI), with the signed-in user's bearer token. A 401 means the
 * token expired or was refused: the session ends and the sign-in form comes back.
 */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const session = currentSession()
  const auth: Record<string, string> = session ? { Authorization: `Bearer ${session.token}` } : {}
  const response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...auth, ...init?.headers } })
  if (response.status === 401) {
    signOut()
  }
  if (!response.ok) {
    let title = response.statusText
    let detail: string | undefined
    let errors: Record<string, string[]> | undefined
    try {
      const problem = await response.json()
      title = problem.title ?? title
      detail = problem.detail
      errors = problem.errors
    } catch {
      // not a problem+json body
    }
    throw new ApiError(response.status, title, detail, errors)
  }
  return (await response.json()) as T
}

/** A JSON POST (or other method) to the gateway; `key` becomes the Idempotency-Key header. */
export function sendJson<T>(path: string, body: unknown, options: { method?: string; idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
  return getJson<T>(path, { method: options.method ?? 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

/** A fresh idempotency key for one user action (a double click sends the same key, so one order). */
export const newIdempotencyKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: false, retry: 1, staleTime: 2_000 },
    },
  })
}
