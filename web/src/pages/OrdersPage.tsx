import { useMemo, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, getJson, newIdempotencyKey, sendJson } from '../api/client'
import type { Account, Order, Quote, QuoteView } from '../api/types'
import { hasRole, useSession } from '../api/auth'
import { channels } from '../live/live'
import { useLive } from '../live/useLive'
import { mergeOrder } from '../live/positions'
import { buildOrder, needsLimit, needsStop, type TicketFields, type OrderTypeName, type TimeInForceName } from '../orders/ticket'
import { price } from '../format'
import { Panel } from '../components/ui/Panel'
import { OrdersTable } from '../components/OrdersTable'

const statuses = ['', 'pending', 'submitted', 'partially_filled', 'cancel_requested', 'filled', 'cancelled', 'rejected', 'expired']

/** The blotter's query string (GET /api/orders): only the filters set. */
export function blotterQuery(filters: { status: string; symbol: string; strategyId: string }) {
  const params = new URLSearchParams()
  if (filters.status) params.set('status', filters.status)
  if (filters.symbol.trim()) params.set('symbol', filters.symbol.trim().toUpperCase())
  if (filters.strategyId.trim()) params.set('strategyId', filters.strategyId.trim())
  params.set('limit', '200')
  return `/api/orders?${params}`
}

/** Whether a pushed order belongs in the filtered blotter. */
export function matchesFilters(o: Order, filters: { status: string; symbol: string; strategyId: string }) {
  return (!filters.status || o.status === filters.status)
    && (!filters.symbol.trim() || o.symbol === filters.symbol.trim().toUpperCase())
    && (!filters.strategyId.trim() || o.strategyId === filters.strategyId.trim())
}

const input = 'w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm tabular-nums focus:border-sky-500 focus:outline-none'
const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'

