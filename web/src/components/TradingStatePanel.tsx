import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ApiError, sendJson } from '../api/client'
import type { TradingState } from '../api/types'
import { hasRole, useSession } from '../api/auth'
import { Panel } from './ui/Panel'
import { TradingStateBadge, useTradingState } from './TradingStateBadge'

/** The trading state in full (why, by whom, since when), and for an admin the way back after a halt. */
export function TradingStatePanel() {
  const { data } = useTradingState()
  const admin = hasRole(useSession(), 'admin')
  const queryClient = useQueryClient()
  const action = useMutation({
    mutationFn: (path: string) => sendJson<TradingState>(`/api/risk/${path}`, {}),
    onSuccess: (state) => queryClient.setQueryData(['risk', 'state'], state),
  })
  return (
    <Panel title="Trading" testId="trading-panel" actions={<TradingStateBadge testId="trading-state-panel" />}>
      {data ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Since</dt><dd>{new Date(data.since).toLocaleString('en-US', { hour12: false })}</dd>
          <dt className="text-slate-500">By</dt><dd>{data.changedBy}</dd>
          <dt className="text-slate-500">Reason</dt><dd className="break-words">{data.reason ?? '—'}</dd>
        </dl>
      ) : <p className="text-sm text-slate-500">Loading…</p>}
      {admin && data?.state === 'halted' && (
        <div className="mt-3 flex gap-2">
          {!data.canResume && (
            <button type="button" onClick={() => action.mutate('enable-resume')}
              className="rounded border border-slate-600 px-2 py-1 text-xs hover:bg-slate-800">Enable resume</button>
          )}
          <button type="button" disabled={!data.canResume} onClick={() => action.mutate('resume')}
            title={data.canResume ? 'Back to running' : 'Enable resume first'}
            className="rounded border border-emerald-700 px-2 py-1 text-xs text-emerald-300 hover:bg-emerald-950 disabled:opacity-40">Resume trading</button>
        </div>
      )}
      {action.isError && (
        <p role="alert" className="mt-2 text-xs text-red-400">{action.error instanceof ApiError ? action.error.message : 'Request failed.'}</p>
      )}
    </Panel>
  )
}
