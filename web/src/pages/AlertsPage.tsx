import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../api/client'
import { hasRole, useSession } from '../api/auth'
import type { Alert, AlertDelivery, AlertPage, AlertStats } from '../api/opsTypes'
import { Panel, table, td, th } from '../components/ui/Panel'
import { AlertSeverityBadge } from '../components/ops/Badges'
import { alertTypes, alertsQuery, dateTime, pageInfo, prettyJson, type AlertFilters } from '../ops/ops'

const pageSize = 25
const input = 'rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm focus:border-sky-500 focus:outline-none'
const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'
const button = 'rounded px-2.5 py-1 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-40'

function Stat({ label: name, value, tone = 'text-slate-100', testId }: { label: string; value: string; tone?: string; testId?: string }) {
  return (
    <div className="min-w-0">
      <div className="text-[11px] uppercase tracking-wide text-slate-500">{name}</div>
      <div data-testid={testId} className={`text-lg font-semibold tabular-nums ${tone}`}>{value}</div>
    </div>
  )
}

function StatsPanel() {
  const stats = useQuery({ queryKey: ['alerts', 'stats'], queryFn: () => getJson<AlertStats>('/api/alerts/stats'), refetchInterval: 15_000 })
  const s = stats.data
  const topTypes = s ? Object.entries(s.byType).sort((a, b) => b[1] - a[1]).slice(0, 4) : []
  return (
    <Panel title="Last 24 hours" testId="alert-stats">
      {stats.isError && <p role="alert" className="text-sm text-red-400">Statistics unavailable: {stats.error.message}</p>}
      {s ? (
        <div className="grid grid-cols-2 gap-x-6 gap-y-3 md:grid-cols-6">
          <Stat label="Alerts" value={String(s.total24h)} testId="stats-total" />
          <Stat label="Unacknowledged" value={String(s.unacknowledged)} tone={s.unacknowledged > 0 ? 'text-amber-300' : 'text-slate-100'} testId="stats-unacknowledged" />
          <Stat label="SEV1" value={String(s.bySeverity.SEV1 ?? 0)} tone={(s.bySeverity.SEV1 ?? 0) > 0 ? 'text-red-400' : 'text-slate-100'} />
          <Stat label="SEV2" value={String(s.bySeverity.SEV2 ?? 0)} tone={(s.bySeverity.SEV2 ?? 0) > 0 ? 'text-amber-300' : 'text-slate-100'} />
          <Stat label="SEV3" value={String(s.bySeverity.SEV3 ?? 0)} />
          <Stat label="Delivered" value={`${(s.deliverySuccessRate * 100).toFixed(1)}%`}
            tone={s.deliverySuccessRate < 1 ? 'text-amber-300' : 'text-emerald-400'} testId="stats-delivery" />
          {topTypes.length > 0 && (
            <div className="col-span-2 text-xs text-slate-400 md:col-span-6">
              {topTypes.map(([type, count]) => <span key={type} className="mr-4"><span className="font-mono">{type}</span> {count}</span>)}
            </div>
          )}
        </div>
      ) : !stats.isError && <p className="text-sm text-slate-500">Loading…</p>}
    </Panel>
  )
}

