import { useMemo, useState } from 'react'
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Panel, table, td, th } from '../components/ui/Panel'
import { price, quantity } from '../format'
import { compactUsd, dateTick, drawdownChartData, equityChartData, nyDay, nyStamp } from './charts'
import { benchmarkRows, pct, statRows, usd, type StatRow } from './stats'
import type { RunResult, SignalTrace } from './types'

const toneClass = { gain: 'text-emerald-400', loss: 'text-red-400', plain: 'text-slate-100' }
const pnlClass = (v: number) => (v > 0 ? 'text-emerald-400' : v < 0 ? 'text-red-400' : 'text-slate-300')
const day = nyDay
const stamp = nyStamp

function StatCard({ row }: { row: StatRow }) {
  return (
    <div data-testid={`stat-${row.key}`} title={row.title} className="rounded border border-slate-800 bg-slate-950/60 px-2.5 py-1.5">
      <div className="text-[10px] uppercase tracking-wide text-slate-500">{row.label}</div>
      <div className={`text-base font-semibold tabular-nums ${toneClass[row.tone]}`}>{row.value}</div>
      {row.benchmark !== undefined && <div className="text-[11px] tabular-nums text-slate-500">bench {row.benchmark}</div>}
    </div>
  )
}

const tooltipStyle = { backgroundColor: '#020617', border: '1px solid #334155', fontSize: 12 }

