import { useSyncExternalStore } from 'react'

export type RoleName = 'viewer' | 'trader' | 'admin'

/** Who is signed in: the gateway's token and what it allows. Kept in sessionStorage (gone when the tab closes). */
export interface Session {
  token: string
  user: string
  roles: RoleName[]
  /** Epoch milliseconds. */
  expiresAt: number
}

const storageKey = 'aq.session'
const rank: Record<RoleName, number> = { viewer: 1, trader: 2, admin: 3 }
const listeners = new Set<() => void>()
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null }

function notify() {
  for (const listener of listeners) listener()
}

/** The session in force, or null when nobody is signed in or the token has expired. */
export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(storageKey)
  if (raw !== cached.raw) {
    let session: Session | null = null
    try {
      session = raw ? (JSON.parse(raw) as Session) : null
    } catch {
      session = null
    }
    cached = { raw, session }
  }
  return cached.session && cached.session.expiresAt > Date.now() ? cached.session : null
}

export function saveSession(session: Session) {
  sessionStorage.setItem(storageKey, JSON.stringify(session))
  notify()
}

export function signOut() {
  sessionStorage.removeItem(storageKey)
  notify()
}

/** Whether the session's highest role reaches the one needed (an admin may do what a trader may). */
export function hasRole(session: Session | null, needed: RoleName): boolean {
  return !!session && session.roles.some((r) => (rank[r] ?? 0) >= rank[needed])
}

export class SignInError extends Error {}

/** POST /api/auth/token; keeps the token for every later request. */
export async function signIn(username: string, password: string): Promise<Session> {
  const response = await fetch('/api/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!response.ok) {
    let message = response.status === 429 ? 'Too many attempts; wait a minute and try again.' : 'Sign-in failed.'
    try {
      const problem = await response.json()
      message = problem.detail ?? problem.title ?? message
    } catch {
      // not a problem+json body
    }
    throw new SignInError(message)
  }
  const body = (await response.json()) as { access_token: string; expires_in: number; roles: RoleName[] }
  const session: Session = {
    token: body.access_token,
    user: username.trim().toLowerCase(),
    roles: body.roles,
    expiresAt: Date.now() + body.expires_in * 1000,
  }
  saveSession(session)
  return session
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  const onStorage = (e: StorageEvent) => e.key === storageKey && listener()
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** The current session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession)
}
