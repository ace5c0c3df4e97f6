import { NavLink, Outlet } from 'react-router-dom'
import { pages } from '../routes'
import { TradingStateBadge } from './TradingStateBadge'
import { KillSwitchButton } from './KillSwitchButton'
import { signOut, useSession } from '../api/auth'

export function Layout() {
  const session = useSession()
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center gap-4 border-b border-slate-800 bg-slate-900 px-4 py-2">
        <span className="text-lg font-semibold tracking-wide">AQ Trading</span>
        <TradingStateBadge />
        <div className="ml-auto flex items-center gap-3">
          <KillSwitchButton />
          <span data-testid="signed-in-user" className="text-sm text-slate-400">
            {session?.user} ({session?.roles.join(', ')})
          </span>
          <button type="button" onClick={signOut} className="rounded px-2 py-1 text-sm text-slate-300 hover:bg-slate-800">
            Sign out
          </button>
        </div>
      </header>
      <div className="flex flex-1">
        <nav aria-label="Pages" className="w-52 shrink-0 border-r border-slate-800 bg-slate-900/60 py-3">
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <NavLink
                  to={p.path}
                  end={p.path === '/'}
                  className={({ isActive }) =>
                    `block px-4 py-1.5 text-sm ${isActive ? 'bg-slate-800 font-medium text-white' : 'text-slate-400 hover:text-white'}`
                  }
                >
                  {p.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main className="flex-1 p-6">
          <Outlet />
        </main>
      </div>
    </div>
  )
}
