import { QueryClient } from '@tanstack/react-query'

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

/** GET a JSON resource from the gateway (same origin as the UI). */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } })
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
