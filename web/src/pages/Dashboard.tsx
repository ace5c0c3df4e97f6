import { useMemo, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { ApiError, getJson, newIdempotencyKey, sendJson } from '../api/client'
import type { Account, Order, Position, Quote } from '../api/types'
import { hasRole, useSession } from '../api/auth'
import { channels } from '../live/live'
import { useLive } from '../live/useLive'
import { markPosition, mergeOrder, workingStatuses } from '../live/positions'
import { money, pnlTone, price, quantity, signedMoney } from '../format'
import { Panel, table, td, th } from '../components/ui/Panel'
import { TradingStatePanel } from '../components/TradingStatePanel'
import { OrdersTable } from '../components/OrdersTable'
import { LatestReconciliationPanel } from '../components/ops/LatestReconciliationPanel'
import { RecentAlertsPanel } from '../components/ops/RecentAlertsPanel'

const accountsKey = ['portfolio', 'accounts']
const ordersKey = ['orders', 'recent']
const positionsKey = (account: string) => ['portfolio', 'positions', account]

function Figure({ label, value, tone = 'text-slate-100', testId }: { label: string; value: string; tone?: string; testId?: string }) {
  return (
    <div className="min-w-0">
      <div className="text-[11px] uppercase tracking-wide text-slate-500">{label}</div>
      <div data-testid={testId} className={`truncate text-lg font-semibold tabular-nums ${tone}`}>{value}</div>
    </div>
  )
}

function AccountSummary({ account }: { account: Account }) {
  const c = account.currency
  return (
    <Panel title={`${account.name} · ${account.broker}`} testId={`account-${account.id}`}
      actions={!account.marksComplete && (
        <span className="text-xs text-amber-400" title="Some positions have no quote and are valued at cost">marks incomplete</span>
      )}>
      <div className="grid grid-cols-4 gap-x-6 gap-y-3">
        <Figure label="Equity" value={money(account.equity, c)} testId="equity" />
        <Figure label="Day P&L" value={signedMoney(account.dayPnl, c)} tone={pnlTone(account.dayPnl)} testId="day-pnl" />
        <Figure label="Cash" value={money(account.cash, c)} testId="cash" />
        <Figure label="Buying power" value={money(account.buyingPower, c)} testId="buying-power" />
        <Figure label="Market value" value={money(account.marketValue, c)} />
        <Figure label="Unrealized P&L" value={signedMoney(account.unrealizedPnl, c)} tone={pnlTone(account.unrealizedPnl)} />
        <Figure label="Realized P&L" value={signedMoney(account.realizedPnl, c)} tone={pnlTone(account.realizedPnl)} />
        <Figure label="Peak equity" value={money(account.peakEquity, c)} />
      </div>
    </Panel>
  )
}

/** One position row; its mark and P&L follow the symbol's pushed quotes. */
function PositionRow({ position, canTrade, onClose, closing }: {
  position: Position; canTrade: boolean; onClose: (p: Position) => void; closing: boolean
}) {
  const [live, setLive] = useState<Position | null>(null)
  useLive<Quote>(channels.quotes(position.symbol), (quote) => setLive(markPosition(position, quote)))
  const p = live && live.quantity === position.quantity && live.averageCost === position.averageCost ? live : position
  return (
    <tr data-testid={`position-${p.symbol}`}>
      <td className={`${td} font-mono font-medium`}>{p.symbol}</td>
      <td className={`${td} text-slate-400`}>{p.strategyId ?? 'manual'}</td>
      <td className={`${td} text-right ${p.quantity < 0 ? 'text-red-300' : ''}`}>{quantity(p.quantity)}</td>
      <td className={`${td} text-right`}>{price(p.averageCost)}</td>
      <td className={`${td} text-right`} data-testid="mark" title={p.markSource === 'cost' ? 'No quote: valued at cost' : 'Quote mid'}>
        {price(p.mark)}{p.markSource === 'cost' && <span className="text-amber-400"> *</span>}
      </td>
      <td className={`${td} text-right`}>{money(p.marketValue)}</td>
      <td className={`${td} text-right font-medium ${pnlTone(p.unrealizedPnl)}`} data-testid="unrealized">{signedMoney(p.unrealizedPnl)}</td>
      <td className={`${td} text-right`}>
        <button type="button" disabled={!canTrade || closing} onClick={() => onClose(p)}
          title={canTrade ? `Close the whole ${p.symbol} position with a market order` : 'A trader can close positions'}
          className="rounded border border-slate-700 px-2 py-0.5 text-xs text-slate-200 hover:border-red-500 hover:text-red-300 disabled:cursor-not-allowed disabled:opacity-40">
          {closing ? 'Closing…' : 'Close'}
        </button>
      </td>
    </tr>
  )
}

export function Dashboard() {
  const queryClient = useQueryClient()
  const canTrade = hasRole(useSession(), 'trader')
  const accounts = useQuery({
    queryKey: accountsKey,
    queryFn: () => getJson<Account[]>('/api/portfolio/accounts'),
    refetchInterval: 30_000, // pushes keep it current; this only heals a missed push
  })
  const accountId = accounts.data?.[0]?.id ?? 'paper'
  const positions = useQuery({
    queryKey: positionsKey(accountId),
    queryFn: () => getJson<Position[]>(`/api/portfolio/accounts/${accountId}/positions`),
    refetchInterval: 30_000,
  })
  const orders = useQuery({
    queryKey: ordersKey,
    queryFn: () => getJson<Order[]>('/api/orders?limit=100'),
    refetchInterval: 30_000,
  })

  // A pushed account summary replaces the shown one; a changed cash or realized P&L means a fill was booked, so the
  // positions are reloaded (marks move with quotes, quantities only with fills).
  useLive<Account>(channels.portfolio, (account) => {
    const previous = queryClient.getQueryData<Account[]>(accountsKey)?.find((a) => a.id === account.id)
    queryClient.setQueryData<Account[]>(accountsKey, (list) =>
      list?.some((a) => a.id === account.id) ? list.map((a) => (a.id === account.id ? account : a)) : [...(list ?? []), account])
    if (!previous || previous.cash !== account.cash || previous.realizedPnl !== account.realizedPnl) {
      void queryClient.invalidateQueries({ queryKey: positionsKey(account.id) })
    }
  })
  useLive<Order>(channels.orders, (order) => queryClient.setQueryData<Order[]>(ordersKey, (list) => mergeOrder(list, order)))

  const [closeMessage, setCloseMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [closingSymbols, setClosingSymbols] = useState<Set<string>>(new Set())
  const close = useMutation({
    mutationFn: (p: Position) =>
      sendJson<{ id: string; status: string }>(`/api/orders/positions/${encodeURIComponent(p.symbol)}/close`,
        { accountId: p.accountId, strategyId: p.strategyId }, { idempotencyKey: newIdempotencyKey() }),
    onMutate: (p) => setClosingSymbols((s) => new Set(s).add(p.symbol)),
    onSuccess: (_, p) => setCloseMessage({ text: `Closing ${p.symbol}: market order sent.`, error: false }),
    onError: (e, p) => setCloseMessage({ text: `${p.symbol} not closed: ${e instanceof ApiError ? e.message : 'request failed'}`, error: true }),
    onSettled: (_, __, p) => setClosingSymbols((s) => { const n = new Set(s); n.delete(p.symbol); return n }),
  })

  const working = useMemo(() => orders.data?.filter((o) => workingStatuses.has(o.status)) ?? [], [orders.data])
  const recent = useMemo(() => orders.data?.slice(0, 8) ?? [], [orders.data])

  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Dashboard</h1>
        <span className="text-sm text-slate-500">Account {accountId}</span>
      </div>
      {accounts.isError && <p role="alert" className="text-red-400">Accounts unavailable: {accounts.error.message}</p>}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        <div className="space-y-4 xl:col-span-2">
          {accounts.data?.map((a) => <AccountSummary key={a.id} account={a} />)}
          {accounts.isPending && <Panel title="Account"><p className="text-sm text-slate-500">Loading…</p></Panel>}
        </div>
        <TradingStatePanel />
      </div>

      <Panel title={`Positions (${positions.data?.length ?? 0})`} testId="positions-panel"
        actions={closeMessage && (
          <span role="status" data-testid="close-message" className={`text-xs ${closeMessage.error ? 'text-red-400' : 'text-emerald-400'}`}>
            {closeMessage.text}
          </span>
        )}>
        <table className={table} data-testid="positions">
          <thead>
            <tr>
              <th className={th}>Symbol</th><th className={th}>Strategy</th><th className={`${th} text-right`}>Qty</th>
              <th className={`${th} text-right`}>Avg cost</th><th className={`${th} text-right`}>Mark</th>
              <th className={`${th} text-right`}>Market value</th><th className={`${th} text-right`}>Unrealized P&L</th><th className={th} />
            </tr>
          </thead>
          <tbody>
            {positions.data?.map((p) => (
              <PositionRow key={`${p.symbol}-${p.strategyId ?? ''}`} position={p} canTrade={canTrade}
                closing={closingSymbols.has(p.symbol)} onClose={(x) => close.mutate(x)} />
            ))}
            {(positions.isPending || positions.data?.length === 0) && (
              <tr><td colSpan={8} className={`${td} py-3 text-slate-500`}>{positions.isPending ? 'Loading…' : 'No open positions.'}</td></tr>
            )}
          </tbody>
        </table>
      </Panel>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Panel title={`Open orders (${working.length})`} testId="open-orders-panel"
          actions={<Link to="/orders" className="text-xs text-sky-400 hover:underline">Blotter →</Link>}>
          <OrdersTable orders={working} testId="working-orders" empty={orders.isSuccess ? 'No working orders.' : 'Loading…'} compact />
        </Panel>
        <Panel title="Recent orders" testId="recent-orders-panel">
          <OrdersTable orders={recent} testId="recent-orders" empty={orders.isSuccess ? 'No orders yet.' : 'Loading…'} compact />
        </Panel>
      </div>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <LatestReconciliationPanel />
        <RecentAlertsPanel />
      </div>
    </div>
  )
}
