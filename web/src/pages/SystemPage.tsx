import { ServiceTable } from '../components/ServiceStatus'
import { serviceAreas } from '../routes'

export function SystemPage() {
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">System</h1>
      <ServiceTable areas={serviceAreas} />
    </section>
  )
}
