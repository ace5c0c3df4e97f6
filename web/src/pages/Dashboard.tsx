import { useQuery } from '@tanstack/react-query'
import { getJson } from '../api/client'
import type { Account, Order, Position } from '../api/types'

const money = (value: number, currency = 'USD') =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value)

const signed = (value: number) => (value > 0 ? 'text-emerald-400' : value < 0 ? 'text-red-400' : '')

const workingStatuses = new Set(['pending', 'submitted', 'partially_filled', 'cancel_requested'])

function Figure({ label, value, tone = '' }: { label: string; value: string; tone?: string }) {
  return (
    <div>
      <div className="text-xs uppercase text-slate-400">{label}</div>
      <div className={`text-lg font-semibold ${tone}`}>{value}</div>
    </div>
  )
}

export function Dashboard() {
  const accounts = useQuery({
    queryKey: ['portfolio', 'accounts'],
    queryFn: () => getJson<Account[]>('/api/portfolio/accounts'),
    refetchInterval: 2_000,
  })
  const positions = useQuery({
    queryKey: ['portfolio', 'positions', 'paper'],
    queryFn: () => getJson<Position[]>('/api/portfolio/accounts/paper/positions'),
    refetchInterval: 2_000,
  })
  const orders = useQuery({
    queryKey: ['orders', 'recent'],
    queryFn: () => getJson<Order[]>('/api/orders?limit=50'),
    refetchInterval: 2_000,
  })
  const working = orders.data?.filter((o) => workingStatuses.has(o.status)) ?? []

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      {accounts.isError && <p role="alert" className="text-red-400">Accounts unavailable: {accounts.error.message}</p>}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        {accounts.data?.map((a) => (
          <article key={a.id} data-testid={`account-${a.id}`} className="rounded-lg border border-slate-800 bg-slate-900 p-4">
            <h2 className="mb-3 text-sm uppercase text-slate-400">
              {a.name} · {a.broker}
              {!a.marksComplete && <span className="ml-2 text-amber-400" title="Some positions have no quote and are valued at cost">marks incomplete</span>}
            </h2>
            <div className="grid grid-cols-4 gap-4">
              <Figure label="Equity" value={money(a.equity, a.currency)} />
              <Figure label="Day P&L" value={money(a.dayPnl, a.currency)} tone={signed(a.dayPnl)} />
              <Figure label="Cash" value={money(a.cash, a.currency)} />
              <Figure label="Buying power" value={money(a.buyingPower, a.currency)} />
              <Figure label="Market value" value={money(a.marketValue, a.currency)} />
              <Figure label="Peak equity" value={money(a.peakEquity, a.currency)} />
              <Figure label="Unrealized P&L" value={money(a.unrealizedPnl, a.currency)} tone={signed(a.unrealizedPnl)} />
              <Figure label="Realized P&L" value={money(a.realizedPnl, a.currency)} tone={signed(a.realizedPnl)} />
            </div>
          </article>
        ))}
      </div>

      <div>
        <h2 className="mb-2 text-sm uppercase text-slate-400">Positions (paper)</h2>
        <table className="w-full text-left text-sm" data-testid="positions">
          <thead>
            <tr className="text-xs uppercase text-slate-400">
              <th className="pb-2">Symbol</th><th className="pb-2">Strategy</th><th className="pb-2 text-right">Quantity</th>
              <th className="pb-2 text-right">Avg cost</th><th className="pb-2 text-right">Mark</th>
              <th className="pb-2 text-right">Market value</th><th className="pb-2 text-right">Unrealized</th>
            </tr>
          </thead>
          <tbody>
            {positions.data?.map((p) => (
              <tr key={`${p.symbol}-${p.strategyId ?? ''}`} className="border-t border-slate-800">
                <td className="py-1.5 font-mono">{p.symbol}</td>
                <td className="py-1.5 text-slate-400">{p.strategyId ?? 'manual'}</td>
                <td className="py-1.5 text-right">{p.quantity}</td>
                <td className="py-1.5 text-right">{p.averageCost.toFixed(4)}</td>
                <td className="py-1.5 text-right" title={p.markSource === 'cost' ? 'no quote: valued at cost' : undefined}>
                  {p.mark.toFixed(2)}{p.markSource === 'cost' && ' *'}
                </td>
                <td className="py-1.5 text-right">{money(p.marketValue)}</td>
                <td className={`py-1.5 text-right ${signed(p.unrealizedPnl)}`}>{money(p.unrealizedPnl)}</td>
              </tr>
            ))}
            {positions.data?.length === 0 && (
              <tr><td colSpan={7} className="py-3 text-slate-500">No open positions.</td></tr>
            )}
          </tbody>
        </table>
      </div>

      <div>
        <h2 className="mb-2 text-sm uppercase text-slate-400">Working orders</h2>
        <table className="w-full text-left text-sm" data-testid="working-orders">
          <thead>
            <tr className="text-xs uppercase text-slate-400">
              <th className="pb-2">Symbol</th><th className="pb-2">Side</th><th className="pb-2">Type</th>
              <th className="pb-2 text-right">Quantity</th><th className="pb-2 text-right">Filled</th><th className="pb-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {working.map((o) => (
              <tr key={o.id} className="border-t border-slate-800">
                <td className="py-1.5 font-mono">{o.symbol}</td>
                <td className="py-1.5">{o.side}</td>
                <td className="py-1.5">{o.type}{o.limitPrice !== null && ` @ ${o.limitPrice}`}</td>
                <td className="py-1.5 text-right">{o.quantity}</td>
                <td className="py-1.5 text-right">{o.filledQuantity}</td>
                <td className="py-1.5">{o.status}</td>
              </tr>
            ))}
            {orders.isSuccess && working.length === 0 && (
              <tr><td colSpan={6} className="py-3 text-slate-500">No working orders.</td></tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}
