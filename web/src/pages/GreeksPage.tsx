import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { ApiError, getJson, sendJson } from '../api/client'
import type { Account } from '../api/types'
import { hasRole, useSession } from '../api/auth'
import { channels } from '../live/live'
import { useLive } from '../live/useLive'
import { quantity } from '../format'
import { Panel, table, td, th } from '../components/ui/Panel'
import {
  breachStyle, buildLimitsBody, compactMoney, levelStyles, limitedGreeks, limitsToFields, parseShocks, utilisation, type LimitsFields,
} from '../greeks/utilisation'
import type {
  AccountGreeks, DollarGreeks, GreekLevels, GreeksAggregate, GreeksAlert, GreeksHistory, GreeksLimitsView, LimitedGreek, ScenarioView,
} from '../greeks/types'

const input = 'w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm tabular-nums focus:border-sky-500 focus:outline-none'
const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'
const button = 'rounded px-2.5 py-1 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-40'

const dollars = (value: number) => value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
const when = (iso: string) => new Date(iso).toLocaleString('en-US', { hour12: false })
const signedTone = (value: number) => (value < 0 ? 'text-red-300' : 'text-slate-100')

const greeksKey = (accountId: string) => ['greeks', accountId]
const limitsKey = (accountId: string) => ['greeks', accountId, 'limits']

