import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { channels } from '../live/live'
import { useLive } from '../live/useLive'
import { ApiError, getJson } from '../api/client'
import type { Bar, BarPage, Instrument, Quote, QuoteView } from '../api/types'

/** The simulated feed's symbols with the demo on: they have quotes even when no instrument is registered for them. */
export const demoSymbols = ['AAPL', 'MSFT', 'SPY']

const price = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2))

const clock = (iso: string) => new Date(iso).toLocaleTimeString()

/** No quote yet is a 404: an answer, not a failure to retry. */
const retryUnlessNotFound = (count: number, error: Error) => !(error instanceof ApiError && error.status === 404) && count < 1

function QuoteRow({ symbol, assetClass, selected, onSelect }: { symbol: string; assetClass: string | undefined; selected: boolean; onSelect: () => void }) {
  const queryClient = useQueryClient()
  const quote = useQuery({
    queryKey: ['market', 'quote', symbol],
    queryFn: () => getJson<QuoteView>(`/api/market/quotes/${encodeURIComponent(symbol)}`),
    // Pushes (quotes:{SYMBOL}) keep a ticking symbol current; the poll is what notices a feed that went quiet (stale).
    refetchInterval: 5_000,
    retry: retryUnlessNotFound,
  })
  useLive<Quote>(channels.quotes(symbol), (pushed) =>
    queryClient.setQueryData<QuoteView>(['market', 'quote', symbol], { quote: { ...pushed, mid: (pushed.bid + pushed.ask) / 2 }, ageSeconds: 0, stale: false }))
  const q = quote.data?.quote
  const noQuote = quote.isError && quote.error instanceof ApiError && quote.error.status === 404
  return (
    <tr data-testid={`quote-${symbol}`} className={`border-t border-slate-800 ${selected ? 'bg-slate-800/60' : ''}`}>
      <td className="py-1.5 pr-3">
        <button type="button" onClick={onSelect} aria-pressed={selected} title="Show its bars" className="font-mono text-sky-400 hover:underline">
          {symbol}
        </button>
      </td>
      <td className="py-1.5 pr-3 text-slate-400">{assetClass ?? '—'}</td>
      <td className="py-1.5 pr-3 text-right">{price(q?.bid)}</td>
      <td className="py-1.5 pr-3 text-right">{price(q?.ask)}</td>
      <td className="py-1.5 pr-3 text-right font-semibold">{price(q?.last ?? q?.mid)}</td>
      <td className="py-1.5 pr-3 text-right text-slate-400">{q ? `${q.bidSize} × ${q.askSize}` : '—'}</td>
      <td className="py-1.5 pr-3 text-slate-400">{q ? clock(q.time) : '—'}</td>
      <td className="py-1.5">
        {quote.data ? (
          quote.data.stale ? (
            <span data-testid={`stale-${symbol}`} title={`Last quote ${quote.data.ageSeconds.toFixed(1)} s ago`}
              className="rounded bg-amber-500 px-2 py-0.5 text-xs font-semibold uppercase text-black">
              stale
            </span>
          ) : (
            <span className="text-xs text-emerald-400" title={`${quote.data.ageSeconds.toFixed(1)} s old`}>live</span>
          )
        ) : noQuote ? (
          <span className="text-xs text-slate-500">no quote</span>
        ) : quote.isError ? (
          <span className="text-xs text-red-400" title={quote.error.message}>unavailable</span>
        ) : (
          <span className="text-xs text-slate-500">…</span>
        )}
      </td>
    </tr>
  )
}

/** Close prices as a small polyline, scaled to the range of the bars. */
export function Sparkline({ bars, width = 360, height = 60 }: { bars: Bar[]; width?: number; height?: number }) {
  if (bars.length < 2) return null
  const closes = bars.map((b) => b.close)
  const low = Math.min(...closes)
  const high = Math.max(...closes)
  const span = high - low || 1
  const points = closes
    .map((c, i) => `${((i / (closes.length - 1)) * width).toFixed(1)},${(height - 2 - ((c - low) / span) * (height - 4)).toFixed(1)}`)
    .join(' ')
  const up = closes[closes.length - 1] >= closes[0]
  return (
    <svg role="img" aria-label={`Close prices from ${price(closes[0])} to ${price(closes[closes.length - 1])}`}
      width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="rounded bg-slate-900">
      <polyline points={points} fill="none" strokeWidth={1.5} className={up ? 'stroke-emerald-400' : 'stroke-red-400'} />
    </svg>
  )
}

