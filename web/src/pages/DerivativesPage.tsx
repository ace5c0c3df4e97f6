import { useMemo, useState } from 'react'
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../api/client'
import type { Account, Position, QuoteView } from '../api/types'
import { hasRole, useSession } from '../api/auth'
import { pnlTone, price, quantity, signedMoney } from '../format'
import { Panel, table, td, th } from '../components/ui/Panel'
import { daysLabel, expirySeverity, moneyness, moneynessTone, severityStyles } from '../derivatives/expiry'
import { buildCalculatorRequest, defaultCalculatorFields, type CalculatorFields } from '../derivatives/calculator'
import type { CalculatorResult, ExpirationAction, ExpiringList, RollExecution, RollPlan } from '../derivatives/types'

const input = 'w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm tabular-nums focus:border-sky-500 focus:outline-none'
const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'
const button = 'rounded px-2.5 py-1 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-40'
const windows = [1, 3, 5, 10, 30, 90]

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { hour12: false })
const errorText = (e: unknown, fallback: string) => (e instanceof ApiError ? e.message : fallback)

/** The first account (the paper account in a fresh system), as the other pages pick it. */
function useAccountId() {
  const accounts = useQuery({ queryKey: ['portfolio', 'accounts'], queryFn: () => getJson<Account[]>('/api/portfolio/accounts') })
  return accounts.data?.[0]?.id ?? 'paper'
}