function OrderTicket({ accountId, onOrder }: { accountId: string; onOrder: (o: Order) => void }) {
  const canTrade = hasRole(useSession(), 'trader')
  const [fields, setFields] = useState<TicketFields>({
    accountId, symbol: '', side: 'buy', type: 'market', timeInForce: 'day', quantity: '', limitPrice: '', stopPrice: '',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null)
  const set = <K extends keyof TicketFields>(key: K, value: TicketFields[K]) => setFields((f) => ({ ...f, [key]: value }))
  const symbol = fields.symbol.trim().toUpperCase()
  const [quote, setQuote] = useState<Quote | null>(null)
  useQuery({
    queryKey: ['market', 'quote', symbol],
    enabled: symbol.length > 0,
    queryFn: async () => {
      const view = await getJson<QuoteView>(`/api/market/quotes/${encodeURIComponent(symbol)}`)
      setQuote(view.quote)
      return view
    },
    retry: false,
  })
  useLive<Quote>(symbol ? channels.quotes(symbol) : null, setQuote)
  const shown = quote && quote.symbol === symbol ? quote : null

  const submit = useMutation({
    mutationFn: (body: unknown) => sendJson<Order>('/api/orders', body, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: (order) => {
      onOrder(order)
      setResult(order.status === 'rejected'
        ? { text: `Rejected: ${order.rejectCode ?? 'unknown reason'}`, error: true }
        : { text: `${order.side.toUpperCase()} ${order.quantity} ${order.symbol} ${order.status}`, error: false })
    },
    onError: (e) => {
      if (e instanceof ApiError && Object.keys(e.errors).length > 0) {
        setErrors(Object.fromEntries(Object.entries(e.errors).map(([k, v]) => [k, v.join(' ')])))
      }
      setResult({ text: e instanceof ApiError ? e.message : 'The order was not sent.', error: true })
    },
  })

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const built = buildOrder({ ...fields, accountId })
    setErrors(built.errors ?? {})
    setResult(null)
    if (built.body) submit.mutate(built.body)
  }
  const fieldError = (name: string) => errors[name] && <p className="mt-0.5 text-xs text-red-400">{errors[name]}</p>

  return (
    <Panel title="Order ticket" testId="order-ticket">
      <form aria-label="Order ticket" onSubmit={onSubmit} className="space-y-3">
        <div className="grid grid-cols-2 gap-2">
          <button type="button" onClick={() => set('side', 'buy')} aria-pressed={fields.side === 'buy'}
            className={`rounded py-1.5 text-sm font-semibold ${fields.side === 'buy' ? 'bg-emerald-700 text-white' : 'border border-slate-700 text-slate-400'}`}>Buy</button>
          <button type="button" onClick={() => set('side', 'sell')} aria-pressed={fields.side === 'sell'}
            className={`rounded py-1.5 text-sm font-semibold ${fields.side === 'sell' ? 'bg-red-700 text-white' : 'border border-slate-700 text-slate-400'}`}>Sell</button>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label className={label} htmlFor="ticket-symbol">Symbol</label>
            <input id="ticket-symbol" className={`${input} font-mono uppercase`} value={fields.symbol} autoComplete="off"
              onChange={(e) => set('symbol', e.target.value)} />
            {fieldError('symbol')}
          </div>
          <div>
            <label className={label} htmlFor="ticket-quantity">Quantity</label>
            <input id="ticket-quantity" className={`${input} text-right`} inputMode="decimal" value={fields.quantity}
              onChange={(e) => set('quantity', e.target.value)} />
            {fieldError('quantity')}
          </div>
        </div>
        <div className="flex justify-between rounded bg-slate-950 px-2 py-1 text-xs tabular-nums text-slate-400" data-testid="ticket-quote">
          {shown ? (
            <><span>Bid <span className="text-slate-100">{price(shown.bid)}</span></span>
              <span>Ask <span className="text-slate-100">{price(shown.ask)}</span></span></>
          ) : <span>{symbol ? 'No quote' : 'Enter a symbol'}</span>}
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label className={label} htmlFor="ticket-type">Type</label>
            <select id="ticket-type" className={input} value={fields.type} onChange={(e) => set('type', e.target.value as OrderTypeName)}>
              <option value="market">Market</option><option value="limit">Limit</option>
              <option value="stop">Stop</option><option value="stop_limit">Stop limit</option>
            </select>
          </div>
          <div>
            <label className={label} htmlFor="ticket-tif">Time in force</label>
            <select id="ticket-tif" className={input} value={fields.timeInForce} onChange={(e) => set('timeInForce', e.target.value as TimeInForceName)}>
              <option value="day">Day</option><option value="gtc">GTC</option><option value="ioc">IOC</option>
            </select>
            {fieldError('timeInForce')}
          </div>
        </div>
        {(needsStop(fields.type) || needsLimit(fields.type)) && (
          <div className="grid grid-cols-2 gap-3">
            {needsStop(fields.type) && (
              <div>
                <label className={label} htmlFor="ticket-stop">Stop price</label>
                <input id="ticket-stop" className={`${input} text-right`} inputMode="decimal" value={fields.stopPrice}
                  onChange={(e) => set('stopPrice', e.target.value)} />
                {fieldError('stopPrice')}
              </div>
            )}
            {needsLimit(fields.type) && (
              <div>
                <label className={label} htmlFor="ticket-limit">Limit price</label>
                <input id="ticket-limit" className={`${input} text-right`} inputMode="decimal" value={fields.limitPrice}
                  onChange={(e) => set('limitPrice', e.target.value)} />
                {fieldError('limitPrice')}
              </div>
            )}
          </div>
        )}
        <button type="submit" disabled={!canTrade || submit.isPending} data-testid="ticket-submit"
          title={canTrade ? undefined : 'A trader can submit orders'}
          className={`w-full rounded py-2 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-40 ${fields.side === 'buy' ? 'bg-emerald-700 hover:bg-emerald-600' : 'bg-red-700 hover:bg-red-600'}`}>
          {submit.isPending ? 'Sending…' : `${fields.side === 'buy' ? 'Buy' : 'Sell'} ${fields.quantity || ''} ${symbol}`.trim()}
        </button>
        {result && (
          <p role="status" data-testid="ticket-result" className={`text-sm ${result.error ? 'text-red-400' : 'text-emerald-400'}`}>{result.text}</p>
        )}
      </form>
    </Panel>
  )
}

export function OrdersPage() {
  const queryClient = useQueryClient()
  const [filters, setFilters] = useState({ status: '', symbol: '', strategyId: '' })
  const accounts = useQuery({ queryKey: ['portfolio', 'accounts'], queryFn: () => getJson<Account[]>('/api/portfolio/accounts') })
  const accountId = accounts.data?.[0]?.id ?? 'paper'
  const path = blotterQuery(filters)
  const blotter = useQuery({
    queryKey: ['orders', 'blotter', path],
    queryFn: () => getJson<Order[]>(path),
    refetchInterval: 30_000,
  })
  useLive<Order>(channels.orders, (order) => {
    queryClient.setQueryData<Order[]>(['orders', 'blotter', path], (list) => {
      const known = list?.some((o) => o.id === order.id)
      return known || matchesFilters(order, filters) ? mergeOrder(list, order, 200) : list
    })
  })
  const [cancelling, setCancelling] = useState<Set<string>>(new Set())
  const [message, setMessage] = useState<string | null>(null)
  const cancel = useMutation({
    mutationFn: (o: Order) => sendJson<Order>(`/api/orders/${o.id}/cancel`, undefined),
    onMutate: (o) => setCancelling((s) => new Set(s).add(o.id)),
    onSuccess: (order) => queryClient.setQueryData<Order[]>(['orders', 'blotter', path], (list) => mergeOrder(list, order)),
    onError: (e) => setMessage(e instanceof ApiError ? e.message : 'Cancel failed.'),
    onSettled: (_, __, o) => setCancelling((s) => { const n = new Set(s); n.delete(o.id); return n }),
  })
  const canTrade = hasRole(useSession(), 'trader')
  const counts = useMemo(() => {
    const c = { working: 0, filled: 0, rejected: 0 }
    for (const o of blotter.data ?? []) {
      if (['pending', 'submitted', 'partially_filled', 'cancel_requested'].includes(o.status)) c.working++
      else if (o.status === 'filled') c.filled++
      else if (o.status === 'rejected') c.rejected++
    }
    return c
  }, [blotter.data])

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Orders</h1>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[1fr_20rem]">
        <Panel title="Blotter" testId="blotter-panel"
          actions={<span className="text-xs text-slate-500">{counts.working} working · {counts.filled} filled · {counts.rejected} rejected</span>}>
          <form aria-label="Filters" className="mb-3 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
            <div>
              <label className={label} htmlFor="filter-status">Status</label>
              <select id="filter-status" className={input} value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
                {statuses.map((s) => <option key={s} value={s}>{s ? s.replace('_', ' ') : 'All'}</option>)}
              </select>
            </div>
            <div>
              <label className={label} htmlFor="filter-symbol">Symbol</label>
              <input id="filter-symbol" className={`${input} w-28 font-mono uppercase`} value={filters.symbol}
                onChange={(e) => setFilters({ ...filters, symbol: e.target.value })} />
            </div>
            <div>
              <label className={label} htmlFor="filter-strategy">Strategy</label>
              <input id="filter-strategy" className={`${input} w-40`} value={filters.strategyId}
                onChange={(e) => setFilters({ ...filters, strategyId: e.target.value })} />
            </div>
            {message && <p role="alert" className="text-xs text-red-400">{message}</p>}
          </form>
          {blotter.isError && <p role="alert" className="text-red-400">Orders unavailable: {blotter.error.message}</p>}
          <OrdersTable orders={blotter.data ?? []} testId="blotter" empty={blotter.isPending ? 'Loading…' : 'No orders match.'}
            onCancel={canTrade ? (o) => cancel.mutate(o) : undefined} cancelling={cancelling} />
        </Panel>
        <OrderTicket accountId={accountId}
          onOrder={(order) => queryClient.setQueryData<Order[]>(['orders', 'blotter', path], (list) => mergeOrder(list, order))} />
      </div>
    </div>
  )
}
