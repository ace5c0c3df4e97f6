import { useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ApiError, getJson } from '../api/client'
import type { TradingState } from '../api/types'
import { hasRole, useSession } from '../api/auth'

interface FlattenOrder {
  orderId: string | null
  symbol: string
  side: string
  quantity: number
  status: string
  rejectCode: string | null
}

interface KillSwitchResult {
  state: TradingState
  actionsExecuted: { halted: boolean; ordersCancelled: number; cancelled: { symbol: string; outcome: string }[]; flattenOrders: FlattenOrder[] }
  errors: string[]
}

/**
 * One click to halt everything: asks for confirmation, then POSTs the kill switch to risk and shows what it did.
 */
export function KillSwitchButton() {
  const [confirming, setConfirming] = useState(false)
  const [report, setReport] = useState<KillSwitchResult | null>(null)
  const queryClient = useQueryClient()
  const allowed = hasRole(useSession(), 'admin')
  const killSwitch = useMutation({
    mutationFn: () =>
      getJson<KillSwitchResult>('/api/risk/kill-switch', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'Kill switch activated from the web UI' }),
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(['risk', 'state'], result.state)
      setConfirming(false)
      setReport(result)
    },
  })

  return (
    <>
      <button
        type="button"
        data-testid="kill-switch"
        disabled={!allowed}
        title={allowed ? 'Halt all trading' : 'Only an admin can pull the kill switch'}
        onClick={() => setConfirming(true)}
        className="rounded bg-red-700 px-3 py-1 text-sm font-bold uppercase tracking-wide text-white hover:bg-red-600 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-red-700"
      >
        Kill switch
      </button>
      {report && (
        <div role="status" data-testid="kill-switch-report"
          className="fixed right-4 top-14 z-10 w-96 rounded-lg border border-red-800 bg-slate-900 p-4 text-sm shadow-xl">
          <p className="font-semibold text-red-400">{report.actionsExecuted.halted ? 'Trading halted.' : 'Trading NOT halted.'}</p>
          <ul className="mt-2 space-y-1 text-slate-300">
            <li data-testid="kill-switch-halt">Halt: {report.actionsExecuted.halted ? 'done' : 'failed'} (state {report.state.state})</li>
            <li data-testid="kill-switch-cancelled">Cancel: {report.actionsExecuted.ordersCancelled} working order(s) cancelled</li>
            <li data-testid="kill-switch-flatten">Flatten: {report.actionsExecuted.flattenOrders.length} closing order(s) sent</li>
          </ul>
          {report.actionsExecuted.flattenOrders.length > 0 && (
            <table className="mt-2 w-full text-xs tabular-nums">
              <tbody>
                {report.actionsExecuted.flattenOrders.map((f, i) => (
                  <tr key={f.orderId ?? `${f.symbol}-${i}`} className="border-t border-slate-800">
                    <td className="py-0.5 font-mono">{f.symbol}</td>
                    <td className="py-0.5 uppercase">{f.side}</td>
                    <td className="py-0.5 text-right">{f.quantity}</td>
                    <td className={`py-0.5 ${f.status === 'rejected' ? 'text-red-400' : 'text-slate-300'}`}>{f.status}{f.rejectCode && ` (${f.rejectCode})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.errors.map((e) => (
            <p key={e} role="alert" className="mt-1 text-amber-300">{e}</p>
          ))}
          <button type="button" onClick={() => setReport(null)} className="mt-2 text-xs text-slate-400 underline">Dismiss</button>
        </div>
      )}
      {confirming && (
        <div role="dialog" aria-modal="true" aria-labelledby="kill-switch-title" className="fixed inset-0 z-10 flex items-center justify-center bg-black/60">
          <div className="w-96 rounded-lg border border-red-800 bg-slate-900 p-5 shadow-xl">
            <h2 id="kill-switch-title" className="text-lg font-semibold text-red-400">Halt all trading?</h2>
            <p className="mt-2 text-sm text-slate-300">
              Trading moves to HALTED at once, every working order is cancelled and every position is closed with market
              orders. Nothing trades again until an operator enables resume and resumes.
            </p>
            {killSwitch.isError && (
              <p role="alert" className="mt-3 rounded bg-red-950 p-2 text-sm text-red-300">
                {killSwitch.error instanceof ApiError ? killSwitch.error.message : 'The kill switch request failed.'}
              </p>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={() => setConfirming(false)} className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800">
                Cancel
              </button>
              <button
                type="button"
                data-testid="kill-switch-confirm"
                disabled={killSwitch.isPending}
                onClick={() => killSwitch.mutate()}
                className="rounded bg-red-700 px-3 py-1 text-sm font-semibold text-white hover:bg-red-600 disabled:opacity-50"
              >
                {killSwitch.isPending ? 'Halting…' : 'Halt trading'}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  )
}
