import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { getJson } from '../../api/client'
import type { ReconciliationRun } from '../../api/opsTypes'
import { Panel } from '../ui/Panel'
import { RunOutcome } from './Badges'
import { dateTime } from '../../ops/ops'

/** The dashboard's view of reconciliation: each account's latest run (clean, or how many discrepancies it found). */
export function LatestReconciliationPanel() {
  const runs = useQuery({
    queryKey: ['reconciliation', 'runs', 'dashboard'],
    queryFn: () => getJson<ReconciliationRun[]>('/api/reconciliation/runs?limit=10'),
    refetchInterval: 30_000,
  })
  // Newest first: the first run seen of each account is its latest.
  const latest = (runs.data ?? []).filter((r, i, all) => all.findIndex((x) => x.accountId === r.accountId) === i)
  return (
    <Panel title="Latest reconciliation" testId="latest-reconciliation"
      actions={<Link to="/reconciliation" className="text-xs text-sky-400 hover:underline">Reconciliation →</Link>}>
      {runs.isError && <p role="alert" className="text-sm text-red-400">Reconciliation unavailable: {runs.error.message}</p>}
      {runs.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {runs.isSuccess && latest.length === 0 && <p className="text-sm text-slate-500">No reconciliation has run yet.</p>}
      <ul className="space-y-1.5 text-sm">
        {latest.map((r) => (
          <li key={r.id} data-testid={`latest-run-${r.accountId}`} className="flex items-center gap-3">
            <span className="w-20 truncate font-mono">{r.accountId}</span>
            <RunOutcome run={r} />
            <span className="ml-auto text-xs tabular-nums text-slate-400" title={`${r.trigger} run, ${r.positionsChecked} positions checked`}>
              {dateTime(r.completedAt ?? r.startedAt)}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  )
}