/** One limited Greek: its value, and a bar of its use of the hard limit with the warn and crit marks. */
export function GreekCard({ metric, title, hint, value, levels }: {
  metric: LimitedGreek; title: string; hint: string; value: number | undefined; levels: GreekLevels | undefined
}) {
  const u = value !== undefined && levels ? utilisation(value, levels) : null
  const style = u ? levelStyles[u.level] : null
  return (
    <div data-testid={`greek-${metric}`} data-level={u?.level ?? 'unknown'}
      className="rounded-md border border-slate-800 bg-slate-900/70 p-3" title={hint}>
      <div className="flex items-center text-[11px] uppercase tracking-wide text-slate-500">
        {title}
        {u && u.level !== 'normal' && (
          <span className={`ml-auto rounded px-1.5 text-[10px] font-semibold ${style!.badge}`}>{u.level}</span>
        )}
      </div>
      <div data-testid="value" className={`mt-1 text-xl font-semibold tabular-nums ${value === undefined ? 'text-slate-500' : signedTone(value)}`}>
        {value === undefined ? '—' : dollars(value)}
      </div>
      <div className="relative mt-2 h-2 rounded bg-slate-800" role="meter" aria-label={`${title} use of the hard limit`}
        aria-valuemin={0} aria-valuemax={100} aria-valuenow={u ? Math.round(Math.min(u.pct, 100)) : 0}>
        {u && <div data-testid="bar" className={`h-2 rounded ${style!.bar}`} style={{ width: `${Math.min(u.pct, 100)}%` }} />}
        {levels && (['warn', 'crit'] as const).map((l) => (
          <span key={l} title={`${l} ${dollars(levels[l])}`} className="absolute top-[-2px] h-3 w-px bg-slate-400"
            style={{ left: `${Math.min((levels[l] / levels.hard) * 100, 100)}%` }} />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs tabular-nums text-slate-500">
        <span data-testid="utilisation" className={style?.text}>{u ? `${u.pct.toFixed(1)}% of hard` : 'no limit'}</span>
        {levels && <span>hard ±{compactMoney(levels.hard)}</span>}
      </div>
    </div>
  )
}

function Coverage({ a }: { a: GreeksAggregate }) {
  return (
    <span className={a.isCoverageSufficient ? 'text-slate-300' : 'text-amber-300'} title={`${a.validLegs} of ${a.totalLegs} positions priced`}>
      {a.coveragePct.toFixed(0)}%
    </span>
  )
}

function AggregateTable({ title, rows, testId, empty }: { title: string; rows: [string, GreeksAggregate][]; testId: string; empty: string }) {
  return (
    <Panel title={title} testId={`${testId}-panel`}>
      <table className={table} data-testid={testId}>
        <thead>
          <tr>
            <th className={th}>{testId === 'strategy-greeks' ? 'Strategy' : 'Underlying'}</th>
            <th className={`${th} text-right`}>Δ$</th><th className={`${th} text-right`}>Γ$</th>
            <th className={`${th} text-right`}>Vega 1%</th><th className={`${th} text-right`}>Θ/day</th>
            <th className={`${th} text-right`}>Coverage</th><th className={`${th} text-right`}>Legs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, a]) => (
            <tr key={id} data-testid={`${testId}-${id}`}>
              <td className={`${td} font-mono`}>{id === '_unassigned_' ? <span className="text-slate-400">manual</span> : id}</td>
              <td className={`${td} text-right ${signedTone(a.greeks.dollarDelta)}`}>{dollars(a.greeks.dollarDelta)}</td>
              <td className={`${td} text-right ${signedTone(a.greeks.gammaDollar)}`}>{dollars(a.greeks.gammaDollar)}</td>
              <td className={`${td} text-right ${signedTone(a.greeks.vegaPer1Pct)}`}>{dollars(a.greeks.vegaPer1Pct)}</td>
              <td className={`${td} text-right ${signedTone(a.greeks.thetaPerDay)}`}>{dollars(a.greeks.thetaPerDay)}</td>
              <td className={`${td} text-right`}><Coverage a={a} />{a.isStale && <span className="ml-1 text-amber-400" title="stale quotes">*</span>}</td>
              <td className={`${td} text-right text-slate-400`}>{a.validLegs}/{a.totalLegs}</td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={7} className={`${td} py-3 text-slate-500`}>{empty}</td></tr>}
        </tbody>
      </table>
    </Panel>
  )
}

function PositionsTable({ greeks }: { greeks: AccountGreeks | undefined }) {
  const positions = greeks?.positions ?? []
  return (
    <Panel title="Positions" testId="position-greeks-panel">
      <table className={table} data-testid="position-greeks">
        <thead>
          <tr className="whitespace-nowrap">
            <th className={th}>Symbol</th><th className={th}>Strategy</th><th className={th}>Kind</th><th className={`${th} text-right`}>Qty</th>
            <th className={`${th} text-right`} title="The underlying's price used">Und. px</th><th className={`${th} text-right`}>Vol</th>
            <th className={`${th} text-right`}>Δ$</th><th className={`${th} text-right`}>Γ$</th>
            <th className={`${th} text-right`}>Vega 1%</th><th className={`${th} text-right`}>Θ/day</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={`${p.symbol}-${p.strategyId}`} data-testid={`position-greeks-${p.symbol}`} className={p.valid ? '' : 'text-slate-500'}>
              <td className={`${td} font-mono`}>
                {p.symbol}
                {p.warning && <div className="max-w-xs text-xs text-amber-400" data-testid="warning">{p.warning}</div>}
              </td>
              <td className={`${td} text-slate-400`}>{p.strategyId ?? 'manual'}</td>
              <td className={td}>{p.kind}</td>
              <td className={`${td} text-right ${p.quantity < 0 ? 'text-red-300' : ''}`}>{quantity(p.quantity)}</td>
              <td className={`${td} text-right`}>{p.underlyingPrice === null ? '—' : p.underlyingPrice.toFixed(2)}</td>
              <td className={`${td} whitespace-nowrap text-right`} title={p.volatilitySource ?? undefined}>
                {p.volatility === null ? '—' : `${(p.volatility * 100).toFixed(1)}%`}
                {p.volatilitySource === 'default' && <span className="text-slate-500" title="default volatility (no solvable quote)"> d</span>}
              </td>
              <td className={`${td} text-right`}>{dollars(p.greeks.dollarDelta)}</td>
              <td className={`${td} text-right`}>{dollars(p.greeks.gammaDollar)}</td>
              <td className={`${td} text-right`}>{dollars(p.greeks.vegaPer1Pct)}</td>
              <td className={`${td} text-right`}>{dollars(p.greeks.thetaPerDay)}</td>
            </tr>
          ))}
          {greeks && positions.length === 0 && <tr><td colSpan={10} className={`${td} py-3 text-slate-500`}>No positions.</td></tr>}
        </tbody>
      </table>
    </Panel>
  )
}

const chartColours: Record<LimitedGreek, string> = {
  dollarDelta: '#38bdf8', gammaDollar: '#a78bfa', vegaPer1Pct: '#34d399', thetaPerDay: '#fbbf24',
}

