import { useState, type FormEvent } from 'react'
import { SignInError, signIn } from '../api/auth'

/** The form shown while nobody is signed in: user name and password, sent to POST /api/auth/token. */
export function SignIn() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    setError(null)
    try {
      await signIn(username, password)
    } catch (err) {
      setError(err instanceof SignInError ? err.message : 'The gateway cannot be reached.')
      setPending(false)
    }
  }

  return (
    <div className="flex min-h-screen items-center justify-center">
      <form onSubmit={submit} aria-label="Sign in" className="w-80 rounded-lg border border-slate-800 bg-slate-900 p-6 shadow-xl">
        <h1 className="mb-4 text-lg font-semibold">AQ Trading — sign in</h1>
        <label className="block text-sm text-slate-300">
          User name
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)}
            className="mt-1 w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-white" />
        </label>
        <label className="mt-3 block text-sm text-slate-300">
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="mt-1 w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-white" />
        </label>
        {error && <p role="alert" className="mt-3 rounded bg-red-950 p-2 text-sm text-red-300">{error}</p>}
        <button type="submit" disabled={pending}
          className="mt-4 w-full rounded bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-600 disabled:opacity-50">
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  )
}
