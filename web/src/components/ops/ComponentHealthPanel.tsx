import { useQuery } from '@tanstack/react-query'
import { getJson } from '../../api/client'
import type { PlatformHealth } from '../../api/opsTypes'
import { dateTime } from '../../ops/ops'
import { Panel, table, td, th } from '../ui/Panel'
import { HealthBadge } from './Badges'

/**
 * GET /api/health: every component the operations service watches (each service's liveness, PostgreSQL, Redis,
 * RabbitMQ), as of its last round of probes. A down component has raised a component_unhealthy alert.
 */
export function ComponentHealthPanel() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => getJson<PlatformHealth>('/api/health'),
    refetchInterval: 10_000,
    retry: false,
  })
  const h = health.data
  return (
    <Panel title="Component health" testId="component-health"
      actions={h && <>
        <span className="text-xs text-slate-500">checked {dateTime(h.checkedAt)} · every {h.intervalSeconds} s</span>
        <HealthBadge status={h.overall} testId="health-overall" />
      </>}>
      {health.isError && (
        <p role="alert" className="text-sm text-red-400">
          Health unavailable: {health.error.message} (the operations service watches the others; when it is down, see the Aspire dashboard)
        </p>
      )}
      {health.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {h && h.components.length === 0 && <p className="text-sm text-slate-500">No probe has completed yet.</p>}
      {h && h.components.length > 0 && (
        <table className={table}>
          <thead>
            <tr>
              <th className={th}>Component</th>
              <th className={th}>Status</th>
              <th className={th}>Since</th>
              <th className={`${th} text-right`}>Latency</th>
              <th className={th}>Last problem</th>
            </tr>
          </thead>
          <tbody>
            {h.components.map((c) => (
              <tr key={c.component} data-testid={`health-${c.component}`}>
                <td className={`${td} font-mono`}>{c.component}</td>
                <td className={td}>
                  <HealthBadge status={c.status} testId="health-status" />
                  {c.status === 'healthy' && c.consecutiveFailures > 0 && (
                    <span className="ml-2 text-xs text-amber-300">{c.consecutiveFailures} failed probe</span>
                  )}
                </td>
                <td className={`${td} tabular-nums text-slate-400`}>{dateTime(c.since)}</td>
                <td className={`${td} text-right tabular-nums`}>{c.latencyMs === null ? '—' : `${c.latencyMs.toFixed(1)} ms`}</td>
                <td className={`${td} text-slate-400`}>{c.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  )
}
