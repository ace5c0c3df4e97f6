import { alertSeverity, discrepancyTone } from '../../ops/ops'

const badge = 'inline-block rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase leading-none'

/** A discrepancy's severity: critical red, warning amber, info sky. */
export function DiscrepancySeverityBadge({ severity }: { severity: string }) {
  return <span data-testid="severity" data-severity={severity} className={`${badge} ${discrepancyTone(severity)}`}>{severity}</span>
}

/** An alert's severity: SEV1 red, SEV2 amber, SEV3 sky. */
export function AlertSeverityBadge({ severity }: { severity: number }) {
  const s = alertSeverity(severity)
  return <span data-testid="severity" data-severity={s.name} title={s.name} className={`${badge} ${s.tone}`}>{s.label}</span>
}

/** A reconciliation run's outcome: clean, N discrepancies, or failed. */
export function RunOutcome({ run }: { run: { isClean: boolean; discrepancyCount: number; error: string | null } }) {
  if (run.error) return <span data-testid="run-outcome" data-outcome="error" className={`${badge} bg-red-900 text-red-200`} title={run.error}>failed</span>
  return run.isClean
    ? <span data-testid="run-outcome" data-outcome="clean" className={`${badge} bg-emerald-700 text-white`}>clean</span>
    : (
      <span data-testid="run-outcome" data-outcome="discrepancies" className={`${badge} bg-amber-500 text-black`}>
        {run.discrepancyCount} discrepanc{run.discrepancyCount === 1 ? 'y' : 'ies'}
      </span>
    )
}

const runStatusTones: Record<string, string> = {
  queued: 'bg-slate-700 text-slate-200',
  running: 'bg-sky-700 text-white',
  succeeded: 'bg-emerald-700 text-white',
  failed: 'bg-red-600 text-white',
  timed_out: 'bg-amber-500 text-black',
}

/** An agent run's status. */
export function AgentRunStatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="run-status" data-status={status} className={`${badge} ${runStatusTones[status] ?? 'bg-slate-700 text-slate-200'}`}>
      {status.replace('_', ' ')}
    </span>
  )
}

const healthTones: Record<string, string> = {
  healthy: 'bg-emerald-700 text-white',
  degraded: 'bg-amber-500 text-black',
  down: 'bg-red-600 text-white',
  unknown: 'bg-slate-700 text-slate-200',
}

/** A component's or the platform's health: healthy, degraded, down or unknown. */
export function HealthBadge({ status, testId }: { status: string; testId: string }) {
  return <span data-testid={testId} data-status={status} className={`${badge} ${healthTones[status] ?? healthTones.unknown}`}>{status}</span>
}
