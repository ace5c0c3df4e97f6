import type { JobStatus } from './types'

const colours: Record<JobStatus, string> = {
  queued: 'bg-slate-700 text-slate-200',
  running: 'bg-sky-700 text-white',
  completed: 'bg-emerald-700 text-white',
  failed: 'bg-red-700 text-white',
  cancelled: 'bg-slate-600 text-slate-200',
}

/** A job's status; a running job with its progress as a thin bar beside it. */
export function JobStatusBadge({ status, progress }: { status: JobStatus; progress: number | null }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase ${colours[status] ?? 'bg-slate-700'}`}>{status}</span>
      {status === 'running' && progress !== null && (
        <span className="inline-flex items-center gap-1 text-[11px] tabular-nums text-slate-400">
          <span className="h-1.5 w-14 overflow-hidden rounded bg-slate-800">
            <span className="block h-full bg-sky-500" style={{ width: `${Math.round(progress * 100)}%` }} />
          </span>
          {Math.round(progress * 100)}%
        </span>
      )}
    </span>
  )
}
