import { useEffect, useState } from 'react'
import { useLiveState } from '../live/useLive'
import { freshness } from '../live/positions'

const tones = { live: 'bg-emerald-500', stale: 'bg-amber-400', down: 'bg-slate-500' }

/** The freshness of what the pages show: the live connection's state and the age of its last push. */
export function LiveIndicator() {
  const live = useLiveState()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [])
  const { label, tone } = freshness(live.status, live.lastMessageAt, now)
  return (
    <span data-testid="live-indicator" data-status={live.status} className="flex items-center gap-1.5 text-xs text-slate-400"
      title="Live updates over SignalR (/hubs/live); pages poll slowly when offline">
      <span className={`inline-block h-2 w-2 rounded-full ${tones[tone]}`} />
      {label}
    </span>
  )
}
