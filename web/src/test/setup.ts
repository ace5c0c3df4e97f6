import '@testing-library/jest-dom/vitest'
import { saveSession } from '../api/auth'

// Every test starts signed in as an admin unless it signs out (the sign-in tests do).
beforeEach(() => saveSession({ token: 'test-token', user: 'admin', roles: ['admin'], expiresAt: Date.now() + 3_600_000 }))
afterEach(() => sessionStorage.clear())
