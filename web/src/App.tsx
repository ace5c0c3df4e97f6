import { Route, Routes } from 'react-router-dom'
import { Layout } from './components/Layout'
import { Dashboard } from './pages/Dashboard'
import { ServicePage } from './pages/ServicePage'
import { SystemPage } from './pages/SystemPage'
import { NotFound } from './pages/NotFound'
import { pages } from './routes'

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Dashboard />} />
        <Route path="system" element={<SystemPage />} />
        {pages
          .filter((p) => p.path !== '/' && p.path !== '/system')
          .map((p) => (
            <Route key={p.path} path={p.path.slice(1)} element={<ServicePage page={p} />} />
          ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  )
}
