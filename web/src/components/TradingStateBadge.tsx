import { useQuery } from '@tanstack/react-query'
import { getJson } from '../api/client'
import type { TradingState } from '../api/types'

const colours: Record<TradingState['state'], string> = {
  running: 'bg-emerald-600 text-white',
  paused: 'bg-amber-500 text-black',
  reducing: 'bg-orange-600 text-white',
  halted: 'bg-red-600 text-white',
}

export function useTradingState() {
  return useQuery({
    queryKey: ['risk', 'state'],
    queryFn: () => getJson<TradingState>('/api/risk/state'),
    refetchInterval: 5_000,
  })
}

/** The platform's trading state, refreshed every 5 s; grey "unknown" when risk cannot be reached. */
export function TradingStateBadge({ testId = 'trading-state' }: { testId?: string }) {
  const { data, isError } = useTradingState()
  if (isError || !data) {
    return (
      <span data-testid={testId} className="rounded bg-slate-700 px-2 py-0.5 text-xs font-semibold uppercase text-slate-300">
        {isError ? 'state unknown' : 'loading…'}
      </span>
    )
  }
  return (
    <span
      data-testid={testId}
      title={`${data.reason ?? 'No reason given'} — by ${data.changedBy} since ${new Date(data.since).toLocaleString()}`}
      className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${colours[data.state]}`}
    >
      {data.state}
    </span>
  )
}
