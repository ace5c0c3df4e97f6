import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { ApiError, sendJson } from '../api/client'
import { hasRole, useSession } from '../api/auth'
import { Panel } from '../components/ui/Panel'
import {
  buildGrid, buildSubmission, defaultFields, feeModels, feeRateHint, fillModels, gridSize, lowerIsBetter, serverFieldErrors, slippageModels,
  starterGrid, starterParameters, type BacktestFields, type FormMode, type ParamRow,
} from './form'
import type { Job } from './types'
import { metricLabel } from './stats'

export const input = 'w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm tabular-nums focus:border-sky-500 focus:outline-none'
export const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'

const modes: { mode: FormMode; label: string }[] = [
  { mode: 'run', label: 'Backtest' }, { mode: 'sweep', label: 'Sweep' }, { mode: 'walk_forward', label: 'Walk-forward' },
]

/** The service's answer to a refused submit: its title or detail, and each field's message. */
interface Problem {
  text: string
  details: string[]
}

function RowsEditor({ id, rows, onChange, namePlaceholder, valuePlaceholder, addLabel }: {
  id: string; rows: ParamRow[]; onChange: (rows: ParamRow[]) => void; namePlaceholder: string; valuePlaceholder: string; addLabel: string
}) {
  const set = (i: number, patch: Partial<ParamRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <div className="space-y-1" data-testid={id}>
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[1fr_1fr_1.5rem] gap-1">
          <input aria-label={`${id} name ${i + 1}`} className={`${input} font-mono text-xs`} value={row.name} placeholder={namePlaceholder}
            onChange={(e) => set(i, { name: e.target.value })} />
          <input aria-label={`${id} value ${i + 1}`} className={`${input} font-mono text-xs`} value={row.value} placeholder={valuePlaceholder}
            onChange={(e) => set(i, { value: e.target.value })} />
          <button type="button" title="Remove" aria-label={`Remove ${row.name || 'row'}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}
            className="rounded text-slate-500 hover:bg-slate-800 hover:text-slate-200">×</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { name: '', value: '' }])} className="text-xs text-sky-400 hover:underline">
        + {addLabel}
      </button>
    </div>
  )
}

/**
 * The backtest form: a single run, a parameter sweep or a walk-forward over the same run settings. Checks what it can
 * before sending (buildSubmission) and shows the service's ProblemDetails by field when the service refuses.
 */
export function BacktestForm({ kinds, metrics, onSubmitted }: { kinds: string[]; metrics: string[]; onSubmitted: (job: Job) => void }) {
  const canTrade = hasRole(useSession(), 'trader')
  const [fields, setFields] = useState<BacktestFields>(() => defaultFields())
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [problem, setProblem] = useState<Problem | null>(null)
  // Until the user picks one, the SMA crossover (or the first kind the service lists) with its starting parameters.
  const fallback = kinds.includes('sma_crossover') ? 'sma_crossover' : (kinds[0] ?? '')
  const withStrategy = (f: BacktestFields): BacktestFields => f.strategy || !fallback
    ? f
    : { ...f, strategy: fallback, parameters: starterParameters[fallback] ?? [], grid: starterGrid[fallback] ?? [] }
  const current = withStrategy(fields)
  const set = <K extends keyof BacktestFields>(key: K, value: BacktestFields[K]) => setFields((f) => ({ ...withStrategy(f), [key]: value }))

  const submit = useMutation({
    mutationFn: (s: NonNullable<ReturnType<typeof buildSubmission>['submission']>) => sendJson<Job>(s.path, s.body),
    onSuccess: (job) => onSubmitted(job),
    onError: (e) => {
      if (e instanceof ApiError) {
        setErrors(serverFieldErrors(e.errors))
        const details = Object.entries(e.errors).map(([k, v]) => `${k}: ${v.join(' ')}`)
        // ApiError's message is the ProblemDetails detail when there is one, else the errors joined, else the title.
        const joined = Object.values(e.errors).flat().join(' ')
        const detail = e.message !== e.title && e.message !== joined ? e.message : null
        setProblem({ text: detail ? `${e.title}: ${detail}` : e.title, details })
      } else {
        setProblem({ text: 'The backtest service could not be reached.', details: [] })
      }
    },
  })

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setProblem(null)
    const built = buildSubmission(current)
    setErrors(built.errors ?? {})
    if (built.submission) submit.mutate(built.submission)
  }

  const chooseStrategy = (kind: string) =>
    setFields((f) => ({ ...f, strategy: kind, parameters: starterParameters[kind] ?? [], grid: starterGrid[kind] ?? [] }))
  const fieldError = (name: string) =>
    errors[name] && <p className="mt-0.5 text-xs text-red-400" data-testid={`error-${name}`}>{errors[name]}</p>
  const grid = buildGrid(current.grid)
  const runs = gridSize(grid.grid)
  const metricChoices = current.mode === 'walk_forward' ? metrics.filter((m) => !lowerIsBetter.has(m)) : metrics
  const submitText = submit.isPending
    ? 'Submitting…'
    : current.mode === 'run' ? 'Run backtest' : current.mode === 'sweep' ? `Run sweep${runs > 0 ? ` (${runs} runs)` : ''}` : 'Run walk-forward'

  return (
    <Panel title="New backtest" testId="backtest-form-panel">
      <form aria-label="Backtest" onSubmit={onSubmit} className="space-y-3" noValidate>
        <div role="group" aria-label="Kind" className="grid grid-cols-3 gap-1 rounded bg-slate-950 p-0.5">
          {modes.map((m) => (
            <button key={m.mode} type="button" aria-pressed={current.mode === m.mode} onClick={() => set('mode', m.mode)}
              className={`rounded py-1 text-xs font-semibold ${current.mode === m.mode ? 'bg-sky-700 text-white' : 'text-slate-400 hover:text-slate-200'}`}>
              {m.label}
            </button>
          ))}
        </div>

        <div className="grid grid-cols-2 gap-3">
          <div>
            <label className={label} htmlFor="bt-strategy">Strategy</label>
            <select id="bt-strategy" className={input} value={current.strategy} onChange={(e) => chooseStrategy(e.target.value)}>
              {kinds.length === 0 && <option value="">—</option>}
              {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
            {fieldError('strategy')}
          </div>
          <div>
            <label className={label} htmlFor="bt-symbols">Symbols</label>
            <input id="bt-symbols" className={`${input} font-mono uppercase`} value={current.symbols} placeholder="AAPL, MSFT" autoComplete="off"
              onChange={(e) => set('symbols', e.target.value)} />
            {fieldError('symbols')}
          </div>
          <div>
            <label className={label} htmlFor="bt-start">Start</label>
            <input id="bt-start" type="date" className={input} value={current.start} onChange={(e) => set('start', e.target.value)} />
            {fieldError('start')}
          </div>
          <div>
            <label className={label} htmlFor="bt-end">End</label>
            <input id="bt-end" type="date" className={input} value={current.end} onChange={(e) => set('end', e.target.value)} />
            {fieldError('end')}
          </div>
          <div>
            <label className={label} htmlFor="bt-capital">Initial capital ($)</label>
            <input id="bt-capital" className={`${input} text-right`} inputMode="decimal" value={current.capital}
              onChange={(e) => set('capital', e.target.value)} />
            {fieldError('capital')}
          </div>
          <div>
            <label className={label} htmlFor="bt-benchmark">Benchmark</label>
            <input id="bt-benchmark" className={`${input} font-mono uppercase`} value={current.benchmark} placeholder="SPY or none"
              onChange={(e) => set('benchmark', e.target.value)} />
            {fieldError('benchmark')}
          </div>
          <div>
            <label className={label} htmlFor="bt-resolution">Bars</label>
            <select id="bt-resolution" className={input} value={current.resolution}
              onChange={(e) => set('resolution', e.target.value as BacktestFields['resolution'])}>
              <option value="daily">Daily</option><option value="minute">Minute (≤ 92 days)</option>
            </select>
            {fieldError('resolution')}
          </div>
          <div>
            <label className={label} htmlFor="bt-fill">Fill model</label>
            <select id="bt-fill" className={input} value={current.fillModel} onChange={(e) => set('fillModel', e.target.value)}>
              {fillModels.map((m) => <option key={m} value={m}>{m.replace(/_/g, ' ')}</option>)}
            </select>
            {fieldError('fillModel')}
          </div>
        </div>

        <fieldset>
          <legend className={label}>Parameters{current.mode !== 'run' && ' (fixed in every run)'}</legend>
          <RowsEditor id="parameters" rows={current.parameters} onChange={(rows) => set('parameters', rows)}
            namePlaceholder="name" valuePlaceholder="value" addLabel="parameter" />
          {fieldError('parameters')}
        </fieldset>

        {current.mode !== 'run' && (
          <fieldset className="rounded border border-slate-800 p-2">
            <legend className={`${label} px-1`}>{current.mode === 'sweep' ? 'Grid (values to try)' : 'Grid (candidates, optional)'}</legend>
            <RowsEditor id="grid" rows={current.grid} onChange={(rows) => set('grid', rows)}
              namePlaceholder="parameter" valuePlaceholder="5, 10, 15" addLabel="grid parameter" />
            {fieldError('grid')}
            <div className="mt-2 flex items-end gap-3">
              <div className="flex-1">
                <label className={label} htmlFor="bt-metric">{current.mode === 'sweep' ? 'Rank by' : 'Judge by'}</label>
                <select id="bt-metric" className={input} value={current.metric} onChange={(e) => set('metric', e.target.value)}>
                  {metricChoices.map((m) => <option key={m} value={m}>{metricLabel(m)}</option>)}
                </select>
              </div>
              <span className="pb-1 text-xs text-slate-500" data-testid="grid-size">
                {runs > 0 ? `${runs} parameter set${runs === 1 ? '' : 's'}` : current.mode === 'walk_forward' ? 'base parameters only' : ''}
              </span>
            </div>
            {fieldError('metric')}
          </fieldset>
        )}

        <fieldset className="grid grid-cols-2 gap-3">
          <legend className={`${label} col-span-2`}>Costs and sizing</legend>
          <div>
            <label className={label} htmlFor="bt-fee-model">Fees</label>
            <select id="bt-fee-model" className={input} value={current.feeModel} onChange={(e) => set('feeModel', e.target.value)}>
              {feeModels.map((m) => <option key={m} value={m}>{m.replace(/_/g, ' ')}</option>)}
            </select>
          </div>
          <div>
            <label className={label} htmlFor="bt-fee-rate">Fee rate {feeRateHint[current.feeModel] && `(${feeRateHint[current.feeModel]!.unit})`}</label>
            <input id="bt-fee-rate" className={`${input} text-right`} inputMode="decimal" value={current.feeRate}
              disabled={!feeRateHint[current.feeModel]} placeholder={feeRateHint[current.feeModel]?.placeholder ?? '—'}
              onChange={(e) => set('feeRate', e.target.value)} />
          </div>
          <div>
            <label className={label} htmlFor="bt-slippage-model">Slippage</label>
            <select id="bt-slippage-model" className={input} value={current.slippageModel} onChange={(e) => set('slippageModel', e.target.value)}>
              {slippageModels.map((m) => <option key={m} value={m}>{m.replace(/_/g, ' ')}</option>)}
            </select>
          </div>
          {current.slippageModel === 'volume_share' ? (
            <div className="grid grid-cols-2 gap-1">
              <div>
                <label className={label} htmlFor="bt-impact">Impact</label>
                <input id="bt-impact" className={`${input} text-right`} inputMode="decimal" value={current.priceImpact} placeholder="0.1"
                  onChange={(e) => set('priceImpact', e.target.value)} />
              </div>
              <div>
                <label className={label} htmlFor="bt-volume-limit">Vol. limit</label>
                <input id="bt-volume-limit" className={`${input} text-right`} inputMode="decimal" value={current.volumeLimit} placeholder="0.025"
                  onChange={(e) => set('volumeLimit', e.target.value)} />
              </div>
            </div>
          ) : (
            <div>
              <label className={label} htmlFor="bt-slippage-bps">Slippage (bps)</label>
              <input id="bt-slippage-bps" className={`${input} text-right`} inputMode="decimal" value={current.slippageBps}
                disabled={current.slippageModel === 'none'} onChange={(e) => set('slippageBps', e.target.value)} />
            </div>
          )}
          <div className="col-span-2">{fieldError('costs')}</div>
          <div className="col-span-2">
            <label className={label} htmlFor="bt-sizing">Hold a fraction of equity per signal (optional)</label>
            <input id="bt-sizing" className={`${input} text-right`} inputMode="decimal" value={current.sizingFraction}
              placeholder="strategy's own quantity" onChange={(e) => set('sizingFraction', e.target.value)} />
            {fieldError('sizing')}
          </div>
        </fieldset>

        <button type="submit" disabled={!canTrade || submit.isPending || !current.strategy} data-testid="backtest-submit"
          title={canTrade ? undefined : 'A trader can run backtests'}
          className="w-full rounded bg-sky-700 py-2 text-sm font-semibold text-white hover:bg-sky-600 disabled:cursor-not-allowed disabled:opacity-40">
          {submitText}
        </button>
        {problem && (
          <div role="alert" data-testid="backtest-problem" className="rounded border border-red-900 bg-red-950/70 p-2 text-sm text-red-300">
            <p className="font-semibold">{problem.text}</p>
            {problem.details.length > 0 && (
              <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs">
                {problem.details.map((d) => <li key={d}>{d}</li>)}
              </ul>
            )}
          </div>
        )}
      </form>
    </Panel>
  )
}
