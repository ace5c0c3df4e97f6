import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { getJson } from '../api/client'
import type { SignalPage, Strategy, StrategyStatus } from '../api/types'

const money = (value: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value)

const signed = (value: number) => (value > 0 ? 'text-emerald-400' : value < 0 ? 'text-red-400' : '')

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—')

const statusColours: Record<StrategyStatus, string> = {
  stopped: 'bg-slate-700 text-slate-200',
  warming_up: 'bg-amber-500 text-black',
  running: 'bg-emerald-600 text-white',
  error: 'bg-red-600 text-white',
}

const failedOrderStatuses = new Set(['rejected', 'invalid', 'send_failed'])

export function StrategyStatusBadge({ status }: { status: StrategyStatus }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${statusColours[status] ?? 'bg-slate-700 text-slate-200'}`}>
      {status.replace('_', ' ')}
    </span>
  )
}

const postJson = (path: string, body?: unknown) =>
  getJson<Strategy>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

function StrategyRow({ strategy: s, selected, onSelect }: { strategy: Strategy; selected: boolean; onSelect: () => void }) {
  const queryClient = useQueryClient()
  const action = useMutation({
    mutationFn: (verb: 'start' | 'stop') =>
      postJson(`/api/strategies/${encodeURIComponent(s.id)}/${verb}`, verb === 'start' ? { mode: 'paper' } : undefined),
    onSuccess: (updated) => {
      queryClient.setQueryData<Strategy[]>(['strategies'], (list) => list?.map((x) => (x.id === updated.id ? updated : x)))
      void queryClient.invalidateQueries({ queryKey: ['strategies'] })
    },
  })
  const active = s.status === 'running' || s.status === 'warming_up'
  const { runtime: r } = s
  const button = 'rounded px-2 py-0.5 text-xs font-semibold disabled:opacity-40'

  return (
    <>
      <tr data-testid={`strategy-${s.id}`} className={`border-t border-slate-800 ${selected ? 'bg-slate-800/60' : ''}`}>
        <td className="py-1.5 pr-3">
          <button type="button" onClick={onSelect} aria-pressed={selected} title="Show its signals"
            className="font-mono text-sky-400 hover:underline">
            {s.id}
          </button>
        </td>
        <td className="py-1.5 pr-3 text-slate-300">{s.kind}</td>
        <td className="py-1.5 pr-3 text-slate-400">{s.accountId}</td>
        <td className="py-1.5 pr-3 font-mono">{s.symbols.join(', ')} <span className="text-slate-500">{s.resolution}</span></td>
        <td className="py-1.5 pr-3">
          <StrategyStatusBadge status={s.status} />
          {s.status === 'warming_up' && s.warmupBars !== null && (
            <span className="ml-2 text-xs text-slate-400">{s.warmupBars} bars</span>
          )}
          {s.lastError && (
            <div className="mt-1 max-w-xs text-xs text-red-400" data-testid={`strategy-error-${s.id}`}>
              {s.lastError}
              {s.errorAt && <span className="block text-slate-500">{time(s.errorAt)}</span>}
            </div>
          )}
        </td>
        <td className="py-1.5 pr-3 text-xs">
          <span className={r.listening ? 'text-emerald-400' : 'text-slate-500'}>{r.listening ? 'listening' : 'not listening'}</span>
          <div className="text-slate-400" title="bars processed · signals sent · signals suppressed during warm-up">
            {r.barsProcessed} bars · {r.signalsSent} sent · {r.signalsSuppressed} suppressed
          </div>
          {r.lastBarAt && <div className="text-slate-500">last bar {time(r.lastBarAt)}</div>}
        </td>
        <td className="py-1.5 pr-3 font-mono text-xs">
          {r.positions.filter((p) => p.quantity !== 0).map((p) => (
            <div key={p.symbol} title={p.mark === null ? 'no mark' : `mark ${p.mark}`}>
              {p.symbol} {p.quantity} @ {p.averageCost.toFixed(2)}
            </div>
          ))}
          {r.positions.every((p) => p.quantity === 0) && <span className="text-slate-500">flat</span>}
        </td>
        <td className={`py-1.5 pr-3 text-right ${signed(r.pnl.total)}`}
          title={`realized ${money(r.pnl.realized)} · unrealized ${money(r.pnl.unrealized)} · fees ${money(r.pnl.fees)}`}>
          {money(r.pnl.total)}
        </td>
        <td className="py-1.5 text-right whitespace-nowrap">
          <button type="button" data-testid={`start-${s.id}`} disabled={active || action.isPending} onClick={() => action.mutate('start')}
            className={`${button} mr-1 bg-emerald-700 text-white hover:bg-emerald-600`}>
            Start
          </button>
          <button type="button" data-testid={`stop-${s.id}`} disabled={!active || action.isPending} onClick={() => action.mutate('stop')}
            className={`${button} bg-slate-700 text-white hover:bg-slate-600`}>
            Stop
          </button>
        </td>
      </tr>
      {action.isError && (
        <tr>
          <td colSpan={9} className="pb-2">
            <p role="alert" className="rounded bg-red-950 p-2 text-sm text-red-300">
              Could not {action.variables} {s.id}: {action.error.message}
              <button type="button" onClick={() => action.reset()} className="ml-2 text-xs text-slate-400 underline">Dismiss</button>
            </p>
          </td>
        </tr>
      )}
    </>
  )
}

function SignalsPanel({ strategyId }: { strategyId: string }) {
  const signals = useQuery({
    queryKey: ['strategies', strategyId, 'signals'],
    queryFn: () => getJson<SignalPage>(`/api/strategies/${encodeURIComponent(strategyId)}/signals?limit=50`),
    refetchInterval: 2_500,
  })
  return (
    <div>
      <h2 className="mb-2 text-sm uppercase text-slate-400">Signals · <span className="font-mono normal-case">{strategyId}</span></h2>
      {signals.isError && <p role="alert" className="text-red-400">Signals unavailable: {signals.error.message}</p>}
      <table className="w-full text-left text-sm" data-testid="signals">
        <thead>
          <tr className="text-xs uppercase text-slate-400">
            <th className="pb-2">Time</th><th className="pb-2">Symbol</th><th className="pb-2">Side</th>
            <th className="pb-2 text-right">Quantity</th><th className="pb-2">Type</th><th className="pb-2">Reason</th>
            <th className="pb-2">Order</th>
          </tr>
        </thead>
        <tbody>
          {signals.data?.items.map((g) => (
            <tr key={g.id} className="border-t border-slate-800">
              <td className="py-1.5 whitespace-nowrap text-slate-400">{time(g.time)}</td>
              <td className="py-1.5 font-mono">{g.symbol}</td>
              <td className={`py-1.5 ${g.side === 'buy' ? 'text-emerald-400' : 'text-red-400'}`}>{g.side}</td>
              <td className="py-1.5 text-right">{g.quantity}</td>
              <td className="py-1.5">{g.orderType}{g.stopPrice != null && ` stop ${g.stopPrice}`}{g.limitPrice !== null && ` @ ${g.limitPrice}`}</td>
              <td className="py-1.5 text-slate-300">{g.reason}</td>
              <td className={`py-1.5 ${g.orderStatus && failedOrderStatuses.has(g.orderStatus) ? 'text-red-400' : ''}`}
                title={g.error ?? g.orderId ?? undefined}>
                {g.orderStatus ?? '—'}
                {g.rejectCode && <>{' '}<span className="text-xs text-slate-400">({g.rejectCode})</span></>}
              </td>
            </tr>
          ))}
          {signals.data?.items.length === 0 && (
            <tr><td colSpan={7} className="py-3 text-slate-500">No signals yet.</td></tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

export function StrategiesPage() {
  const strategies = useQuery({
    queryKey: ['strategies'],
    queryFn: () => getJson<Strategy[]>('/api/strategies'),
    refetchInterval: 2_500,
  })
  const [chosen, setChosen] = useState<string | null>(null)
  const selected = chosen ?? strategies.data?.[0]?.id ?? null

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Strategies</h1>
      {strategies.isError && <p role="alert" className="text-red-400">Strategies unavailable: {strategies.error.message}</p>}
      <table className="w-full text-left text-sm" data-testid="strategies">
        <thead>
          <tr className="text-xs uppercase text-slate-400">
            <th className="pb-2">Strategy</th><th className="pb-2">Kind</th><th className="pb-2">Account</th>
            <th className="pb-2">Symbols</th><th className="pb-2">Status</th><th className="pb-2">Runtime</th>
            <th className="pb-2">Positions</th><th className="pb-2 text-right">P&L</th><th className="pb-2" />
          </tr>
        </thead>
        <tbody>
          {strategies.data?.map((s) => (
            <StrategyRow key={s.id} strategy={s} selected={s.id === selected} onSelect={() => setChosen(s.id)} />
          ))}
          {strategies.data?.length === 0 && (
            <tr><td colSpan={9} className="py-3 text-slate-500">No strategies registered.</td></tr>
          )}
        </tbody>
      </table>
      {selected && <SignalsPanel strategyId={selected} />}
    </section>
  )
}
