import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../api/client'
import { hasRole, useSession } from '../api/auth'
import type { Discrepancy, ReconciliationRun, ResolveResult } from '../api/opsTypes'
import { Panel, table, td, th } from '../components/ui/Panel'
import { DiscrepancySeverityBadge, RunOutcome } from '../components/ops/Badges'
import { dateTime, duration } from '../ops/ops'

export const runsKey = ['reconciliation', 'runs']
const discrepanciesKey = (status: string, severity: string) => ['reconciliation', 'discrepancies', status, severity]

const input = 'rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm focus:border-sky-500 focus:outline-none'
const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'
const button = 'rounded px-2.5 py-1 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-40'

/** A local or broker value: a number with up to 4 decimals, or — when that side has none. */
const value = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 4 }))

function discrepanciesPath(status: string, severity: string) {
  const params = new URLSearchParams()
  if (status) params.set('status', status)
  if (severity) params.set('severity', severity)
  params.set('limit', '200')
  return `/api/reconciliation/discrepancies?${params}`
}

function RunsPanel({ admin }: { admin: boolean }) {
  const queryClient = useQueryClient()
  const runs = useQuery({
    queryKey: runsKey,
    queryFn: () => getJson<ReconciliationRun[]>('/api/reconciliation/runs?limit=25'),
    refetchInterval: 30_000,
  })
  const [expanded, setExpanded] = useState<string | null>(null)
  const runNow = useMutation({
    mutationFn: () => sendJson<ReconciliationRun[]>('/api/reconciliation/runs', {}),
    onSuccess: (fresh) => {
      queryClient.setQueryData<ReconciliationRun[]>(runsKey, (list) => [...fresh, ...(list ?? []).filter((r) => !fresh.some((f) => f.id === r.id))])
      void queryClient.invalidateQueries({ queryKey: ['reconciliation'] })
    },
  })

  return (
    <Panel title="Runs" testId="runs-panel" actions={
      <button type="button" data-testid="run-now" disabled={!admin || runNow.isPending} onClick={() => runNow.mutate()}
        title={admin ? 'Compare every account with the broker now' : 'Only an admin can run reconciliation'}
        className={`${button} bg-sky-700 text-white hover:bg-sky-600`}>
        {runNow.isPending ? 'Running…' : 'Run now'}
      </button>
    }>
      {runNow.isSuccess && (
        <div role="status" data-testid="run-result" className="mb-3 rounded bg-slate-950 px-3 py-2 text-sm">
          {runNow.data.length === 0 ? 'No accounts to reconcile.' : runNow.data.map((r) => (
            <div key={r.id} data-testid={`run-result-${r.accountId}`}>
              <span className="font-mono">{r.accountId}</span>:{' '}
              {r.error ? <span className="text-red-400">failed — {r.error}</span>
                : r.isClean ? <span className="text-emerald-400">clean</span>
                  : <span className="text-amber-400">{r.discrepancyCount} discrepanc{r.discrepancyCount === 1 ? 'y' : 'ies'}</span>}
              <span className="text-slate-500"> · {r.positionsChecked} position{r.positionsChecked === 1 ? '' : 's'} checked in {duration(r.durationMs)}</span>
            </div>
          ))}
        </div>
      )}
      {runNow.isError && (
        <p role="alert" className="mb-3 text-sm text-red-400">
          Reconciliation failed: {runNow.error instanceof ApiError ? runNow.error.message : 'request failed'}
        </p>
      )}
      {runs.isError && <p role="alert" className="text-red-400">Runs unavailable: {runs.error.message}</p>}
      <table className={table} data-testid="runs">
        <thead>
          <tr>
            <th className={th}>Started</th><th className={th}>Account</th><th className={th}>Trigger</th><th className={th}>Result</th>
            <th className={`${th} text-right`}>Positions</th><th className={`${th} text-right`}>Duration</th><th className={th} />
          </tr>
        </thead>
        <tbody>
          {runs.data?.map((r) => (
            <RunRows key={r.id} run={r} open={expanded === r.id} onToggle={() => setExpanded(expanded === r.id ? null : r.id)} />
          ))}
          {(runs.isPending || runs.data?.length === 0) && (
            <tr><td colSpan={7} className={`${td} py-3 text-slate-500`}>{runs.isPending ? 'Loading…' : 'No runs yet.'}</td></tr>
          )}
        </tbody>
      </table>
    </Panel>
  )
}

