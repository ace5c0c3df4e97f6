import { useQuery } from '@tanstack/react-query'
import { getJson } from '../api/client'
import type { ServiceInfo } from '../api/types'

export function useServiceInfo(area: string) {
  return useQuery({
    queryKey: ['info', area],
    queryFn: () => getJson<ServiceInfo>(`/api/${area}/info`),
    refetchInterval: 10_000,
  })
}

/** One service's live status as its /api/{area}/info reports it. */
export function ServiceStatus({ area }: { area: string }) {
  const { data, isError, error, isPending } = useServiceInfo(area)
  return (
    <tr data-testid={`service-${area}`} className="border-t border-slate-800">
      <td className="py-1.5 pr-4 font-mono text-sm">/api/{area}</td>
      <td className="py-1.5 pr-4 text-sm">{data?.service ?? '—'}</td>
      <td className="py-1.5 pr-4 text-sm">
        {isPending ? (
          <span className="text-slate-400">checking…</span>
        ) : isError ? (
          <span className="text-red-400" title={error.message}>down</span>
        ) : (
          <span className="text-emerald-400">up</span>
        )}
      </td>
      <td className="py-1.5 pr-4 text-sm">{data ? `${data.database.name} (${data.database.appliedMigrations.length} migrations)` : '—'}</td>
      <td className="py-1.5 text-sm">{data ? data.outbox.pending : '—'}</td>
    </tr>
  )
}

export function ServiceTable({ areas }: { areas: readonly string[] }) {
  return (
    <table className="w-full text-left">
      <thead>
        <tr className="text-xs uppercase text-slate-400">
          <th className="pb-2">API</th>
          <th className="pb-2">Service</th>
          <th className="pb-2">Status</th>
          <th className="pb-2">Database</th>
          <th className="pb-2">Outbox pending</th>
        </tr>
      </thead>
      <tbody>
        {areas.map((area) => (
          <ServiceStatus key={area} area={area} />
        ))}
      </tbody>
    </table>
  )
}
