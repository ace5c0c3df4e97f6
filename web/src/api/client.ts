import { QueryClient } from '@tanstack/react-query'
import { currentSession, signOut } from './auth'

/** An RFC 7807 error from a service, with the sentence meant for the user. */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  constructor(status: number, title: string, detail?: string) {
    super(detail ?? title)
    this.status = status
    this.title = title
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
    try {
      const problem = await response.json()
      title = problem.title ?? title
      detail = problem.detail
    } catch {
      // not a problem+json body
    }
    throw new ApiError(response.status, title, detail)
  }
  return (await response.json()) as T
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: false, retry: 1, staleTime: 2_000 },
    },
  })
}