function RunRows({ run: r, open, onToggle }: { run: ReconciliationRun; open: boolean; onToggle: () => void }) {
  const details = r.discrepancies.length > 0 || r.error
  return (
    <>
      <tr data-testid={`run-${r.id}`} data-outcome={r.error ? 'error' : r.isClean ? 'clean' : 'discrepancies'}>
        <td className={`${td} whitespace-nowrap text-slate-300`}>{dateTime(r.startedAt)}</td>
        <td className={`${td} font-mono`}>{r.accountId}</td>
        <td className={`${td} text-slate-400`}>{r.trigger}</td>
        <td className={td}><RunOutcome run={r} /></td>
        <td className={`${td} text-right`}>{r.positionsChecked}</td>
        <td className={`${td} text-right text-slate-400`}>{duration(r.durationMs)}</td>
        <td className={`${td} text-right`}>
          {details && (
            <button type="button" onClick={onToggle} aria-expanded={open} className="text-xs text-sky-400 hover:underline">
              {open ? 'Hide' : 'Details'}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={7} className="border-t border-slate-800/80 bg-slate-950/60 px-3 py-2 text-xs">
            {r.error && <p className="mb-1 text-red-400">{r.error}</p>}
            {r.discrepancies.map((d) => (
              <div key={d.discrepancyId} className="flex items-center gap-2 py-0.5">
                <DiscrepancySeverityBadge severity={d.severity} />
                <span className="font-mono text-slate-300">{d.type}</span>
                {d.symbol && <span className="font-mono">{d.symbol}</span>}
                <span className="text-slate-400">{d.message}</span>
              </div>
            ))}
          </td>
        </tr>
      )}
    </>
  )
}

function ResolveForm({ discrepancy, onDone, onResolved }: {
  discrepancy: Discrepancy; onDone: () => void; onResolved: (result: ResolveResult) => void
}) {
  const queryClient = useQueryClient()
  const [note, setNote] = useState('')
  const resolve = useMutation({
    mutationFn: () => sendJson<ResolveResult>(`/api/reconciliation/discrepancies/${discrepancy.id}/resolve`, { note: note.trim() || null }),
    onSuccess: (result) => {
      // The outcome shows above the table: a resolved discrepancy leaves the open list (and this form with it).
      onResolved(result)
      onDone()
      void queryClient.invalidateQueries({ queryKey: ['reconciliation'] })
      void queryClient.invalidateQueries({ queryKey: ['risk', 'state'] })
    },
  })
  return (
    <form aria-label="Resolve discrepancy" className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => { e.preventDefault(); resolve.mutate() }}>
      <div className="min-w-64 flex-1">
        <label className={label} htmlFor={`note-${discrepancy.id}`}>Resolution note (audited)</label>
        <input id={`note-${discrepancy.id}`} className={`${input} w-full`} maxLength={1000} value={note} autoFocus
          placeholder="What was found and done" onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" data-testid="resolve-confirm" disabled={resolve.isPending}
        className={`${button} bg-emerald-700 text-white hover:bg-emerald-600`}>{resolve.isPending ? 'Resolving…' : 'Resolve'}</button>
      <button type="button" onClick={onDone} className={`${button} border border-slate-700 text-slate-300`}>Cancel</button>
      {resolve.isError && (
        <p role="alert" className="w-full text-xs text-red-400">
          {resolve.error instanceof ApiError ? resolve.error.message : 'The discrepancy was not resolved.'}
        </p>
      )}
    </form>
  )
}