function HistoryChart({ accountId, limits }: { accountId: string; limits: GreeksLimitsView | undefined }) {
  const [window, setWindow] = useState('1h')
  const [metric, setMetric] = useState<LimitedGreek>('dollarDelta')
  const history = useQuery({
    queryKey: ['greeks', accountId, 'history', window],
    queryFn: () => getJson<GreeksHistory>(`/api/greeks/accounts/${encodeURIComponent(accountId)}/history?window=${window}`),
    refetchInterval: 30_000,
  })
  const data = (history.data?.points ?? []).map((p) => ({ time: new Date(p.time).getTime(), value: p.greeks[metric] }))
  const levels = limits?.limits[metric]
  const span = window === '1h' || window === '4h'
  return (
    <Panel title="History" testId="greeks-history"
      actions={<>
        <label className="sr-only" htmlFor="history-metric">Greek</label>
        <select id="history-metric" className="rounded border border-slate-700 bg-slate-950 px-1.5 py-0.5 text-xs" value={metric}
          onChange={(e) => setMetric(e.target.value as LimitedGreek)}>
          {limitedGreeks.map((g) => <option key={g.key} value={g.key}>{g.label}</option>)}
        </select>
        <div className="flex overflow-hidden rounded border border-slate-700 text-xs" role="group" aria-label="Window">
          {['1h', '4h', '1d', '7d'].map((w) => (
            <button key={w} type="button" aria-pressed={window === w} onClick={() => setWindow(w)}
              className={`px-2 py-0.5 ${window === w ? 'bg-slate-700 text-white' : 'text-slate-400 hover:bg-slate-800'}`}>{w}</button>
          ))}
        </div>
      </>}>
      {history.isError && <p role="alert" className="text-sm text-red-400">History unavailable: {history.error.message}</p>}
      {history.data && data.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">No snapshots in the last {window} yet (one every 30 s while positions are held).</p>
      ) : (
        <div className="h-56" data-testid="history-chart" data-points={data.length}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 224 }}>
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="#1e293b" />
              <XAxis dataKey="time" type="number" scale="time" domain={['dataMin', 'dataMax']} stroke="#64748b" fontSize={11}
                tickFormatter={(t: number) => new Date(t).toLocaleString('en-US', span
                  ? { hour: '2-digit', minute: '2-digit', hour12: false }
                  : { month: 'short', day: 'numeric', hour: '2-digit', hour12: false })} />
              <YAxis stroke="#64748b" fontSize={11} width={64} tickFormatter={(v: number) => compactMoney(v)} />
              <Tooltip contentStyle={{ background: '#0f172a', border: '1px solid #334155', fontSize: 12 }}
                labelFormatter={(t) => new Date(Number(t)).toLocaleString('en-US', { hour12: false })}
                formatter={(v) => [dollars(Number(v)), limitedGreeks.find((g) => g.key === metric)!.label]} />
              {levels && (['warn', 'crit', 'hard'] as const).flatMap((l) => [levels[l], -levels[l]].map((y) => (
                <ReferenceLine key={`${l}${y}`} y={y} stroke={l === 'hard' ? '#dc2626' : l === 'crit' ? '#f97316' : '#fbbf24'}
                  strokeDasharray="4 4" ifOverflow="hidden" />
              )))}
              <Line type="monotone" dataKey="value" stroke={chartColours[metric]} dot={false} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      {history.data && <p className="mt-1 text-[11px] text-slate-500">Averaged per {history.data.bucket}; dashed lines: the account's limits (off scale when far).</p>}
    </Panel>
  )
}

