import { Route, Routes } from 'react-router-dom'
import { Layout } from './components/Layout'
import { Dashboard } from './pages/Dashboard'
import { ServicePage } from './pages/ServicePage'
import { SystemPage } from './pages/SystemPage'
import { StrategiesPage } from './pages/StrategiesPage'
import { MarketPage } from './pages/MarketPage'
import { OrdersPage } from './pages/OrdersPage'
import { BacktestPage } from './pages/BacktestPage'
import { AgentsPage } from './pages/AgentsPage'
import { ReconciliationPage } from './pages/ReconciliationPage'
import { AlertsPage } from './pages/AlertsPage'
import { AuditPage } from './pages/AuditPage'
import { DerivativesPage } from './pages/DerivativesPage'
import { GreeksPage } from './pages/GreeksPage'
import { useEffect } from 'react'
import { setLiveClient } from './live/live'
import { NotFound } from './pages/NotFound'
import { pages } from './routes'
import { useSession } from './api/auth'
import { SignIn } from './components/SignIn'

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