function Deliveries({ alertId }: { alertId: string }) {
  const deliveries = useQuery({
    queryKey: ['alerts', alertId, 'deliveries'],
    queryFn: () => getJson<AlertDelivery[]>(`/api/alerts/${alertId}/deliveries`),
    refetchInterval: 5_000, // retries follow 1, 2, 4, 8, 16 s apart
  })
  if (deliveries.isError) return <p role="alert" className="text-red-400">Deliveries unavailable: {deliveries.error.message}</p>
  if (deliveries.isPending) return <p className="text-slate-500">Loading deliveries…</p>
  if (deliveries.data.length === 0) return <p className="text-slate-500" data-testid="deliveries">No delivery attempts yet.</p>
  return (
    <table className={table} data-testid="deliveries">
      <thead>
        <tr><th className={th}>Channel</th><th className={th}>Destination</th><th className={`${th} text-right`}>Attempt</th>
          <th className={th}>Status</th><th className={th}>Response</th><th className={th}>Time</th></tr>
      </thead>
      <tbody>
        {deliveries.data.map((d) => (
          <tr key={d.id} data-testid="delivery" data-status={d.status}>
            <td className={td}>{d.channel}</td>
            <td className={`${td} font-mono`}>{d.destination}</td>
            <td className={`${td} text-right`}>{d.attempt}</td>
            <td className={`${td} ${d.status === 'sent' ? 'text-emerald-400' : 'text-red-400'}`}>{d.status}</td>
            <td className={`${td} text-slate-400`}>{d.responseCode ?? ''}{d.error ? ` ${d.error}` : ''}</td>
            <td className={`${td} whitespace-nowrap text-slate-400`}>{dateTime(d.sentAt ?? d.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AlertRows({ alert: a, open, onToggle, canAcknowledge, onAcknowledged }: {
  alert: Alert; open: boolean; onToggle: () => void; canAcknowledge: boolean; onAcknowledged: (a: Alert) => void
}) {
  const acknowledge = useMutation({
    mutationFn: () => sendJson<Alert>(`/api/alerts/${a.id}/acknowledge`, undefined),
    onSuccess: onAcknowledged,
  })
  const scope = [a.accountId, a.symbol, a.strategyId].filter(Boolean).join(' · ')
  return (
    <>
      <tr data-testid={`alert-${a.id}`} data-type={a.type} data-acknowledged={a.acknowledgedAt ? 'true' : 'false'}>
        <td className={td}><AlertSeverityBadge severity={a.severity} /></td>
        <td className={`${td} whitespace-nowrap text-slate-300`}>{dateTime(a.createdAt)}</td>
        <td className={`${td} font-mono text-xs text-slate-300`}>{a.type}</td>
        <td className={td}>
          {a.summary}
          {a.suppressedCount > 0 && <span className="ml-2 text-xs text-slate-500" title="Repeats within 10 minutes">+{a.suppressedCount} repeats</span>}
        </td>
        <td className={`${td} font-mono text-xs text-slate-400`}>{scope || '—'}</td>
        <td className={`${td} text-xs`} data-testid="ack-status">
          {a.acknowledgedAt
            ? <span className="text-slate-400" title={dateTime(a.acknowledgedAt)}>acknowledged by {a.acknowledgedBy}</span>
            : <span className="text-amber-300">open</span>}
          {acknowledge.isError && (
            <span role="alert" className="block text-red-400">{acknowledge.error instanceof ApiError ? acknowledge.error.message : 'Failed.'}</span>
          )}
        </td>
        <td className={`${td} whitespace-nowrap text-right`}>
          <button type="button" onClick={onToggle} aria-expanded={open} data-testid="alert-details"
            className="mr-2 text-xs text-sky-400 hover:underline">{open ? 'Hide' : 'Deliveries'}</button>
          {!a.acknowledgedAt && (
            <button type="button" data-testid="acknowledge" disabled={!canAcknowledge || acknowledge.isPending} onClick={() => acknowledge.mutate()}
              title={canAcknowledge ? 'Acknowledge this alert' : 'A trader can acknowledge alerts'}
              className={`${button} border border-slate-700 text-slate-200 hover:border-sky-500`}>
              {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={7} className="border-t border-slate-800/80 bg-slate-950/60 px-3 py-2 text-xs">
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-[1fr_20rem]">
              <div>
                <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">Deliveries</h3>
                <Deliveries alertId={a.id} />
              </div>
              <div>
                <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">Details</h3>
                <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-[11px] text-slate-300">{prettyJson(a.details)}</pre>
              </div>
            </div>
          </td>
        </tr>
      )}
    </>
  )
}

export function AlertsPage() {
  const queryClient = useQueryClient()
  const canAcknowledge = hasRole(useSession(), 'trader')
  const [filters, setFilters] = useState<AlertFilters>({ severity: '', type: '', status: '' })
  const [offset, setOffset] = useState(0)
  const [open, setOpen] = useState<string | null>(null)
  const path = alertsQuery(filters, offset, pageSize)
  const alerts = useQuery({ queryKey: ['alerts', 'list', path], queryFn: () => getJson<AlertPage>(path), refetchInterval: 15_000 })
  const setFilter = (key: keyof AlertFilters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }))
    setOffset(0)
  }
  const page = alerts.data ? pageInfo(alerts.data.offset, alerts.data.limit, alerts.data.total) : null
  const onAcknowledged = (a: Alert) => {
    queryClient.setQueryData<AlertPage>(['alerts', 'list', path], (p) => p && { ...p, alerts: p.alerts.map((x) => (x.id === a.id ? a : x)) })
    void queryClient.invalidateQueries({ queryKey: ['alerts'] })
  }

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Alerts</h1>
      <StatsPanel />
      <Panel title="Alerts" testId="alerts-panel" actions={page && <span className="text-xs text-slate-500" data-testid="alerts-page">{page.text}</span>}>
        <form aria-label="Alert filters" className="mb-3 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label className={label} htmlFor="alert-severity">Severity</label>
            <select id="alert-severity" className={input} value={filters.severity} onChange={(e) => setFilter('severity', e.target.value)}>
              <option value="">All</option><option value="1">SEV1 critical</option><option value="2">SEV2 warning</option><option value="3">SEV3 info</option>
            </select>
          </div>
          <div>
            <label className={label} htmlFor="alert-type">Source</label>
            <select id="alert-type" className={input} value={filters.type} onChange={(e) => setFilter('type', e.target.value)}>
              <option value="">All</option>
              {alertTypes.map((t) => <option key={t} value={t}>{t.replaceAll('_', ' ')}</option>)}
            </select>
          </div>
          <div>
            <label className={label} htmlFor="alert-status">Status</label>
            <select id="alert-status" className={input} value={filters.status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">All</option><option value="open">Unacknowledged</option><option value="acknowledged">Acknowledged</option>
            </select>
          </div>
        </form>
        {alerts.isError && <p role="alert" className="text-red-400">Alerts unavailable: {alerts.error.message}</p>}
        <table className={table} data-testid="alerts">
          <thead>
            <tr>
              <th className={th}>Sev</th><th className={th}>Raised</th><th className={th}>Type</th><th className={th}>Summary</th>
              <th className={th}>Scope</th><th className={th}>Status</th><th className={th} />
            </tr>
          </thead>
          <tbody>
            {alerts.data?.alerts.map((a) => (
              <AlertRows key={a.id} alert={a} open={open === a.id} onToggle={() => setOpen(open === a.id ? null : a.id)}
                canAcknowledge={canAcknowledge} onAcknowledged={onAcknowledged} />
            ))}
            {(alerts.isPending || alerts.data?.alerts.length === 0) && (
              <tr><td colSpan={7} className={`${td} py-3 text-slate-500`}>{alerts.isPending ? 'Loading…' : 'No alerts match.'}</td></tr>
            )}
          </tbody>
        </table>
        {page && (page.hasPrevious || page.hasNext) && (
          <div className="mt-3 flex items-center justify-end gap-2">
            <button type="button" disabled={!page.hasPrevious} onClick={() => setOffset(page.previous)}
              className={`${button} border border-slate-700 text-slate-300`}>← Newer</button>
            <button type="button" disabled={!page.hasNext} onClick={() => setOffset(page.next)}
              className={`${button} border border-slate-700 text-slate-300`}>Older →</button>
          </div>
        )}
      </Panel>
    </div>
  )
}