function EquityChart({ result, benchmarkSymbol }: { result: RunResult; benchmarkSymbol: string | null }) {
  const data = useMemo(() => equityChartData(result.equityCurve, result.benchmarkCurve), [result])
  const span = data.length > 1 ? data[data.length - 1].t - data[0].t : 0
  const tick = dateTick(span)
  return (
    <div data-testid="equity-chart" role="img" aria-label={`Equity from ${usd(data[0]?.equity)} to ${usd(data[data.length - 1]?.equity)}`}>
      <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 800, height: 280 }}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#1e293b" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tick} stroke="#64748b" fontSize={11} minTickGap={40} />
          <YAxis tickFormatter={compactUsd} stroke="#64748b" fontSize={11} width={60} domain={['auto', 'auto']} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(t) => stamp(Number(t))}
            formatter={(v) => usd(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="linear" dataKey="equity" name="Strategy" stroke="#38bdf8" dot={false} strokeWidth={1.6} isAnimationActive={false} />
          {benchmarkSymbol && (
            <Line type="linear" dataKey="benchmark" name={`${benchmarkSymbol} buy & hold`} stroke="#a3a3a3" strokeDasharray="4 3" dot={false}
              strokeWidth={1.2} isAnimationActive={false} connectNulls />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

function DrawdownChart({ result }: { result: RunResult }) {
  const data = useMemo(() => drawdownChartData(result.drawdown), [result])
  const span = data.length > 1 ? data[data.length - 1].t - data[0].t : 0
  return (
    <div data-testid="drawdown-chart" role="img" aria-label={`Drawdown, deepest ${pct(-result.statistics.maxDrawdown)}`}>
      <ResponsiveContainer width="100%" height={160} initialDimension={{ width: 800, height: 160 }}>
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#1e293b" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={dateTick(span)} stroke="#64748b" fontSize={11} minTickGap={40} />
          <YAxis tickFormatter={(v) => `${Number(v).toFixed(0)}%`} stroke="#64748b" fontSize={11} width={60}
            domain={[(min: number) => Math.min(-5, Math.floor(min / 5) * 5), 0]} tickCount={5} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(t) => stamp(Number(t))}
            formatter={(v) => `${Number(v).toFixed(2)}%`} />
          <Area type="linear" dataKey="drawdown" name="Drawdown" stroke="#f87171" fill="#7f1d1d" fillOpacity={0.55} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  )
}

const PAGE = 100

function TradesTable({ result }: { result: RunResult }) {
  const [shown, setShown] = useState(PAGE)
  const trades = result.trades
  return (
    <>
      <table className={table} data-testid="trades">
        <thead>
          <tr>
            <th className={th}>Symbol</th><th className={th}>Side</th><th className={th}>Entry (ET)</th><th className={`${th} text-right`}>Entry px</th>
            <th className={th}>Exit (ET)</th><th className={`${th} text-right`}>Exit px</th><th className={`${th} text-right`}>Qty</th>
            <th className={`${th} text-right`}>Fees</th><th className={`${th} text-right`}>P&L</th>
          </tr>
        </thead>
        <tbody>
          {trades.slice(0, shown).map((t, i) => (
            <tr key={i}>
              <td className={`${td} font-mono`}>{t.symbol}</td>
              <td className={`${td} ${t.direction === 'long' ? 'text-emerald-400' : 'text-red-400'}`}>{t.direction}</td>
              <td className={`${td} text-slate-400`}>{day(t.entryTime)}</td>
              <td className={`${td} text-right`}>{price(t.entryPrice)}</td>
              <td className={`${td} text-slate-400`}>{t.isOpen ? <span className="text-amber-400">open</span> : day(t.exitTime)}</td>
              <td className={`${td} text-right`}>{price(t.exitPrice)}</td>
              <td className={`${td} text-right`}>{quantity(t.quantity)}</td>
              <td className={`${td} text-right text-slate-400`}>{usd(t.fees)}</td>
              <td className={`${td} text-right ${pnlClass(t.pnl)}`}>{usd(t.pnl)}</td>
            </tr>
          ))}
          {trades.length === 0 && <tr><td colSpan={9} className={`${td} text-slate-500`}>No round trips.</td></tr>}
        </tbody>
      </table>
      {trades.length > shown && (
        <button type="button" className="mt-2 text-xs text-sky-400 hover:underline" onClick={() => setShown((n) => n + PAGE)}>
          Show more ({shown} of {trades.length})
        </button>
      )}
    </>
  )
}

/** Mean slippage of the filled traces, in bps (positive: paid), or null without any. */
export function meanSlippage(traces: SignalTrace[]) {
  const values = traces.map((t) => t.slippageBps).filter((v): v is number => v !== null)
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
}

function TracesTable({ result }: { result: RunResult }) {
  const [shown, setShown] = useState(PAGE)
  const traces = result.traces
  return (
    <>
      <table className={table} data-testid="traces">
        <thead>
          <tr>
            <th className={th}>Signal (ET)</th><th className={th}>Symbol</th><th className={th}>Side</th><th className={`${th} text-right`}>Qty</th>
            <th className={th}>Status</th><th className={`${th} text-right`}>Expected</th><th className={`${th} text-right`}>Fill</th>
            <th className={`${th} text-right`}>Slippage</th><th className={`${th} text-right`}>Fee</th><th className={th}>Reason</th>
          </tr>
        </thead>
        <tbody>
          {traces.slice(0, shown).map((t) => (
            <tr key={t.signalId} data-testid="trace">
              <td className={`${td} whitespace-nowrap text-slate-400`}>{stamp(t.signalTime)}</td>
              <td className={`${td} font-mono`}>{t.symbol}</td>
              <td className={`${td} ${t.side === 'buy' ? 'text-emerald-400' : 'text-red-400'}`}>{t.side}</td>
              <td className={`${td} text-right`}>{quantity(t.orderQuantity)}</td>
              <td className={`${td} ${t.status === 'filled' ? '' : 'text-amber-400'}`} title={t.rejectReason ?? undefined}>
                {t.status}{t.rejectReason && <span className="ml-1 text-xs text-slate-500">({t.rejectReason})</span>}
              </td>
              <td className={`${td} text-right text-slate-400`} title={t.expectedPriceType}>{price(t.expectedPrice)}</td>
              <td className={`${td} text-right`}>{price(t.fillPrice)}</td>
              <td className={`${td} text-right ${t.slippageBps !== null && t.slippageBps > 0 ? 'text-red-400' : 'text-slate-300'}`}>
                {t.slippageBps === null ? '—' : `${t.slippageBps.toFixed(2)} bps`}
              </td>
              <td className={`${td} text-right text-slate-400`}>{t.fee === null ? '—' : usd(t.fee)}</td>
              <td className={`${td} max-w-64 truncate text-slate-400`} title={t.reason}>{t.reason}</td>
            </tr>
          ))}
          {traces.length === 0 && <tr><td colSpan={10} className={`${td} text-slate-500`}>No signals.</td></tr>}
        </tbody>
      </table>
      {traces.length > shown && (
        <button type="button" className="mt-2 text-xs text-sky-400 hover:underline" onClick={() => setShown((n) => n + PAGE)}>
          Show more ({shown} of {traces.length})
        </button>
      )}
    </>
  )
}

/** A completed backtest: statistics, equity against the benchmark, drawdown, trades and signal traces. */
export function RunResultView({ result }: { result: RunResult }) {
  const s = result.summary
  const bench = result.benchmark
  const pnl = s.finalEquity - s.initialCapital
  const slip = meanSlippage(result.traces)
  return (
    <div className="space-y-4" data-testid="run-result">
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm tabular-nums text-slate-400" data-testid="run-summary">
        <span>Capital <span className="text-slate-100">{usd(s.initialCapital)}</span></span>
        <span>Final equity <span className="text-slate-100" data-testid="final-equity">{usd(s.finalEquity)}</span></span>
        <span>P&L <span className={pnlClass(pnl)}>{usd(pnl)}</span></span>
        <span>{s.signals} signals · {s.fills} fills · {s.rejected} rejected</span>
        <span title="Warm-up bars used of those required">warm-up {s.warmupBarsUsed}/{s.warmupBarsRequired}</span>
        {slip !== null && <span>mean slippage <span className="text-slate-100">{slip.toFixed(2)} bps</span></span>}
      </div>
      <div className="grid grid-cols-3 gap-2 md:grid-cols-5 2xl:grid-cols-8" data-testid="statistics">
        {statRows(result.statistics, bench).map((row) => <StatCard key={row.key} row={row} />)}
        {benchmarkRows(bench).map((row) => <StatCard key={row.key} row={row} />)}
      </div>
      <Panel title={bench ? `Equity vs ${bench.symbol}` : 'Equity'}>
        <EquityChart result={result} benchmarkSymbol={bench?.symbol ?? null} />
      </Panel>
      <Panel title="Drawdown">
        <DrawdownChart result={result} />
      </Panel>
      <div className="grid grid-cols-1 gap-4 2xl:grid-cols-2">
        <Panel title={`Trades · ${result.trades.length}`}><TradesTable result={result} /></Panel>
        <Panel title={`Signal traces · ${result.traces.length}`}><TracesTable result={result} /></Panel>
      </div>
    </div>
  )
}
