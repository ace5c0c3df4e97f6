import { Route, Routes } from 'react-router-dom'
import { Layout } from './components/Layout'
import { Dashboard } from './pages/Dashboard'
import { ServicePage } from './pages/ServicePage'
import { lazy, Suspense, useEffect, type ComponentType } from 'react'
import { setLiveClient } from './live/live'
import { NotFound } from './pages/NotFound'
import { pages } from './routes'
import { useSession } from './api/auth'
import { SignIn } from './components/SignIn'

/**
 * Every page but the dashboard loads on first visit (its own chunk: the Greeks page's charting library alone is most of
 * the bundle), behind a short "Loading…".
 */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  const Page = lazy(async () => ({ default: pick(await load()) }))
  return function LazyPage() {
    return (
      <Suspense fallback={<p data-testid="page-loading" className="text-sm text-slate-500">Loading…</p>}>
        <Page />
      </Suspense>
    )
  }
}

const OrdersPage = lazyPage(() => import('./pages/OrdersPage'), (m) => m.OrdersPage)
const SystemPage = lazyPage(() => import('./pages/SystemPage'), (m) => m.SystemPage)
const StrategiesPage = lazyPage(() => import('./pages/StrategiesPage'), (m) => m.StrategiesPage)
const MarketPage = lazyPage(() => import('./pages/MarketPage'), (m) => m.MarketPage)
const BacktestPage = lazyPage(() => import('./pages/BacktestPage'), (m) => m.BacktestPage)
const AgentsPage = lazyPage(() => import('./pages/AgentsPage'), (m) => m.AgentsPage)
const ReconciliationPage = lazyPage(() => import('./pages/ReconciliationPage'), (m) => m.ReconciliationPage)
const AlertsPage = lazyPage(() => import('./pages/AlertsPage'), (m) => m.AlertsPage)
const AuditPage = lazyPage(() => import('./pages/AuditPage'), (m) => m.AuditPage)
const DerivativesPage = lazyPage(() => import('./pages/DerivativesPage'), (m) => m.DerivativesPage)
const GreeksPage = lazyPage(() => import('./pages/GreeksPage'), (m) => m.GreeksPage)

/** Pages with their own component; the others show their backing service until they are built. */
const builtPages = new Set([
  '/', '/orders', '/system', '/strategies', '/market', '/backtest', '/agents', '/reconciliation', '/alerts', '/audit', '/derivatives', '/greeks',
])

export function App() {
  const session = useSession()
  const signedIn = session !== null
  useEffect(() => {
    // Signing out closes the live connection; the next sign-in opens one with the new token.
    if (!signedIn) setLiveClient(null)
  }, [signedIn])
  if (!session) {
    return <SignIn />
  }
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Dashboard />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="system" element={<SystemPage />} />
        <Route path="strategies" element={<StrategiesPage />} />
        <Route path="market" element={<MarketPage />} />
        <Route path="backtest" element={<BacktestPage />} />
        <Route path="agents" element={<AgentsPage />} />
        <Route path="reconciliation" element={<ReconciliationPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="derivatives" element={<DerivativesPage />} />
        <Route path="greeks" element={<GreeksPage />} />
        {pages
          .filter((p) => !builtPages.has(p.path))
          .map((p) => (
            <Route key={p.path} path={p.path.slice(1)} element={<ServicePage page={p} />} />
          ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  )
}