function BarsPanel({ symbol }: { symbol: string }) {
  const bars = useQuery({
    queryKey: ['market', 'bars', symbol, '1m', 60],
    queryFn: () => getJson<BarPage>(`/api/market/bars/${encodeURIComponent(symbol)}?resolution=1m&last=60`),
    refetchInterval: 5_000,
  })
  const items = bars.data?.items ?? []
  return (
    <div>
      <h2 className="mb-2 text-sm uppercase text-slate-400">
        Last 60 one-minute bars · <span className="font-mono normal-case">{symbol}</span>
      </h2>
      {bars.isError && <p role="alert" className="text-red-400">Bars unavailable: {bars.error.message}</p>}
      <div className="mb-3"><Sparkline bars={items} /></div>
      <table className="w-full text-left text-sm" data-testid="bars">
        <thead>
          <tr className="text-xs uppercase text-slate-400">
            <th className="pb-2">Start</th><th className="pb-2 text-right">Open</th><th className="pb-2 text-right">High</th>
            <th className="pb-2 text-right">Low</th><th className="pb-2 text-right">Close</th><th className="pb-2 text-right">Volume</th>
          </tr>
        </thead>
        <tbody>
          {[...items].reverse().map((b) => (
            <tr key={b.start} className="border-t border-slate-800">
              <td className="py-1 text-slate-400">{clock(b.start)}</td>
              <td className="py-1 text-right">{price(b.open)}</td>
              <td className="py-1 text-right">{price(b.high)}</td>
              <td className="py-1 text-right">{price(b.low)}</td>
              <td className={`py-1 text-right ${b.close > b.open ? 'text-emerald-400' : b.close < b.open ? 'text-red-400' : ''}`}>{price(b.close)}</td>
              <td className="py-1 text-right text-slate-400">{b.volume.toLocaleString('en-US')}</td>
            </tr>
          ))}
          {bars.isSuccess && items.length === 0 && (
            <tr><td colSpan={6} className="py-3 text-slate-500">No bars for {symbol}.</td></tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

export function MarketPage() {
  const instruments = useQuery({
    queryKey: ['market', 'instruments'],
    queryFn: () => getJson<Instrument[]>('/api/market/instruments'),
    refetchInterval: 30_000,
  })
  const assetClass = new Map(instruments.data?.map((i) => [i.symbol, i.assetClass]))
  const symbols = [...new Set([...demoSymbols, ...(instruments.data?.map((i) => i.symbol) ?? [])])].sort()
  const [chosen, setChosen] = useState<string | null>(null)
  const selected = chosen ?? symbols[0]

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Market data</h1>
      {instruments.isError && <p role="alert" className="text-red-400">Instruments unavailable: {instruments.error.message}</p>}
      <div>
        <h2 className="mb-2 text-sm uppercase text-slate-400">Latest quotes</h2>
        <table className="w-full text-left text-sm" data-testid="quotes">
          <thead>
            <tr className="text-xs uppercase text-slate-400">
              <th className="pb-2">Symbol</th><th className="pb-2">Class</th><th className="pb-2 text-right">Bid</th>
              <th className="pb-2 text-right">Ask</th><th className="pb-2 text-right">Last</th><th className="pb-2 text-right">Sizes</th>
              <th className="pb-2">Time</th><th className="pb-2">Feed</th>
            </tr>
          </thead>
          <tbody>
            {symbols.map((s) => (
              <QuoteRow key={s} symbol={s} assetClass={assetClass.get(s)} selected={s === selected} onSelect={() => setChosen(s)} />
            ))}
          </tbody>
        </table>
      </div>
      {selected && <BarsPanel symbol={selected} />}
    </section>
  )
}
