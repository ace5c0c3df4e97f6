/**
 * The operations pages' view of their APIs (docs/api/agents.md, docs/api/reconciliation.md): agent runs and the
 * permission matrix (agent-dispatcher), reconciliation runs and discrepancies, alerts and the audit trail (all three
 * served by the reconciliation service). opsContract.ts checks these against the generated OpenAPI types.
 */

export type AgentRoleName = 'researcher' | 'analyst' | 'risk_controller' | 'ops'
export const agentRoles: AgentRoleName[] = ['risk_controller', 'analyst', 'researcher', 'ops']

export type AgentRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'timed_out'

/** One tool call of an agent run, allowed or denied by the permission matrix. */
export interface AgentToolCall {
  id?: string | number
  tool: string
  args?: unknown
  allowed: boolean
  requirement?: string | null
  ok?: boolean | null
  error?: string | null
  at?: string | null
  durationMs?: number | null
}

/** GET /api/agents/runs/{id}, an item of GET /api/agents/runs, the answer of POST /api/agents/invoke. */
export interface AgentRun {
  id: string
  role: string
  task: string
  context: unknown
  trigger: string
  status: AgentRunStatus
  success: boolean | null
  result: unknown
  summary: string | null
  error: string | null
  /** A JSON array of tool calls (the API types it as any JSON). */
  toolCalls: unknown
  sandbox: unknown
  exitCode: number | null
  createdAt: string
  startedAt: string | null
  completedAt: string | null
  durationMs: number | null
}

export interface AgentRunPage {
  items: AgentRun[]
  nextCursor: string | null
}

export interface RolePermissions {
  role: string
  reads: string[]
  executes: string[]
  writes: string[]
  tools: string[]
}

/** GET /api/agents/permissions */
export interface PermissionMatrix {
  roles: RolePermissions[]
  tools: string[]
}

export type DiscrepancySeverity = 'critical' | 'warning' | 'info'

/** A discrepancy as a run reports it. */
export interface RunFinding {
  discrepancyId: string
  type: string
  severity: string
  symbol: string | null
  orderId: string | null
  localValue: number | null
  brokerValue: number | null
  message: string
}

/** GET /api/reconciliation/runs (and the answer of POST /runs, an array). */
export interface ReconciliationRun {
  id: string
  accountId: string
  trigger: string
  startedAt: string
  completedAt: string | null
  isClean: boolean
  discrepancyCount: number
  positionsChecked: number
  durationMs: number
  error: string | null
  discrepancies: RunFinding[]
}

/** GET /api/reconciliation/discrepancies */
export interface Discrepancy {
  id: string
  accountId: string
  key: string
  type: string
  severity: string
  symbol: string | null
  orderId: string | null
  localValue: number | null
  brokerValue: number | null
  message: string
  status: 'open' | 'resolved'
  firstRunId: string
  lastRunId: string
  firstSeenAt: string
  lastSeenAt: string
  occurrences: number
  resolvedAt: string | null
  resolvedBy: string | null
  resolutionNote: string | null
}

/** POST /api/reconciliation/discrepancies/{id}/resolve */
export interface ResolveResult {
  discrepancy: Discrepancy
  tradingResumed: boolean
}

/** An operational alert; severity 1 critical, 2 warning, 3 info. */
export interface Alert {
  id: string
  type: string
  severity: number
  fingerprint: string
  dedupeKey: string
  summary: string
  /** JSON text. */
  details: string
  accountId: string | null
  symbol: string | null
  strategyId: string | null
  suppressedCount: number
  occurredAt: string
  createdAt: string
  acknowledgedAt: string | null
  acknowledgedBy: string | null
}

/** GET /api/alerts */
export interface AlertPage {
  alerts: Alert[]
  total: number
  offset: number
  limit: number
}

/** GET /api/alerts/stats (the last 24 hours) */
export interface AlertStats {
  total24h: number
  bySeverity: Record<string, number>
  byType: Record<string, number>
  unacknowledged: number
  deliverySuccessRate: number
}

/** GET /api/alerts/{id}/deliveries */
export interface AlertDelivery {
  id: number
  channel: string
  destination: string
  attempt: number
  status: string
  responseCode: number | null
  error: string | null
  createdAt: string
  sentAt: string | null
}

/** One record of the audit trail. */
export interface AuditEntry {
  sequence: number
  id: string
  occurredAt: string
  recordedAt: string
  eventType: string
  actorType: string
  actorId: string
  resourceType: string
  resourceId: string | null
  source: string
  /** Canonical JSON text, redacted. */
  details: string
  correlationId: string | null
  previousHash: string | null
  hash: string
}

/** GET /api/audit */
export interface AuditPage {
  entries: AuditEntry[]
  total: number
  offset: number
  limit: number
}

/** GET /api/audit/verify */
export interface AuditVerification {
  isValid: boolean
  entriesVerified: number
  firstBrokenSequence: number | null
  problem: string | null
  headHash: string | null
}

/** One component of GET /api/health: a service (probed on /alive) or a shared server (PostgreSQL, Redis, RabbitMQ). */
export interface ComponentHealth {
  component: string
  /** healthy, down, or unknown (not probed successfully yet). */
  status: string
  since: string | null
  lastCheck: string | null
  latencyMs: number | null
  consecutiveFailures: number
  message: string | null
  /** A component_unhealthy alert stands for this down (until its recovery). */
  alerted: boolean
}

/** GET /api/health: the operations service's health watch. */
export interface PlatformHealth {
  /** healthy (no component down), degraded, or down (every known component down). */
  overall: string
  checkedAt: string | null
  intervalSeconds: number
  components: ComponentHealth[]
}
