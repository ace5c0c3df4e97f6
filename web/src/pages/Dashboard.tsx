import { useQuery } from '@tanstack/react-query'
import { getJson } from '../api/client'
import type { Account } from '../api/types'

const money = (value: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value)

export function Dashboard() {
  const accounts = useQuery({ queryKey: ['portfolio', 'accounts'], queryFn: () => getJson<Account[]>('/api/portfolio/accounts') })
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Dashboard</h1>
      {accounts.isError && <p role="alert" className="text-red-400">Accounts unavailable: {accounts.error.message}</p>}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {accounts.data?.map((a) => (
          <article key={a.id} data-testid={`account-${a.id}`} className="rounded-lg border border-slate-800 bg-slate-900 p-4">
            <h2 className="text-sm uppercase text-slate-400">{a.name}</h2>
            <p className="mt-1 text-2xl font-semibold">{money(a.cash, a.currency)}</p>
            <p className="text-xs text-slate-500">cash · broker {a.broker}</p>
          </article>
        ))}
      </div>
    </section>
  )
}
