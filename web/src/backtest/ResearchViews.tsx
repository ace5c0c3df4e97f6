import { useQuery } from '@tanstack/react-query'
import { getJson } from '../api/client'
import { Panel, table, td, th } from '../components/ui/Panel'
import { metricLabel, metricValue, parameterText, pct, ratio } from './stats'
import type { Job, JobPage, StabilityResult, SweepResult, WalkForwardResult, WindowResult } from './types'
import { JobStatusBadge } from './JobStatusBadge'

/** Only the parameters the grid varies (the fixed ones are in the job's header); all of them without a grid. */
export function gridParameters(parameters: Record<string, unknown>, grid: Record<string, unknown> | null | undefined) {
  const keys = Object.keys(grid ?? {})
  return keys.length === 0 ? parameters : Object.fromEntries(Object.entries(parameters).filter(([k]) => keys.includes(k)))
}

const gridOf = (job: Job) => (job.request as { grid?: Record<string, unknown> | null } | null)?.grid

const ret = (v: number) => (v > 0 ? 'text-emerald-400' : v < 0 ? 'text-red-400' : '')

/** A sweep's ranking (best first) and its runs that did not complete; a run opens with its own result. */
export function SweepView({ job, onOpen }: { job: Job; onOpen: (id: string) => void }) {
  const result = job.status === 'completed' ? (job.result as SweepResult | null) : null
  const grid = gridOf(job)
  // Until the sweep is collected, its runs as they finish.
  const runs = useQuery({
    queryKey: ['backtest', 'jobs', 'children', job.id],
    queryFn: () => getJson<JobPage>(`/api/backtest/jobs?parentId=${job.id}&limit=500`),
    enabled: !result,
    refetchInterval: job.status === 'running' || job.status === 'queued' ? 3_000 : false,
  })
  if (!result) {
    const items = runs.data?.items ?? []
    const done = items.filter((r) => r.status === 'completed').length
    return (
      <Panel title={`Runs · ${done} of ${items.length} completed`} testId="sweep-runs">
        <table className={table}>
          <thead><tr><th className={th}>#</th><th className={th}>Parameters</th><th className={th}>Status</th><th className={th}>Worker</th></tr></thead>
          <tbody>
            {[...items].sort((a, b) => (a.sweepIndex ?? 0) - (b.sweepIndex ?? 0)).map((r) => (
              <tr key={r.id}>
                <td className={td}>{(r.sweepIndex ?? 0) + 1}</td>
                <td className={`${td} font-mono text-xs`}>{parameterText(gridParameters((r.request as { parameters?: Record<string, unknown> }).parameters ?? {}, grid))}</td>
                <td className={td}><JobStatusBadge status={r.status} progress={r.progress} /></td>
                <td className={`${td} text-xs text-slate-500`}>{r.worker ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    )
  }
  return (
    <div className="space-y-4" data-testid="sweep-result">
      <p className="text-sm text-slate-400">
        {result.completed} of {result.total} runs completed{result.failed > 0 && `, ${result.failed} failed`}
        {result.cancelled > 0 && `, ${result.cancelled} cancelled`} · ranked by <span className="text-slate-200">{metricLabel(result.rankBy)}</span>
        {Object.keys(result.runsByWorker).length > 0 && (
          <> · workers {Object.entries(result.runsByWorker).map(([w, n]) => `${w} (${n})`).join(', ')}</>
        )}
      </p>
      <Panel title="Ranking">
        <table className={table} data-testid="sweep-ranking">
          <thead>
            <tr>
              <th className={th}>Rank</th><th className={th}>Parameters</th><th className={`${th} text-right`}>{metricLabel(result.rankBy)}</th>
              <th className={`${th} text-right`}>Return</th><th className={`${th} text-right`}>CAGR</th>
              {result.rankBy !== 'sharpe' && <th className={`${th} text-right`}>Sharpe</th>}
              <th className={`${th} text-right`}>Max DD</th><th className={`${th} text-right`}>Trades</th><th className={`${th} text-right`}>Win rate</th>
              <th className={th} />
            </tr>
          </thead>
          <tbody>
            {result.ranked.map((r) => (
              <tr key={r.jobId} data-testid={`ranked-${r.rank}`}>
                <td className={td}>{r.rank}</td>
                <td className={`${td} font-mono text-xs`}>{parameterText(gridParameters(r.parameters, grid))}</td>
                <td className={`${td} text-right font-semibold`}>{metricValue(result.rankBy, r.metric)}</td>
                <td className={`${td} text-right ${ret(r.statistics.totalReturn)}`}>{pct(r.statistics.totalReturn)}</td>
                <td className={`${td} text-right`}>{pct(r.statistics.cagr)}</td>
                {result.rankBy !== 'sharpe' && <td className={`${td} text-right`}>{ratio(r.statistics.sharpe)}</td>}
                <td className={`${td} text-right text-red-400`}>{pct(-r.statistics.maxDrawdown)}</td>
                <td className={`${td} text-right`}>{r.statistics.trades}</td>
                <td className={`${td} text-right`}>{pct(r.statistics.winRate, 1)}</td>
                <td className={`${td} text-right`}>
                  <button type="button" className="text-xs text-sky-400 hover:underline" onClick={() => onOpen(r.jobId)}>open</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {result.unfinished.length > 0 && (
        <Panel title={`Not completed · ${result.unfinished.length}`}>
          <table className={table} data-testid="sweep-unfinished">
            <thead><tr><th className={th}>#</th><th className={th}>Parameters</th><th className={th}>Status</th><th className={th}>Error</th></tr></thead>
            <tbody>
              {result.unfinished.map((u) => (
                <tr key={u.jobId}>
                  <td className={td}>{u.index + 1}</td>
                  <td className={`${td} font-mono text-xs`}>{parameterText(gridParameters(u.parameters, grid))}</td>
                  <td className={td}><JobStatusBadge status={u.status} progress={null} /></td>
                  <td className={`${td} text-xs text-red-300`}>{u.error ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </div>
  )
}

function WindowRow({ name, w, metric }: { name: string; w: WindowResult; metric: string }) {
  return (
    <tr data-testid={`window-${name.toLowerCase()}`}>
      <td className={`${td} font-semibold`}>{name}</td>
      <td className={`${td} text-slate-400`}>{w.start} → {w.end}</td>
      <td className={`${td} text-right`}>{w.points}</td>
      <td className={`${td} text-right font-semibold`}>{metricValue(metric, w.metric)}</td>
      <td className={`${td} text-right ${ret(w.metrics.totalReturn)}`}>{pct(w.metrics.totalReturn)}</td>
      {metric !== 'sharpe' && <td className={`${td} text-right`}>{ratio(w.metrics.sharpe)}</td>}
      <td className={`${td} text-right text-red-400`}>{pct(-w.metrics.maxDrawdown)}</td>
      <td className={`${td} text-right`}>{w.metrics.trades}</td>
      <td className={`${td} text-right text-slate-400`}>{w.benchmark ? pct(w.benchmark.totalReturn) : '—'}</td>
    </tr>
  )
}

const stabilityText = (s: StabilityResult) =>
  s.error ? 'refused' : s.withinTolerance === null ? '—' : s.withinTolerance ? 'within' : 'outside'

/** A walk-forward's verdict with its evidence: the three windows, degradation, stability of the best set, candidates. */
export function WalkForwardView({ result, grid }: { result: WalkForwardResult; grid?: Record<string, unknown> | null }) {
  const m = result.metric
  return (
    <div className="space-y-4" data-testid="walk-forward-result">
      <div data-testid="walk-forward-verdict"
        className={`rounded border p-3 ${result.accepted ? 'border-emerald-800 bg-emerald-950/50' : 'border-red-900 bg-red-950/50'}`}>
        <div className={`text-sm font-semibold ${result.accepted ? 'text-emerald-300' : 'text-red-300'}`}>
          {result.accepted ? 'Accepted' : 'Rejected'} · best {parameterText(result.best.parameters)} · train {metricLabel(m)}{' '}
          {metricValue(m, result.best.trainMetric)}
        </div>
        <ul className="mt-1 list-disc pl-5 text-xs text-slate-300">
          {result.reasons.map((r) => <li key={r}>{r}</li>)}
        </ul>
      </div>
      <Panel title="Windows (70 / 15 / 15)">
        <table className={table}>
          <thead>
            <tr>
              <th className={th}>Window</th><th className={th}>Range</th><th className={`${th} text-right`}>Points</th>
              <th className={`${th} text-right`}>{metricLabel(m)}</th><th className={`${th} text-right`}>Return</th>
              {m !== 'sharpe' && <th className={`${th} text-right`}>Sharpe</th>}<th className={`${th} text-right`}>Max DD</th>
              <th className={`${th} text-right`}>Trades</th><th className={`${th} text-right`}>Benchmark</th>
            </tr>
          </thead>
          <tbody>
            <WindowRow name="Train" w={result.train} metric={m} />
            <WindowRow name="Validation" w={result.validation} metric={m} />
            <WindowRow name="Test" w={result.test} metric={m} />
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-400">
          Degradation train → validation <span className="text-slate-200">{pct(result.degradation.trainToValidation, 1)}</span>, validation → test{' '}
          <span className="text-slate-200">{pct(result.degradation.validationToTest, 1)}</span> (more than 20 % rejects)
        </p>
      </Panel>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Panel title={`Stability · ${result.stability.length} perturbations`}>
          <table className={table} data-testid="stability">
            <thead>
              <tr>
                <th className={th}>Perturbation</th><th className={th}>Value</th><th className={`${th} text-right`}>{metricLabel(m)}</th>
                <th className={`${th} text-right`}>Deviation</th><th className={th}>Tolerance</th>
              </tr>
            </thead>
            <tbody>
              {result.stability.map((s) => (
                <tr key={s.perturbation}>
                  <td className={`${td} font-mono text-xs`}>{s.perturbation}</td>
                  <td className={`${td} font-mono text-xs text-slate-400`}>{parameterText({ [s.parameter]: s.parameters[s.parameter] })}</td>
                  <td className={`${td} text-right`}>{metricValue(m, s.metric)}</td>
                  <td className={`${td} text-right`}>{pct(s.deviation, 1)}</td>
                  <td className={`${td} ${s.withinTolerance === false ? 'text-red-400' : s.error ? 'text-amber-400' : 'text-emerald-400'}`}
                    title={s.error ?? undefined}>{stabilityText(s)}</td>
                </tr>
              ))}
              {result.stability.length === 0 && <tr><td colSpan={5} className={`${td} text-slate-500`}>No numeric parameter to perturb.</td></tr>}
            </tbody>
          </table>
        </Panel>
        <Panel title={`Candidates · ${result.candidates.length}`}>
          <table className={table} data-testid="candidates">
            <thead><tr><th className={th}>Parameters</th><th className={`${th} text-right`}>Train {metricLabel(m)}</th><th className={th}>Error</th></tr></thead>
            <tbody>
              {result.candidates.map((c, i) => (
                <tr key={i}>
                  <td className={`${td} font-mono text-xs`}>{parameterText(gridParameters(c.parameters, grid))}</td>
                  <td className={`${td} text-right`}>{metricValue(m, c.metric)}</td>
                  <td className={`${td} text-xs text-red-300`}>{c.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </div>
  )
}
