import { Link } from 'react-router-dom'

export function NotFound() {
  return (
    <section>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-400">
        There is no such page. <Link className="text-sky-400 underline" to="/">Back to the dashboard</Link>.
      </p>
    </section>
  )
}