function ExpiringPanel({ accountId }: { accountId: string }) {
  const [days, setDays] = useState(5)
  const expiring = useQuery({
    queryKey: ['derivatives', 'expiring', days],
    queryFn: () => getJson<ExpiringList>(`/api/derivatives/expiring?days=${days}`),
    refetchInterval: 30_000,
  })
  const positions = useQuery({
    queryKey: ['portfolio', 'positions', accountId],
    queryFn: () => getJson<Position[]>(`/api/portfolio/accounts/${encodeURIComponent(accountId)}/positions`),
    refetchInterval: 30_000,
  })
  const held = useMemo(() => {
    const m = new Map<string, number>()
    for (const p of positions.data ?? []) m.set(p.symbol, (m.get(p.symbol) ?? 0) + p.quantity)
    return m
  }, [positions.data])
  const contracts = expiring.data?.contracts ?? []
  // The underlyings' quotes, for moneyness (options only; a future's root has no quote of its own).
  const underlyings = [...new Set(contracts.filter((c) => c.contractType === 'option').map((c) => c.underlying))].slice(0, 25)
  const quotes = useQueries({
    queries: underlyings.map((u) => ({
      queryKey: ['market', 'quote', u],
      queryFn: () => getJson<QuoteView>(`/api/market/quotes/${encodeURIComponent(u)}`).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null
        throw e
      }),
      refetchInterval: 15_000,
      retry: false,
    })),
  })
  const spot = new Map(underlyings.map((u, i) => {
    const q = quotes[i]?.data?.quote
    return [u, q ? (q.mid || q.last) ?? null : null] as const
  }))
  const counts = { critical: 0, warning: 0, info: 0 }
  for (const c of contracts) counts[expirySeverity(c.daysToExpiry, c.severity)]++

  return (
    <Panel title="Expiring contracts" testId="expiring-panel"
      actions={<>
        <span className="text-xs text-slate-500" data-testid="expiring-counts">
          <span className="text-red-400">{counts.critical} critical</span> · <span className="text-amber-300">{counts.warning} warning</span> · {counts.info} later
          {expiring.data && <> · as of {expiring.data.asOf} (New York)</>}
        </span>
        <label className="sr-only" htmlFor="expiring-days">Window</label>
        <select id="expiring-days" className="rounded border border-slate-700 bg-slate-950 px-1.5 py-0.5 text-xs" value={days}
          onChange={(e) => setDays(Number(e.target.value))}>
          {windows.map((d) => <option key={d} value={d}>next {d} day{d === 1 ? '' : 's'}</option>)}
        </select>
      </>}>
      {expiring.isError && <p role="alert" className="text-sm text-red-400">Expiring contracts unavailable: {expiring.error.message}</p>}
      <div className="overflow-x-auto">
      <table className={table} data-testid="expiring">
        <thead>
          <tr className="whitespace-nowrap">
            <th className={`${th} pl-2`}>Contract</th><th className={th}>Type</th><th className={th}>Underlying</th>
            <th className={`${th} text-right`}>Strike</th><th className={`${th} pl-4`}>Expiry</th><th className={th}>Expires</th>
            <th className={`${th} text-right`} title="The underlying's latest quote (mid)">Und. px</th><th className={`${th} pl-4`}>Moneyness</th>
            <th className={`${th} text-right`} title="Contracts held in the account">Held</th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((c) => {
            const severity = expirySeverity(c.daysToExpiry, c.severity)
            const s = spot.get(c.underlying) ?? null
            const m = c.contractType === 'option' ? moneyness(c.right, c.strike, s) : null
            const position = held.get(c.symbol)
            return (
              <tr key={c.symbol} data-testid={`expiring-${c.symbol}`} data-severity={severity} className={severityStyles[severity].row}>
                <td className={`${td} pl-2 font-mono font-medium`}>{c.symbol}</td>
                <td className={`${td} whitespace-nowrap text-slate-300`}>
                  {c.contractType === 'option' ? `${c.right ?? ''} option` : c.contractType}
                  {c.style && <span className="ml-1 text-[11px] text-slate-500" title={`${c.style} style`}>{c.style === 'european' ? 'eur.' : 'amer.'}</span>}
                </td>
                <td className={`${td} font-mono`}>{c.underlying}</td>
                <td className={`${td} text-right`}>{c.strike === null ? '—' : price(c.strike)}</td>
                <td className={`${td} whitespace-nowrap pl-4`}>{c.expiry}</td>
                <td className={`${td} whitespace-nowrap`}>
                  <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase ${severityStyles[severity].badge}`}
                    title={`severity ${severity}`}>{daysLabel(c.daysToExpiry)}</span>
                </td>
                <td className={`${td} text-right`}>{c.contractType === 'option' ? price(s) : '—'}</td>
                <td className={`${td} whitespace-nowrap pl-4`} data-testid="moneyness">
                  {m ? (
                    <span className={moneynessTone[m.label]}>
                      {m.label} <span className="text-xs text-slate-500">{m.distancePct >= 0 ? '+' : ''}{m.distancePct.toFixed(1)}%</span>
                    </span>
                  ) : <span className="text-slate-600">—</span>}
                </td>
                <td className={`${td} text-right ${position && position < 0 ? 'text-red-300' : ''}`} data-testid="held">
                  {position ? quantity(position) : <span className="text-slate-600">—</span>}
                </td>
              </tr>
            )
          })}
          {expiring.data && contracts.length === 0 && (
            <tr><td colSpan={9} className={`${td} py-3 text-slate-500`}>Nothing expires in the next {days} day{days === 1 ? '' : 's'}.</td></tr>
          )}
          {expiring.isPending && <tr><td colSpan={9} className={`${td} py-3 text-slate-500`}>Loading…</td></tr>}
        </tbody>
      </table>
      </div>
    </Panel>
  )
}

const kindTone: Record<string, string> = {
  exercised: 'text-emerald-400', assigned: 'text-amber-300', early_assignment: 'text-amber-300',
  expired_worthless: 'text-slate-400', futures_settled: 'text-sky-300', futures_unrolled: 'text-red-400',
}

function HistoryPanel({ accountId }: { accountId: string }) {
  const actions = useQuery({
    queryKey: ['derivatives', 'expirations', accountId],
    queryFn: () => getJson<ExpirationAction[]>(`/api/derivatives/expirations?accountId=${encodeURIComponent(accountId)}&limit=50`),
    refetchInterval: 30_000,
  })
  return (
    <Panel title="Exercise and assignment history" testId="expirations-panel">
      {actions.isError && <p role="alert" className="text-sm text-red-400">History unavailable: {actions.error.message}</p>}
      <div className="overflow-x-auto">
      <table className={table} data-testid="expirations">
        <thead>
          <tr className="whitespace-nowrap">
            <th className={th}>Processed</th><th className={th}>Contract</th><th className={th}>Strategy</th><th className={th}>Action</th>
            <th className={`${th} text-right`}>Qty</th><th className={`${th} text-right`}>Strike</th><th className={`${th} text-right`}>Und. px</th>
            <th className={`${th} text-right`}>Shares</th><th className={`${th} text-right`}>Cash</th><th className={th}>Status</th>
          </tr>
        </thead>
        <tbody>
          {actions.data?.map((a) => (
            <tr key={a.id} data-testid={`expiration-${a.symbol}`}>
              <td className={`${td} whitespace-nowrap text-slate-400`}>{when(a.processedAt)}</td>
              <td className={`${td} font-mono`}>{a.symbol}<span className="ml-1 text-xs text-slate-500">{a.expiry}</span></td>
              <td className={`${td} text-slate-400`}>{a.strategyId ?? 'manual'}</td>
              <td className={`${td} ${kindTone[a.kind] ?? ''}`}>{a.kind.replace(/_/g, ' ')}</td>
              <td className={`${td} text-right ${a.quantity < 0 ? 'text-red-300' : ''}`}>{quantity(a.quantity)}</td>
              <td className={`${td} text-right`}>{price(a.strike)}</td>
              <td className={`${td} text-right`}>{price(a.underlyingPrice)}</td>
              <td className={`${td} text-right`}>{a.shareQuantity === 0 ? '—' : quantity(a.shareQuantity)}</td>
              <td className={`${td} text-right ${pnlTone(a.cashChange)}`}>{a.cashChange === 0 ? '—' : signedMoney(a.cashChange)}</td>
              <td className={td} title={a.detail ?? undefined}>
                <span className={a.status === 'failed' ? 'text-red-400' : 'text-slate-300'}>{a.status}</span>
                {a.status === 'failed' && a.detail && <div className="max-w-xs text-xs text-red-300">{a.detail}</div>}
              </td>
            </tr>
          ))}
          {actions.data?.length === 0 && (
            <tr><td colSpan={10} className={`${td} py-3 text-slate-500`}>No expirations or assignments processed yet.</td></tr>
          )}
        </tbody>
      </table>
      </div>
    </Panel>
  )
}

/** What a confirmed roll sends: every due plan, or the plans of one front contract. */
type RollChoice = { symbols?: string[]; plans: RollPlan[] }

function RollPanel({ accountId }: { accountId: string }) {
  const canTrade = hasRole(useSession(), 'trader')
  const queryClient = useQueryClient()
  const [asOfInput, setAsOfInput] = useState('')
  const [asOf, setAsOf] = useState('')
  const [choice, setChoice] = useState<RollChoice | null>(null)
  const [executions, setExecutions] = useState<RollExecution[] | null>(null)
  const planPath = `/api/derivatives/roll/plan?accountId=${encodeURIComponent(accountId)}${asOf ? `&asOf=${asOf}` : ''}`
  const plan = useQuery({ queryKey: ['derivatives', 'roll', planPath], queryFn: () => getJson<RollPlan[]>(planPath), refetchInterval: 60_000 })
  const execute = useMutation({
    mutationFn: (c: RollChoice) =>
      sendJson<RollExecution[]>('/api/derivatives/roll/execute', { accountId, symbols: c.symbols, asOf: asOf || undefined }),
    onSuccess: (result) => {
      setExecutions(result)
      setChoice(null)
      void queryClient.invalidateQueries({ queryKey: ['derivatives', 'roll'] })
    },
  })
  const due = plan.data?.filter((p) => p.due) ?? []
  const noRight = 'A trader can execute rolls'
  const open = (c: RollChoice) => {
    execute.reset()
    setChoice(c)
  }

  return (
    <Panel title="Futures roll" testId="roll-panel"
      actions={
        <button type="button" data-testid="roll-due" disabled={!canTrade || due.length === 0}
          title={canTrade ? (due.length === 0 ? 'No roll is due' : 'Roll every due position') : noRight}
          onClick={() => open({ plans: due })} className={`${button} bg-sky-700 text-white hover:bg-sky-600`}>
          Roll {due.length} due…
        </button>
      }>
      <form aria-label="Roll preview" className="mb-3 flex items-end gap-3" onSubmit={(e) => {
        e.preventDefault()
        setAsOf(asOfInput)
      }}>
        <div>
          <label className={label} htmlFor="roll-as-of">As of (New York date)</label>
          <input id="roll-as-of" type="date" className={`${input} w-40`} value={asOfInput} onChange={(e) => setAsOfInput(e.target.value)} />
        </div>
        <button type="submit" data-testid="roll-preview" className={`${button} border border-slate-600 text-slate-200 hover:bg-slate-800`}>Preview</button>
        {asOf && (
          <button type="button" onClick={() => { setAsOf(''); setAsOfInput('') }} className="py-1 text-xs text-slate-400 underline">Back to today</button>
        )}
        <span className="ml-auto text-xs text-slate-500">{asOf ? `what-if as of ${asOf}` : 'as of today'}</span>
      </form>
      {plan.isError && <p role="alert" className="text-sm text-red-400">Roll plan unavailable: {plan.error.message}</p>}
      <div className="overflow-x-auto">
      <table className={table} data-testid="roll-plan">
        <thead>
          <tr className="whitespace-nowrap">
            <th className={th}>Strategy</th><th className={th}>Roll</th><th className={th}>Expiry</th><th className={th}>Roll date</th>
            <th className={`${th} text-right`}>DTE</th><th className={th}>Method</th><th className={`${th} text-right`}>Qty</th>
            <th className={th}>Legs</th><th className={th} />
          </tr>
        </thead>
        <tbody>
          {plan.data?.map((p) => (
            <tr key={`${p.strategyId}-${p.fromSymbol}`} data-testid={`roll-${p.fromSymbol}`} data-due={p.due}
              className={p.due ? 'bg-amber-950/30' : ''}>
              <td className={`${td} text-slate-400`}>{p.strategyId ?? 'manual'}</td>
              <td className={`${td} whitespace-nowrap font-mono`}>{p.fromSymbol} → {p.toSymbol}</td>
              <td className={`${td} whitespace-nowrap`}>{p.expiry}</td>
              <td className={`${td} whitespace-nowrap`}>
                {p.rollDate}
                {p.due && <span className="ml-1.5 rounded bg-amber-500 px-1 text-[10px] font-semibold uppercase text-black">due</span>}
              </td>
              <td className={`${td} text-right`}>{p.daysToExpiry}</td>
              <td className={`${td} whitespace-nowrap`}>{p.strategy.replace(/_/g, ' ')}</td>
              <td className={`${td} text-right`}>{quantity(p.quantity)}</td>
              <td className={`${td} font-mono text-xs`}>
                {p.legs.map((l) => (
                  <div key={`${l.symbol}-${l.purpose}`} className="whitespace-nowrap">
                    <span className={l.side === 'buy' ? 'text-emerald-400' : 'text-red-400'}>{l.side}</span> {quantity(l.quantity)} {l.symbol}
                    <span className="text-slate-500"> ({l.purpose})</span>
                  </div>
                ))}
              </td>
              <td className={`${td} text-right`}>
                <button type="button" disabled={!canTrade} title={canTrade ? `Roll ${p.fromSymbol} now, due or not` : noRight}
                  data-testid={`roll-now-${p.fromSymbol}`}
                  onClick={() => open({ symbols: [p.fromSymbol], plans: plan.data!.filter((x) => x.fromSymbol === p.fromSymbol) })}
                  className={`${button} border border-slate-600 text-slate-200 hover:border-sky-500`}>
                  Roll…
                </button>
              </td>
            </tr>
          ))}
          {plan.data?.length === 0 && (
            <tr><td colSpan={9} className={`${td} py-3 text-slate-500`}>No futures positions to roll.</td></tr>
          )}
        </tbody>
      </table>
      </div>
      {executions && (
        <div role="status" data-testid="roll-result" className="mt-3 rounded border border-slate-700 bg-slate-950 p-2 text-xs">
          <div className="mb-1 flex items-center">
            <span className="font-semibold text-slate-300">{executions.length === 0 ? 'Nothing was rolled.' : `${executions.length} roll(s) sent`}</span>
            <button type="button" onClick={() => setExecutions(null)} className="ml-auto text-slate-400 underline">Dismiss</button>
          </div>
          {executions.flatMap((e) => e.orders.map((o) => (
            <div key={`${e.plan.fromSymbol}-${e.plan.strategyId}-${o.purpose}`} className="font-mono">
              {o.side} {quantity(o.quantity)} {o.symbol} ({o.purpose}):{' '}
              <span className={['rejected', 'send_failed', 'not_sent'].includes(o.status) ? 'text-red-400' : 'text-emerald-400'}>{o.status}</span>
              {o.rejectCode && <span className="text-red-300"> {o.rejectCode}</span>}
              {o.error && <span className="text-slate-400"> — {o.error}</span>}
            </div>
          )))}
        </div>
      )}
      {choice && (
        <div role="dialog" aria-modal="true" aria-labelledby="roll-confirm-title" className="fixed inset-0 z-10 flex items-center justify-center bg-black/60">
          <div className="w-[28rem] rounded-lg border border-slate-700 bg-slate-900 p-5 shadow-xl">
            <h2 id="roll-confirm-title" className="text-lg font-semibold text-slate-100">
              {choice.symbols ? `Roll ${choice.symbols.join(', ')} now?` : 'Roll every due position?'}
            </h2>
            <p className="mt-2 text-sm text-slate-300">
              These market orders go to the orders service, through risk, for account <span className="font-mono">{accountId}</span>
              {asOf && <> (planned as of {asOf})</>}:
            </p>
            <ul className="mt-2 space-y-0.5 font-mono text-xs text-slate-200">
              {choice.plans.flatMap((p) => p.legs.map((l) => (
                <li key={`${p.strategyId}-${l.symbol}-${l.purpose}`}>
                  <span className={l.side === 'buy' ? 'text-emerald-400' : 'text-red-400'}>{l.side}</span> {quantity(l.quantity)} {l.symbol}{' '}
                  <span className="text-slate-500">({l.purpose}, {p.strategyId ?? 'manual'})</span>
                </li>
              )))}
            </ul>
            {execute.isError && (
              <p role="alert" className="mt-3 rounded bg-red-950 p-2 text-sm text-red-300">{errorText(execute.error, 'The roll request failed.')}</p>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={() => setChoice(null)} className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800">Cancel</button>
              <button type="button" data-testid="roll-confirm" disabled={execute.isPending} onClick={() => execute.mutate(choice)}
                className="rounded bg-sky-700 px-3 py-1 text-sm font-semibold text-white hover:bg-sky-600 disabled:opacity-50">
                {execute.isPending ? 'Sending…' : 'Send roll orders'}
              </button>
            </div>
          </div>
        </div>
      )}
    </Panel>
  )
}

const resultRows: { key: keyof CalculatorResult; label: string; digits: number; pct?: boolean }[] = [
  { key: 'price', label: 'Price', digits: 4 },
  { key: 'impliedVolatility', label: 'Volatility', digits: 2, pct: true },
  { key: 'delta', label: 'Delta', digits: 4 },
  { key: 'gamma', label: 'Gamma', digits: 5 },
  { key: 'vega', label: 'Vega (per 1 vol pt)', digits: 4 },
  { key: 'thetaPerDay', label: 'Theta per day', digits: 4 },
  { key: 'theta', label: 'Theta per year', digits: 4 },
  { key: 'rho', label: 'Rho (per 1 % rate)', digits: 4 },
]

export function CalculatorPanel() {
  const [fields, setFields] = useState<CalculatorFields>(defaultCalculatorFields)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const set = <K extends keyof CalculatorFields>(key: K, value: CalculatorFields[K]) => setFields((f) => ({ ...f, [key]: value }))
  const calculate = useMutation({
    mutationFn: (body: unknown) => sendJson<CalculatorResult>('/api/derivatives/calculator', body),
    onError: (e) => {
      if (e instanceof ApiError) setErrors(Object.fromEntries(Object.entries(e.errors).map(([k, v]) => [k, v.join(' ')])))
      setMessage(errorText(e, 'The calculator did not answer.'))
    },
  })
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const built = buildCalculatorRequest(fields)
    setErrors(built.errors ?? {})
    setMessage(null)
    calculate.reset()
    if (built.body) calculate.mutate(built.body)
  }
  const numberField = (key: keyof CalculatorFields & string, text: string, hint?: string) => (
    <div>
      <label className={label} htmlFor={`calc-${key}`}>{text}</label>
      <input id={`calc-${key}`} className={`${input} text-right`} inputMode="decimal" value={fields[key]} title={hint}
        onChange={(e) => set(key, e.target.value as never)} aria-invalid={errors[key] ? true : undefined} />
      {errors[key] && <p className="mt-0.5 text-xs text-red-400" data-testid={`calc-error-${key}`}>{errors[key]}</p>}
    </div>
  )
  const r = calculate.data

  return (
    <Panel title="Option calculator" testId="calculator">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[3fr_2fr]">
      <form aria-label="Option calculator" onSubmit={onSubmit} className="space-y-3">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <div>
            <label className={label} htmlFor="calc-model">Model</label>
            <select id="calc-model" className={input} title="Black-Scholes-Merton, Black 76 (options on futures) or an American tree" value={fields.model} onChange={(e) => set('model', e.target.value as CalculatorFields['model'])}>
              <option value="bsm">BSM</option><option value="black76">Black 76</option>
              <option value="american">American</option>
            </select>
          </div>
          <div>
            <label className={label} htmlFor="calc-right">Right</label>
            <select id="calc-right" className={input} value={fields.right} onChange={(e) => set('right', e.target.value as CalculatorFields['right'])}>
              <option value="call">Call</option><option value="put">Put</option>
            </select>
          </div>
          {numberField('spot', fields.model === 'black76' ? 'Futures price' : 'Spot')}
          {numberField('strike', 'Strike')}
          {numberField('years', 'Years to expiry', '0.25 = three months')}
          {numberField('rate', 'Rate (0.05 = 5 %)')}
          {fields.model !== 'black76' && numberField('dividendYield', 'Dividend yield')}
        </div>
        <div>
          <div className="mb-1 flex gap-3 text-xs text-slate-400" role="radiogroup" aria-label="Solve from">
            <label className="flex items-center gap-1">
              <input type="radio" name="solve-from" checked={fields.solveFrom === 'volatility'} onChange={() => set('solveFrom', 'volatility')} />
              Price from volatility
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="solve-from" checked={fields.solveFrom === 'price'} onChange={() => set('solveFrom', 'price')} />
              Implied vol from price
            </label>
          </div>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {fields.solveFrom === 'volatility' ? numberField('volatility', 'Volatility (0.2 = 20 %)') : numberField('price', 'Market price')}
          </div>
        </div>
        <button type="submit" data-testid="calc-submit" disabled={calculate.isPending}
          className="w-40 rounded bg-sky-700 py-1.5 text-sm font-semibold text-white hover:bg-sky-600 disabled:opacity-50">
          {calculate.isPending ? 'Calculating…' : 'Calculate'}
        </button>
        {message && <p role="alert" data-testid="calc-message" className="text-sm text-red-400">{message}</p>}
      </form>
      {r ? (
        <dl className="grid grid-cols-2 content-start gap-x-6 gap-y-1.5 text-sm tabular-nums lg:border-l lg:border-slate-800 lg:pl-6" data-testid="calc-result">
          {resultRows.map((row) => (
            <div key={row.key} className="flex justify-between gap-2">
              <dt className="text-slate-500">{row.label}</dt>
              <dd data-testid={`calc-${row.key}`} className="text-slate-100">
                {row.pct ? `${(r[row.key] * 100).toFixed(row.digits)}%` : r[row.key].toFixed(row.digits)}
              </dd>
            </div>
          ))}
          <p className="col-span-2 text-[11px] text-slate-500">Per unit of underlying; multiply by quantity × multiplier for a position.</p>
        </dl>
      ) : (
        <p className="self-center text-sm text-slate-500 lg:border-l lg:border-slate-800 lg:pl-6">
          Price and Greeks of one option, from a volatility or solving the implied volatility from a market price.
        </p>
      )}
      </div>
    </Panel>
  )
}

export function DerivativesPage() {
  const accountId = useAccountId()
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Derivatives <span className="text-sm font-normal text-slate-500">· account {accountId}</span></h1>
      <ExpiringPanel accountId={accountId} />
      <RollPanel accountId={accountId} />
      <HistoryPanel accountId={accountId} />
      <CalculatorPanel />
    </div>
  )
}
