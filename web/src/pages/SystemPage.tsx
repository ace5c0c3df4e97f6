import { useQuery } from '@tanstack/react-query'
import { ApiError, getJson } from '../api/client'
import { ServiceTable } from '../components/ServiceStatus'
import { ComponentHealthPanel } from '../components/ops/ComponentHealthPanel'
import { Panel } from '../components/ui/Panel'
import { TradingStatePanel } from '../components/TradingStatePanel'
import { serviceAreas } from '../routes'

/** GET /api/risk/system: the degradation mode, why, what it still allows, and each dependency's health. */
export interface SystemStatus {
  mode: string
  reasons: string[]
  allowed: Record<string, boolean>
  dependencies: { name: string; healthy: boolean; detail: string | null }[]
}

/** Splits camelCase permission names into words: "openPositions" → "open positions". */
export const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()

function SystemMode() {
  const system = useQuery({
    queryKey: ['risk', 'system'],
    queryFn: () => getJson<SystemStatus>('/api/risk/system'),
    refetchInterval: 10_000,
    retry: false,
  })
  if (system.isPending) return <p className="text-sm text-slate-500">Loading…</p>
  if (system.isError) {
    const notYet = system.error instanceof ApiError && system.error.status === 404
    return (
      <p data-testid="system-mode-unavailable" className="text-sm text-slate-400">
        {notYet ? 'This risk service does not report a degradation mode yet (GET /api/risk/system answers 404).'
          : `Degradation mode unavailable: ${system.error.message}`}
      </p>
    )
  }
  const s = system.data
  return (
    <div className="space-y-3 text-sm" data-testid="system-mode">
      <p>Mode <span className={`ml-2 rounded px-2 py-0.5 text-xs font-semibold uppercase ${s.mode === 'normal' ? 'bg-emerald-700' : 'bg-amber-600 text-black'}`}>{s.mode}</span></p>
      {s.reasons.length > 0 && <ul className="list-disc pl-5 text-amber-300">{s.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
      <div className="flex flex-wrap gap-2">
        {Object.entries(s.allowed).map(([name, ok]) => (
          <span key={name} className={`rounded border px-2 py-0.5 text-xs ${ok ? 'border-emerald-800 text-emerald-300' : 'border-red-800 text-red-300'}`}>
            {ok ? '✓' : '✗'} {words(name)}
          </span>
        ))}
      </div>
      {s.dependencies.length > 0 && (
        <table className="w-full text-left text-[13px]">
          <tbody>
            {s.dependencies.map((d) => (
              <tr key={d.name} className="border-t border-slate-800">
                <td className="py-1">{d.name}</td>
                <td className={`py-1 ${d.healthy ? 'text-emerald-400' : 'text-red-400'}`}>{d.healthy ? 'healthy' : 'unhealthy'}</td>
                <td className="py-1 text-slate-400">{d.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export function SystemPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">System</h1>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <TradingStatePanel />
        <Panel title="Degradation mode" testId="system-mode-panel"><SystemMode /></Panel>
      </div>
      <ComponentHealthPanel />
      <Panel title="Services" testId="services-panel">
        <ServiceTable areas={serviceAreas} />
      </Panel>
    </div>
  )
}
