import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../api/client'
import { hasRole, useSession } from '../api/auth'
import { channels } from '../live/live'
import { useLive } from '../live/useLive'
import { Panel, table, td, th } from '../components/ui/Panel'
import { BacktestForm } from '../backtest/BacktestForm'
import { JobStatusBadge } from '../backtest/JobStatusBadge'
import { RunResultView } from '../backtest/RunResultView'
import { SweepView, WalkForwardView } from '../backtest/ResearchViews'
import { metricLabel, parameterText } from '../backtest/stats'
import {
  isFinal, type Job, type JobPage, type JobProgress, type RunRequest, type RunResult, type SweepRequest, type WalkForwardResult,
} from '../backtest/types'

const jobsPath = '/api/backtest/jobs?limit=100'
const kindLabel = { backtest: 'Backtest', sweep: 'Sweep', walk_forward: 'Walk-forward' } as const
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US', { hour12: false, month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '—')

/** The run settings of any job: a run's request, or the `base` of a sweep or walk-forward. */
export function runOf(job: Job): RunRequest | null {
  const r = job.request as (RunRequest & Partial<SweepRequest>) | null
  if (!r) return null
  return job.kind === 'backtest' ? r : (r.base ?? null)
}

/** A pushed progress message applied to a job (status, progress and worker only). */
export function applyProgress<T extends Job>(job: T, p: JobProgress): T {
  return job.id === p.id ? { ...job, status: p.status, progress: p.progress, worker: p.worker ?? job.worker } : job
}

function JobsTable({ jobs, selected, onSelect }: { jobs: Job[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <div className="max-h-[34rem] overflow-y-auto">
      <table className={table} data-testid="backtest-jobs">
        <thead className="sticky top-0 bg-slate-900">
          <tr>
            <th className={th}>Submitted</th><th className={th}>Kind</th><th className={th}>Strategy</th><th className={th}>Symbols</th>
            <th className={th}>Range</th><th className={th}>Status</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => {
            const run = runOf(j)
            return (
              <tr key={j.id} data-testid={`job-${j.id}`} data-status={j.status} onClick={() => onSelect(j.id)}
                className={`cursor-pointer hover:bg-slate-800/50 ${j.id === selected ? 'bg-slate-800/70' : ''}`}>
                <td className={`${td} whitespace-nowrap text-slate-400`}>{when(j.submittedAt)}</td>
                <td className={td}>{kindLabel[j.kind] ?? j.kind}</td>
                <td className={`${td} font-mono text-xs`}>{j.strategy}</td>
                <td className={`${td} font-mono text-xs`}>{run?.symbols.join(', ')}</td>
                <td className={`${td} whitespace-nowrap text-xs text-slate-400`}>{run ? `${run.start} → ${run.end}` : '—'}</td>
                <td className={td}><JobStatusBadge status={j.status} progress={j.progress} /></td>
              </tr>
            )
          })}
          {jobs.length === 0 && <tr><td colSpan={6} className={`${td} text-slate-500`}>No backtests yet.</td></tr>}
        </tbody>
      </table>
    </div>
  )
}