function AlertsPanel({ accountId }: { accountId: string }) {
  const queryClient = useQueryClient()
  const isAdmin = hasRole(useSession(), 'admin')
  const [showAcknowledged, setShowAcknowledged] = useState(false)
  const alerts = useQuery({
    queryKey: ['greeks', accountId, 'alerts', showAcknowledged],
    queryFn: () => getJson<GreeksAlert[]>(`/api/greeks/accounts/${encodeURIComponent(accountId)}/alerts?acknowledged=${showAcknowledged}`),
    refetchInterval: 15_000,
  })
  const acknowledge = useMutation({
    mutationFn: (id: string) => sendJson<GreeksAlert>(`/api/greeks/alerts/${id}/acknowledge`, undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['greeks', accountId, 'alerts'] }),
  })
  return (
    <Panel title="Alerts" testId="greeks-alerts"
      actions={
        <label className="flex items-center gap-1 text-xs text-slate-400">
          <input type="checkbox" checked={showAcknowledged} onChange={(e) => setShowAcknowledged(e.target.checked)} /> acknowledged
        </label>
      }>
      {alerts.isError && <p role="alert" className="text-sm text-red-400">Alerts unavailable: {alerts.error.message}</p>}
      {acknowledge.isError && <p role="alert" className="mb-2 text-sm text-red-400">Not acknowledged: {acknowledge.error.message}</p>}
      <ul className="max-h-72 space-y-1.5 overflow-y-auto text-sm" data-testid="alerts">
        {alerts.data?.map((a) => (
          <li key={a.alertId} data-testid={`alert-${a.alertId}`} className="rounded border border-slate-800 bg-slate-950/60 p-2">
            <div className="flex items-center gap-2">
              <span className={`rounded px-1.5 text-[10px] font-semibold uppercase ${breachStyle(a.level)}`}>{a.level}</span>
              <span className="font-mono text-xs text-slate-300">{a.scope}{a.scope !== 'account' && ` ${a.scopeId}`} · {a.metric}</span>
              <span className="ml-auto text-[11px] text-slate-500">{when(a.createdAt)}</span>
            </div>
            <p className="mt-1 text-slate-300">{a.message}</p>
            <div className="mt-1 flex items-center text-xs tabular-nums text-slate-500">
              {dollars(a.value)} against {dollars(a.threshold)}
              {a.acknowledgedAt ? (
                <span className="ml-auto">acknowledged by {a.acknowledgedBy} {when(a.acknowledgedAt)}</span>
              ) : (
                <button type="button" disabled={!isAdmin || acknowledge.isPending} onClick={() => acknowledge.mutate(a.alertId)}
                  title={isAdmin ? 'Acknowledge' : 'An admin can acknowledge alerts'} data-testid="acknowledge"
                  className={`${button} ml-auto border border-slate-600 text-slate-200 hover:border-sky-500`}>Acknowledge</button>
              )}
            </div>
          </li>
        ))}
        {alerts.data?.length === 0 && <li className="py-2 text-slate-500">{showAcknowledged ? 'No acknowledged alerts.' : 'No open alerts.'}</li>}
      </ul>
    </Panel>
  )
}

function ScenarioPanel({ accountId }: { accountId: string }) {
  const [text, setText] = useState('1, 2, 5')
  const [shocks, setShocks] = useState('1,2,5')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const path = `/api/greeks/accounts/${encodeURIComponent(accountId)}/scenario?shocks=${encodeURIComponent(shocks)}`
  const scenario = useQuery({ queryKey: ['greeks', 'scenario', path], queryFn: () => getJson<ScenarioView>(path), retry: false, refetchInterval: 30_000 })
  const rows = Object.values(scenario.data?.scenarios ?? {}).sort((a, b) => b.shockPct - a.shockPct)
  return (
    <Panel title="Price shocks" testId="scenario">
      <form aria-label="Scenario" className="mb-3 flex items-end gap-2" onSubmit={(e) => {
        e.preventDefault()
        const parsed = parseShocks(text)
        setFieldError(parsed === null ? 'Shocks are percentages separated by commas, e.g. 1, 2, 5.' : null)
        if (parsed !== null) setShocks(parsed)
      }}>
        <div className="flex-1">
          <label className={label} htmlFor="scenario-shocks">Underlyings move by ± (%)</label>
          <input id="scenario-shocks" className={input} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" data-testid="scenario-run" className={`${button} border border-slate-600 text-slate-200 hover:bg-slate-800`}>Run</button>
      </form>
      {fieldError && <p role="alert" className="mb-2 text-sm text-red-400">{fieldError}</p>}
      {scenario.isError && <p role="alert" className="mb-2 text-sm text-red-400" data-testid="scenario-error">{scenario.error.message}</p>}
      <table className={table} data-testid="scenario-table">
        <thead>
          <tr className="whitespace-nowrap">
            <th className={th}>Move</th><th className={`${th} text-right`} title="Δ$·x">Δ P&L</th><th className={`${th} text-right`} title="½·Γ$·x²">Γ P&L</th>
            <th className={`${th} text-right`}>Total</th><th className={`${th} text-right`}>New Δ$</th><th className={`${th} pl-2`}>Breach</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.shock} data-testid={`scenario-${s.shock}`}>
              <td className={`${td} font-mono`}>{s.shock}</td>
              <td className={`${td} text-right ${signedTone(s.pnlFromDelta)}`}>{dollars(s.pnlFromDelta)}</td>
              <td className={`${td} text-right ${signedTone(s.pnlFromGamma)}`}>{dollars(s.pnlFromGamma)}</td>
              <td className={`${td} text-right font-medium ${s.pnlImpact < 0 ? 'text-red-400' : s.pnlImpact > 0 ? 'text-emerald-400' : ''}`}>{dollars(s.pnlImpact)}</td>
              <td className={`${td} text-right`}>{dollars(s.newDollarDelta)}</td>
              <td className={`${td} pl-2`}>
                <span className={`rounded px-1.5 text-[10px] font-semibold uppercase ${breachStyle(s.breachLevel)}`}>{s.breachLevel}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-[11px] text-slate-500">Every underlying moves at once; P&L = Δ$·x + ½·Γ$·x². Volatility shocks are not offered by the API.</p>
    </Panel>
  )
}