function DiscrepanciesPanel({ admin }: { admin: boolean }) {
  const [status, setStatus] = useState('open')
  const [severity, setSeverity] = useState('')
  const [resolving, setResolving] = useState<string | null>(null)
  const [resolved, setResolved] = useState<ResolveResult | null>(null)
  const path = discrepanciesPath(status, severity)
  const list = useQuery({
    queryKey: discrepanciesKey(status, severity),
    queryFn: () => getJson<Discrepancy[]>(path),
    refetchInterval: 30_000,
  })
  return (
    <Panel title={`Discrepancies (${list.data?.length ?? 0})`} testId="discrepancies-panel" actions={
      <form aria-label="Discrepancy filters" className="flex items-center gap-2" onSubmit={(e) => e.preventDefault()}>
        <label className="sr-only" htmlFor="discrepancy-status">Status</label>
        <select id="discrepancy-status" className={input} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="open">Open</option><option value="resolved">Resolved</option><option value="">All</option>
        </select>
        <label className="sr-only" htmlFor="discrepancy-severity">Severity</label>
        <select id="discrepancy-severity" className={input} value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">Every severity</option><option value="critical">Critical</option>
          <option value="warning">Warning</option><option value="info">Info</option>
        </select>
      </form>
    }>
      {list.isError && <p role="alert" className="text-red-400">Discrepancies unavailable: {list.error.message}</p>}
      {resolved && (
        <p role="status" data-testid="resolve-result" className="mb-3 rounded bg-slate-950 px-3 py-2 text-sm text-emerald-400">
          Resolved {resolved.discrepancy.type}{resolved.discrepancy.symbol ? ` ${resolved.discrepancy.symbol}` : ''} on {resolved.discrepancy.accountId}
          {resolved.tradingResumed ? '; trading resumed (it was the last critical discrepancy).' : '.'}
          <button type="button" onClick={() => setResolved(null)} className="ml-2 text-xs text-slate-400 underline">Dismiss</button>
        </p>
      )}
      <table className={table} data-testid="discrepancies">
        <thead>
          <tr>
            <th className={th}>Severity</th><th className={th}>Type</th><th className={th}>Account</th><th className={th}>Symbol</th>
            <th className={`${th} text-right`}>Ours</th><th className={`${th} text-right`}>Broker</th><th className={th}>Message</th>
            <th className={th}>Seen</th><th className={th}>Status</th><th className={th} />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((d) => (
            <DiscrepancyRows key={d.id} discrepancy={d} admin={admin} resolving={resolving === d.id}
              onResolve={() => { setResolving(d.id); setResolved(null) }} onDone={() => setResolving(null)} onResolved={setResolved} />
          ))}
          {(list.isPending || list.data?.length === 0) && (
            <tr><td colSpan={10} className={`${td} py-3 text-slate-500`}>
              {list.isPending ? 'Loading…' : status === 'open' ? 'No open discrepancies: our books match the broker’s.' : 'No discrepancies match.'}
            </td></tr>
          )}
        </tbody>
      </table>
    </Panel>
  )
}

function DiscrepancyRows({ discrepancy: d, admin, resolving, onResolve, onDone, onResolved }: {
  discrepancy: Discrepancy; admin: boolean; resolving: boolean; onResolve: () => void; onDone: () => void
  onResolved: (result: ResolveResult) => void
}) {
  return (
    <>
      <tr data-testid={`discrepancy-${d.id}`} data-severity={d.severity} data-status={d.status}>
        <td className={td}><DiscrepancySeverityBadge severity={d.severity} /></td>
        <td className={`${td} font-mono text-slate-300`}>{d.type}</td>
        <td className={`${td} font-mono`}>{d.accountId}</td>
        <td className={`${td} font-mono`}>{d.symbol ?? '—'}</td>
        <td className={`${td} text-right`}>{value(d.localValue)}</td>
        <td className={`${td} text-right`}>{value(d.brokerValue)}</td>
        <td className={`${td} max-w-md text-slate-300`}>{d.message}</td>
        <td className={`${td} whitespace-nowrap text-xs text-slate-400`} title={`first ${dateTime(d.firstSeenAt)}`}>
          {dateTime(d.lastSeenAt)}{d.occurrences > 1 && <span className="text-slate-500"> ×{d.occurrences}</span>}
        </td>
        <td className={`${td} text-xs`}>
          {d.status === 'resolved'
            ? <span className="text-slate-400" title={d.resolutionNote ?? undefined}>resolved by {d.resolvedBy}</span>
            : <span className="text-amber-300">open</span>}
        </td>
        <td className={`${td} text-right`}>
          {d.status === 'open' && !resolving && (
            <button type="button" data-testid="resolve" disabled={!admin} onClick={onResolve}
              title={admin ? 'Mark as resolved with a note' : 'Only an admin can resolve discrepancies'}
              className={`${button} border border-slate-700 text-slate-200 hover:border-emerald-500`}>Resolve</button>
          )}
        </td>
      </tr>
      {resolving && (
        <tr><td colSpan={10} className="border-t border-slate-800/80 bg-slate-950/60 px-3 py-2"><ResolveForm discrepancy={d} onDone={onDone} onResolved={onResolved} /></td></tr>
      )}
    </>
  )
}

export function ReconciliationPage() {
  const admin = hasRole(useSession(), 'admin')
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Reconciliation</h1>
        <span className="text-sm text-slate-500">Our books against the broker’s</span>
      </div>
      <DiscrepanciesPanel admin={admin} />
      <RunsPanel admin={admin} />
    </div>
  )
}
