import type { Order } from '../api/types'
import { price, quantity, time } from '../format'
import { table, td, th } from './ui/Panel'

const statusTone: Record<string, string> = {
  filled: 'text-emerald-400',
  partially_filled: 'text-sky-300',
  submitted: 'text-sky-300',
  pending: 'text-slate-300',
  cancel_requested: 'text-amber-300',
  cancelled: 'text-slate-500',
  expired: 'text-slate-500',
  rejected: 'text-red-400',
}

export const statusLabel = (status: string) => status.replace('_', ' ')

/** Price terms of an order as a trader writes them: "LMT 190.50", "STP 180.00 LMT 179.50", "MKT". */
export function terms(o: Pick<Order, 'type' | 'limitPrice' | 'stopPrice'>) {
  switch (o.type) {
    case 'limit': return `LMT ${price(o.limitPrice)}`
    case 'stop': return `STP ${price(o.stopPrice)}`
    case 'stop_limit': return `STP ${price(o.stopPrice)} LMT ${price(o.limitPrice)}`
    default: return 'MKT'
  }
}

/** A blotter of orders; with `onCancel`, working orders get a Cancel button. */
export function OrdersTable({ orders, testId, empty, compact = false, onCancel, cancelling }: {
  orders: Order[]; testId: string; empty: string; compact?: boolean
  onCancel?: (o: Order) => void; cancelling?: Set<string>
}) {
  const cancellable = new Set(['pending', 'submitted', 'partially_filled'])
  return (
    <table className={table} data-testid={testId}>
      <thead>
        <tr>
          <th className={th}>Time</th><th className={th}>Symbol</th><th className={th}>Side</th>
          <th className={`${th} text-right`}>Qty</th><th className={th}>Terms</th>
          {!compact && <th className={th}>TIF</th>}
          <th className={`${th} text-right`}>Filled</th><th className={`${th} text-right`}>Avg price</th><th className={th}>Status</th>
          {!compact && <th className={th}>Strategy</th>}
          {onCancel && <th className={th} />}
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.id} data-testid={`order-${o.id}`} data-symbol={o.symbol} data-status={o.status}>
            <td className={`${td} text-slate-400`}>{time(o.createdAt)}</td>
            <td className={`${td} font-mono font-medium`}>{o.symbol}</td>
            <td className={`${td} font-medium ${o.side === 'buy' ? 'text-emerald-400' : 'text-red-400'}`}>{o.side.toUpperCase()}</td>
            <td className={`${td} text-right`}>{quantity(o.quantity)}</td>
            <td className={`${td} whitespace-nowrap font-mono text-xs`}>{terms(o)}</td>
            {!compact && <td className={`${td} uppercase text-slate-400`}>{o.timeInForce}</td>}
            <td className={`${td} text-right`}>{quantity(o.filledQuantity)}</td>
            <td className={`${td} text-right`}>{price(o.averageFillPrice)}</td>
            <td className={`${td} whitespace-nowrap ${statusTone[o.status] ?? ''}`} title={o.rejectCode ?? undefined} data-testid="order-status">
              {statusLabel(o.status)}{o.rejectCode && !compact && <span className="ml-1 text-xs text-red-300/80">({o.rejectCode})</span>}
            </td>
            {!compact && <td className={`${td} text-slate-400`}>{o.strategyId ?? 'manual'}</td>}
            {onCancel && (
              <td className={`${td} text-right`}>
                {cancellable.has(o.status) && (
                  <button type="button" onClick={() => onCancel(o)} disabled={cancelling?.has(o.id)}
                    className="rounded border border-slate-700 px-2 py-0.5 text-xs hover:border-amber-500 hover:text-amber-300 disabled:opacity-40">
                    Cancel
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
        {orders.length === 0 && (
          <tr><td colSpan={12} className={`${td} py-3 text-slate-500`}>{empty}</td></tr>
        )}
      </tbody>
    </table>
  )
}
