import { NavLink, Outlet } from 'react-router-dom'
import { pages, type PageRoute } from '../routes'
import { TradingStateBadge } from './TradingStateBadge'
import { KillSwitchButton } from './KillSwitchButton'
import { LiveIndicator } from './LiveIndicator'
import { signOut, useSession } from '../api/auth'

const groups: PageRoute['group'][] = ['Trading', 'Research', 'Risk', 'Operations']

export function Layout() {
  const session = useSession()
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center gap-4 border-b border-slate-800 bg-slate-900 px-4 py-2">
        <span className="text-base font-semibold tracking-wide">AQ Trading</span>
        <TradingStateBadge />
        <LiveIndicator />
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
        <nav aria-label="Pages" className="w-48 shrink-0 border-r border-slate-800 bg-slate-900/60 py-2">
          {groups.map((group) => (
            <div key={group} className="mb-2">
              <div className="px-4 pb-1 pt-2 text-[10px] font-semibold uppercase tracking-widest text-slate-600">{group}</div>
              <ul>
                {pages.filter((p) => p.group === group).map((p) => (
                  <li key={p.path}>
                    <NavLink
                      to={p.path}
                      end={p.path === '/'}
                      className={({ isActive }) =>
                        `block border-l-2 px-4 py-1 text-sm ${isActive ? 'border-sky-500 bg-slate-800/80 font-medium text-white' : 'border-transparent text-slate-400 hover:text-white'}`
                      }
                    >
                      {p.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main className="min-w-0 flex-1 p-5">
          <Outlet />
        </main>
      </div>
    </div>
  )
}
