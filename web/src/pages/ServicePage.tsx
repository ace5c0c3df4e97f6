import type { PageRoute } from '../routes'
import { ServiceTable } from '../components/ServiceStatus'

/** A page whose features are being built: what it is for, and the live status of the service behind it. */
export function ServicePage({ page }: { page: PageRoute }) {
  return (
    <section>
      <h1 className="mb-1 text-2xl font-semibold">{page.label}</h1>
      <p className="mb-6 text-slate-400">{page.description}</p>
      <h2 className="mb-2 text-sm uppercase text-slate-400">Backing service</h2>
      <ServiceTable areas={[page.area]} />
    </section>
  )
}
