import { useQuery } from '@tanstack/react-query'
import { getJson } from '../api/client'
import { table, td, th } from './ui/Panel'
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
    <tr data-testid={`service-${area}`}>
      <td className={`${td} font-mono`}>/api/{area}</td>
      <td className={td}>{data?.service ?? '—'}</td>
      <td className={td}>
        {isPending ? (
          <span className="text-slate-400">checking…</span>
        ) : isError ? (
          <span className="text-red-400" title={error.message}>down</span>
        ) : (
          <span className="text-emerald-400">up</span>
        )}
      </td>
      <td className={td}>{data ? `${data.database.name} (${data.database.appliedMigrations.length} migrations)` : '—'}</td>
      <td className={`${td} font-mono text-xs text-slate-400`}>{data?.version ?? '—'}</td>
      <td className={`${td} text-slate-400`}>{data ? new Date(data.startedAt).toLocaleString('en-US', { hour12: false }) : '—'}</td>
      <td className={`${td} text-right`}>{data ? data.outbox.pending : '—'}</td>
    </tr>
  )
}

export function ServiceTable({ areas }: { areas: readonly string[] }) {
  return (
    <table className={table}>
      <thead>
        <tr>
          <th className={th}>API</th>
          <th className={th}>Service</th>
          <th className={th}>Status</th>
          <th className={th}>Database</th>
          <th className={th}>Version</th>
          <th className={th}>Up since</th>
          <th className={`${th} text-right`}>Outbox pending</th>
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
