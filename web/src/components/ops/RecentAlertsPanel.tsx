import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { getJson } from '../../api/client'
import type { AlertPage } from '../../api/opsTypes'
import { Panel } from '../ui/Panel'
import { AlertSeverityBadge } from './Badges'
import { dateTime } from '../../ops/ops'

/** The dashboard's latest alerts, newest first, with whether someone has acknowledged them. */
export function RecentAlertsPanel() {
  const alerts = useQuery({
    queryKey: ['alerts', 'dashboard'],
    queryFn: () => getJson<AlertPage>('/api/alerts?offset=0&limit=6'),
    refetchInterval: 15_000,
  })
  const unacknowledged = alerts.data?.alerts.filter((a) => !a.acknowledgedAt).length ?? 0
  return (
    <Panel title="Recent alerts" testId="recent-alerts"
      actions={<>
        {unacknowledged > 0 && <span className="text-xs text-amber-300">{unacknowledged} unacknowledged</span>}
        <Link to="/alerts" className="text-xs text-sky-400 hover:underline">Alerts →</Link>
      </>}>
      {alerts.isError && <p role="alert" className="text-sm text-red-400">Alerts unavailable: {alerts.error.message}</p>}
      {alerts.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {alerts.data?.alerts.length === 0 && <p className="text-sm text-slate-500">No alerts.</p>}
      <ul className="space-y-1.5 text-sm">
        {alerts.data?.alerts.map((a) => (
          <li key={a.id} data-testid={`recent-alert-${a.id}`} className="flex items-center gap-2">
            <AlertSeverityBadge severity={a.severity} />
            <span className={`min-w-0 flex-1 truncate ${a.acknowledgedAt ? 'text-slate-400' : ''}`} title={a.summary}>{a.summary}</span>
            <span className="shrink-0 text-xs tabular-nums text-slate-500">{dateTime(a.createdAt)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  )
}