function JobHeader({ job, onCancel, cancelling }: { job: Job; onCancel?: () => void; cancelling: boolean }) {
  const run = runOf(job)
  const r = job.request as Partial<SweepRequest> & { metric?: string }
  return (
    <div className="space-y-2" data-testid="job-header">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="font-semibold">{kindLabel[job.kind]}</span>
        <span className="font-mono text-sky-300">{job.strategy}</span>
        {run && <span className="font-mono">{run.symbols.join(', ')}</span>}
        {run && <span className="text-slate-400">{run.start} → {run.end} · {run.resolution}</span>}
        <span data-testid="job-status"><JobStatusBadge status={job.status} progress={job.progress} /></span>
        {!isFinal(job.status) && onCancel && (
          <button type="button" onClick={onCancel} disabled={cancelling} data-testid="job-cancel"
            className="ml-auto rounded border border-slate-700 px-2 py-0.5 text-xs text-slate-300 hover:bg-slate-800 disabled:opacity-40">
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {run && (
        <div className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-500">
          {Object.keys(run.parameters ?? {}).length > 0 && <span className="font-mono">{parameterText(run.parameters)}</span>}
          {r.grid && <span className="font-mono">grid {Object.entries(r.grid).map(([k, v]) => `${k}∈{${v.join(',')}}`).join(' ')}</span>}
          {r.rankBy && <span>rank by {metricLabel(r.rankBy)}</span>}
          {r.metric && <span>judge by {metricLabel(r.metric)}</span>}
          <span>capital ${run.capital.toLocaleString('en-US')}</span>
          <span>fees {run.costs.feeModel}{run.costs.feeRate != null && ` ${run.costs.feeRate}`}</span>
          <span>slippage {run.costs.slippageModel}{run.costs.slippageBps != null && ` ${run.costs.slippageBps} bps`}</span>
          <span>fill {run.fillModel}</span>
          <span>benchmark {run.benchmark}</span>
          {run.sizing && <span>sizing {run.sizing.fraction} of equity</span>}
        </div>
      )}
      <div className="text-xs text-slate-500">
        submitted {when(job.submittedAt)}{job.startedAt && ` · started ${when(job.startedAt)}`}
        {job.completedAt && ` · finished ${when(job.completedAt)}`}{job.worker && ` · worker ${job.worker}`}
      </div>
      {!isFinal(job.status) && (
        <div className="h-2 overflow-hidden rounded bg-slate-800" role="progressbar" aria-label="Progress" data-testid="job-progress"
          aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(job.progress * 100)}>
          <div className="h-full bg-sky-500 transition-all" style={{ width: `${Math.max(2, Math.round(job.progress * 100))}%` }} />
        </div>
      )}
      {job.status === 'failed' && job.error && (
        <p role="alert" data-testid="job-error" className="rounded bg-red-950 p-2 text-sm text-red-300">{job.error}</p>
      )}
    </div>
  )
}

function JobDetail({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const queryClient = useQueryClient()
  const canTrade = hasRole(useSession(), 'trader')
  const job = useQuery({
    queryKey: ['backtest', 'job', id],
    queryFn: () => getJson<Job>(`/api/backtest/jobs/${id}`),
    // Progress arrives by push (backtest:progress); the slow poll notices a finish whose push was lost.
    refetchInterval: (q) => (q.state.data && isFinal(q.state.data.status) ? false : 5_000),
  })
  const cancel = useMutation({
    mutationFn: () => sendJson<Job>(`/api/backtest/jobs/${id}/cancel`, undefined),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['backtest'] }),
  })
  if (job.isError) return <p role="alert" className="text-red-400">Backtest {id} unavailable: {job.error.message}</p>
  if (!job.data) return <p className="text-slate-500">Loading…</p>
  const j = job.data
  return (
    <div className="space-y-4" data-testid="job-detail" data-job={j.id}>
      <JobHeader job={j} onCancel={canTrade ? () => cancel.mutate() : undefined} cancelling={cancel.isPending} />
      {cancel.isError && (
        <p role="alert" className="text-sm text-red-400">Cancel refused: {cancel.error instanceof ApiError ? cancel.error.message : 'failed'}</p>
      )}
      {j.kind === 'backtest' && j.status === 'completed' && j.result != null && <RunResultView result={j.result as RunResult} />}
      {j.kind === 'sweep' && <SweepView job={j} onOpen={onOpen} />}
      {j.kind === 'walk_forward' && j.status === 'completed' && j.result != null && <WalkForwardView result={j.result as WalkForwardResult} grid={(j.request as { grid?: Record<string, unknown> | null }).grid} />}
      {j.parentId && (
        <button type="button" className="text-xs text-sky-400 hover:underline" onClick={() => onOpen(j.parentId!)}>← back to its sweep</button>
      )}
    </div>
  )
}

export function BacktestPage() {
  const queryClient = useQueryClient()
  const kinds = useQuery({ queryKey: ['strategies', 'kinds'], queryFn: () => getJson<string[]>('/api/strategies/kinds'), staleTime: 60_000 })
  const metrics = useQuery({ queryKey: ['backtest', 'metrics'], queryFn: () => getJson<string[]>('/api/backtest/metrics'), staleTime: 60_000 })
  const jobs = useQuery({ queryKey: ['backtest', 'jobs', jobsPath], queryFn: () => getJson<JobPage>(jobsPath), refetchInterval: 30_000 })
  const [chosen, setChosen] = useState<string | null>(null)
  // A sweep's runs are listed under their sweep, not among the jobs.
  const topLevel = (jobs.data?.items ?? []).filter((j) => j.parentId === null)
  const selected = chosen ?? topLevel[0]?.id ?? null

  useLive<JobProgress>(channels.backtest, (p) => {
    queryClient.setQueryData<JobPage>(['backtest', 'jobs', jobsPath], (page) => page && { ...page, items: page.items.map((j) => applyProgress(j, p)) })
    const known = queryClient.getQueryData<Job>(['backtest', 'job', p.id])
    if (known) {
      // A finished job is read again for its result; until then the push is the progress.
      if (isFinal(p.status)) void queryClient.invalidateQueries({ queryKey: ['backtest', 'job', p.id] })
      else queryClient.setQueryData<Job>(['backtest', 'job', p.id], applyProgress(known, p))
    }
    if (p.kind !== 'backtest' || isFinal(p.status)) void queryClient.invalidateQueries({ queryKey: ['backtest', 'jobs', 'children'] })
  })

  const onSubmitted = (job: Job) => {
    queryClient.setQueryData<JobPage>(['backtest', 'jobs', jobsPath], (page) =>
      page ? { ...page, items: [job, ...page.items.filter((j) => j.id !== job.id)] } : { items: [job], nextCursor: null })
    queryClient.setQueryData(['backtest', 'job', job.id], job)
    setChosen(job.id)
  }

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Backtest</h1>
      {kinds.isError && <p role="alert" className="text-red-400">Strategy kinds unavailable: {kinds.error.message}</p>}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[24rem_1fr]">
        <BacktestForm kinds={kinds.data ?? []} metrics={metrics.data ?? ['sharpe']} onSubmitted={onSubmitted} />
        <Panel title="Runs" testId="backtest-jobs-panel"
          actions={<span className="text-xs text-slate-500">{topLevel.length} shown · newest first</span>}>
          {jobs.isError && <p role="alert" className="text-red-400">Backtests unavailable: {jobs.error.message}</p>}
          <JobsTable jobs={topLevel} selected={selected} onSelect={setChosen} />
        </Panel>
      </div>
      {selected && (
        <Panel title="Result" testId="backtest-result-panel">
          <JobDetail key={selected} id={selected} onOpen={setChosen} />
        </Panel>
      )}
    </div>
  )
}