function LimitsPanel({ accountId, limits }: { accountId: string; limits: GreeksLimitsView | undefined }) {
  const isAdmin = hasRole(useSession(), 'admin')
  const queryClient = useQueryClient()
  const [fields, setFields] = useState<LimitsFields | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const save = useMutation({
    mutationFn: (body: unknown) => sendJson<GreeksLimitsView>(`/api/greeks/accounts/${encodeURIComponent(accountId)}/limits`, body, { method: 'PUT' }),
    onSuccess: (view) => {
      queryClient.setQueryData(limitsKey(accountId), view)
      setFields(null)
      setMessage({ text: 'Limits saved.', error: false })
    },
    onError: (e) => {
      if (e instanceof ApiError) setErrors(Object.fromEntries(Object.entries(e.errors).map(([k, v]) => [k, v.join(' ')])))
      setMessage({ text: e instanceof ApiError ? e.message : 'The limits were not saved.', error: true })
    },
  })
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    if (!fields) return
    const built = buildLimitsBody(fields)
    setErrors(built.errors ?? {})
    setMessage(built.errors ? { text: 'Every level must be a number.', error: true } : null)
    if (built.body) save.mutate(built.body)
  }
  const editing = fields !== null
  return (
    <Panel title="Limits" testId="greeks-limits"
      actions={<>
        {limits && (
          <span className="text-xs text-slate-500">
            {limits.isDefault ? 'defaults' : `set by ${limits.updatedBy ?? '?'}${limits.updatedAt ? ` ${when(limits.updatedAt)}` : ''}`}
          </span>
        )}
        {!editing && (
          <button type="button" data-testid="limits-edit" disabled={!isAdmin || !limits}
            title={isAdmin ? 'Edit the account\'s Greeks limits' : 'An admin can edit limits'}
            onClick={() => { setFields(limitsToFields(limits!.limits)); setErrors({}); setMessage(null) }}
            className={`${button} border border-slate-600 text-slate-200 hover:border-sky-500`}>Edit</button>
        )}
      </>}>
      <form aria-label="Greeks limits" onSubmit={onSubmit}>
        <table className={table} data-testid="limits-table">
          <thead>
            <tr><th className={th}>Greek</th><th className={`${th} text-right`}>Warn</th><th className={`${th} text-right`}>Crit</th><th className={`${th} text-right`}>Hard</th></tr>
          </thead>
          <tbody>
            {limitedGreeks.map(({ key, label: name }) => (
              <tr key={key} data-testid={`limits-${key}`}>
                <td className={`${td} text-slate-300 ${editing ? 'align-top pt-2 text-xs' : 'whitespace-nowrap'}`}>
                  {name}
                  {errors[key] && <div className="text-xs text-red-400">{errors[key]}</div>}
                </td>
                {(['warn', 'crit', 'hard'] as const).map((level) => (
                  <td key={level} className={`${td} text-right ${editing ? 'align-top' : ''}`}>
                    {editing ? (
                      <>
                        <input aria-label={`${name} ${level}`} className={`${input} ml-auto block w-[5.5rem] text-right`} inputMode="decimal"
                          value={fields[key][level]} aria-invalid={errors[`${key}.${level}`] ? true : undefined}
                          onChange={(e) => setFields((f) => f && ({ ...f, [key]: { ...f[key], [level]: e.target.value } }))} />
                        {errors[`${key}.${level}`] && (
                          <div className="max-w-[10rem] text-left text-xs text-red-400" data-testid={`limits-error-${key}.${level}`}>{errors[`${key}.${level}`]}</div>
                        )}
                      </>
                    ) : (limits ? dollars(limits.limits[key][level]) : '—')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {editing && (
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" onClick={() => { setFields(null); setErrors({}); setMessage(null) }}
              className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800">Cancel</button>
            <button type="submit" data-testid="limits-save" disabled={save.isPending}
              className="rounded bg-sky-700 px-3 py-1 text-sm font-semibold text-white hover:bg-sky-600 disabled:opacity-50">
              {save.isPending ? 'Saving…' : 'Save limits'}
            </button>
          </div>
        )}
        {message && (
          <p role={message.error ? 'alert' : 'status'} data-testid="limits-message"
            className={`mt-2 text-sm ${message.error ? 'text-red-400' : 'text-emerald-400'}`}>{message.text}</p>
        )}
      </form>
    </Panel>
  )
}

function Summary({ greeks, error }: { greeks: AccountGreeks | undefined; error: Error | null }) {
  if (error && !greeks) return <p role="alert" className="text-sm text-red-400">Greeks unavailable: {error.message}</p>
  if (!greeks) return <p className="text-sm text-slate-500">Computing…</p>
  const a = greeks.account
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-400" data-testid="greeks-summary">
      <span>computed {when(greeks.computedAt)}</span>
      <span>coverage <Coverage a={a} /> ({a.validLegs}/{a.totalLegs} legs)</span>
      <span title="P&L of a 1 % move from gamma alone">Γ P&L 1% {dollars(a.greeks.gammaPnl1Pct)}</span>
      {a.isStale
        ? <span className="rounded bg-amber-500 px-1.5 font-semibold text-black" data-testid="greeks-stale">stale quotes ({Math.round(a.stalenessSeconds)} s)</span>
        : <span>quotes {Math.round(a.stalenessSeconds)} s old</span>}
      {!a.isCoverageSufficient && <span className="text-amber-300">coverage below 95 %: some positions are not priced</span>}
      {error && <span className="text-amber-300">refresh failed: {error.message}</span>}
    </div>
  )
}

export function GreeksPage() {
  const queryClient = useQueryClient()
  const accounts = useQuery({ queryKey: ['portfolio', 'accounts'], queryFn: () => getJson<Account[]>('/api/portfolio/accounts') })
  const accountId = accounts.data?.[0]?.id ?? 'paper'
  const greeks = useQuery({
    queryKey: greeksKey(accountId),
    queryFn: () => getJson<AccountGreeks>(`/api/greeks/accounts/${encodeURIComponent(accountId)}`),
    refetchInterval: 30_000, // risk pushes every refresh on greeks:updates; this only heals a missed push
  })
  useLive<AccountGreeks>(channels.greeks, (pushed) => {
    if (pushed?.accountId === accountId) queryClient.setQueryData(greeksKey(accountId), pushed)
  })
  const limits = useQuery({
    queryKey: limitsKey(accountId),
    queryFn: () => getJson<GreeksLimitsView>(`/api/greeks/accounts/${encodeURIComponent(accountId)}/limits`),
    refetchInterval: 60_000,
  })
  const g: DollarGreeks | undefined = greeks.data?.account.greeks
  const byName = (record: Record<string, GreeksAggregate> | undefined) => Object.entries(record ?? {}).sort(([x], [y]) => x.localeCompare(y))

  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Greeks <span className="text-sm font-normal text-slate-500">· account {accountId}</span></h1>
        <Summary greeks={greeks.data} error={greeks.error} />
      </div>
      {limits.isError && <p role="alert" className="text-sm text-red-400">Limits unavailable: {limits.error.message}</p>}
      <div className="grid grid-cols-2 gap-3 xl:grid-cols-4" data-testid="greek-cards">
        {limitedGreeks.map(({ key, label: title, hint }) => (
          <GreekCard key={key} metric={key} title={title} hint={hint} value={g?.[key]} levels={limits.data?.limits[key]} />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[1fr_27rem]">
        <div className="min-w-0 space-y-4">
          <HistoryChart accountId={accountId} limits={limits.data} />
          <AggregateTable title="Strategies" testId="strategy-greeks" rows={byName(greeks.data?.strategies)} empty="No strategy holds a position." />
          <AggregateTable title="Underlyings" testId="underlying-greeks" rows={byName(greeks.data?.underlyings)} empty="No positions." />
          <PositionsTable greeks={greeks.data} />
        </div>
        <div className="space-y-4">
          <AlertsPanel accountId={accountId} />
          <ScenarioPanel accountId={accountId} />
          <LimitsPanel accountId={accountId} limits={limits.data} />
        </div>
      </div>
    </div>
  )
}
