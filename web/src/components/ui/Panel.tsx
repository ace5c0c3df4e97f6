import type { ReactNode } from 'react'

/** A titled block of a page: the trader's layout is a grid of these. */
export function Panel({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} className="rounded-md border border-slate-800 bg-slate-900/70">
      <header className="flex items-center gap-3 border-b border-slate-800 px-3 py-2">
        <h2 className="text-xs font-semibold uppercase tracking-wider text-slate-400">{title}</h2>
        <div className="ml-auto flex items-center gap-2">{actions}</div>
      </header>
      <div className="p-3">{children}</div>
    </section>
  )
}

/** Dense table styles shared by every blotter. */
export const table = 'w-full border-collapse text-left text-[13px] tabular-nums'
export const th = 'pb-1.5 text-[11px] font-medium uppercase tracking-wide text-slate-500'
export const td = 'py-1 border-t border-slate-800/80'
