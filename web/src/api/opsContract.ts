/**
 * Compile-time check of the operations pages' types (opsTypes.ts) against the types generated from the agents and
 * reconciliation OpenAPI documents (the reconciliation document also holds alerts, audit and health), as contract.ts does for
 * the other areas: a renamed, removed or retyped field fails `tsc -b`.
 */
import type * as Agents from './generated/agents'
import type * as Reconciliation from './generated/reconciliation'
import type {
  AgentRun, AgentRunPage, Alert, AlertDelivery, AlertPage, AlertStats, AuditEntry, AuditPage, AuditVerification, ComponentHealth, Discrepancy,
  PermissionMatrix, PlatformHealth, ReconciliationRun, ResolveResult, RolePermissions, RunFinding,
} from './opsTypes'
import type { Expect, Fits } from './fits'

type A = Agents.components['schemas']
type R = Reconciliation.components['schemas']

export type OpsChecks = [
  Expect<Fits<AgentRun, A['AgentRunView']>>,
  Expect<Fits<AgentRunPage, A['AgentRunPage']>>,
  Expect<Fits<PermissionMatrix, A['PermissionMatrixView']>>,
  Expect<Fits<RolePermissions, A['RolePermissionsView']>>,
  Expect<Fits<{ role: string; task: string; context: Record<string, unknown> }, A['InvokeRequest']>>,
  Expect<Fits<ReconciliationRun, R['RunView']>>,
  Expect<Fits<RunFinding, R['RunFinding']>>,
  Expect<Fits<Discrepancy, R['Discrepancy']>>,
  Expect<Fits<ResolveResult, R['ResolveView']>>,
  Expect<Fits<{ note: string | null }, R['ResolveRequest']>>,
  Expect<Fits<Alert, R['Alert']>>,
  Expect<Fits<AlertPage, R['AlertPage']>>,
  Expect<Fits<AlertStats, R['AlertStats']>>,
  Expect<Fits<AlertDelivery, R['AlertDelivery']>>,
  Expect<Fits<AuditEntry, R['AuditEntry']>>,
  Expect<Fits<AuditPage, R['AuditPage']>>,
  Expect<Fits<AuditVerification, R['VerifyView']>>,
  Expect<Fits<PlatformHealth, R['HealthView']>>,
  Expect<Fits<ComponentHealth, R['ComponentView']>>,
]
