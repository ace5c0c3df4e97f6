import '@testing-library/jest-dom/vitest'
import { saveSession } from '../api/auth'

// Every test starts signed in as an admin unless it signs out (the sign-in tests do).
beforeEach(() => saveSession({ token: 'test-token', user: 'admin', roles: ['admin'], expiresAt: Date.now() + 3_600_000 }))
afterEach(() => sessionStorage.clear())

// No WebSocket in component tests: every test gets a fresh fake live client (test/fakeLive.ts).
import { setLiveClientFactory, liveClient } from '../live/live'
import { FakeLive } from './fakeLive'
beforeEach(() => setLiveClientFactory(() => new FakeLive()))

/** The fake live client the components of the current test subscribe through. */
export const fakeLive = () => liveClient() as FakeLive
