import { Fragment, useState } from 'react'
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../api/client'
import { hasRole, useSession } from '../api/auth'
import { agentRoles, type AgentRoleName, type AgentRun, type AgentRunPage, type PermissionMatrix } from '../api/opsTypes'
import { Panel, table, td, th } from '../components/ui/Panel'
import { AgentRunStatusBadge } from '../components/ops/Badges'
import { dateTime, duration, finishedStatuses, parseContext, prettyJson, toolCallsOf } from '../ops/ops'

const runsKey = (role: string, status: string) => ['agents', 'runs', role, status]
const input = 'w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm focus:border-sky-500 focus:outline-none'
const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'
const button = 'rounded px-2.5 py-1 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-40'

/** A starting context per role (docs/api/agents.md, Contexts and results by role). */
const exampleContexts: Record<AgentRoleName, string> = {
  risk_controller: '{\n  "accountId": "paper",\n  "symbol": "SPY"\n}',
  analyst: '{\n  "symbols": ["SPY"]\n}',
  researcher: '{\n  "base": {},\n  "candidates": []\n}',
  ops: '{}',
}

function InvokeForm({ onQueued }: { onQueued: (run: AgentRun) => void }) {
  const admin = hasRole(useSession(), 'admin')
  const [role, setRole] = useState<AgentRoleName>('risk_controller')
  const [task, setTask] = useState('')
  const [context, setContext] = useState(exampleContexts.risk_controller)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const invoke = useMutation({
    mutationFn: (body: { role: string; task: string; context: Record<string, unknown> }) => sendJson<AgentRun>('/api/agents/invoke', body),
    onSuccess: onQueued,
    onError: (e) => {
      if (e instanceof ApiError && Object.keys(e.errors).length > 0) {
        setErrors(Object.fromEntries(Object.entries(e.errors).map(([k, v]) => [k, v.join(' ')])))
      }
    },
  })
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const found: Record<string, string> = {}
    if (!task.trim()) found.task = 'A task is required.'
    else if (task.length > 500) found.task = 'The task is limited to 500 characters.'
    const parsed = parseContext(context)
    if (parsed.error !== undefined) found.context = parsed.error
    setErrors(found)
    invoke.reset()
    if (Object.keys(found).length === 0 && parsed.value) invoke.mutate({ role, task: task.trim(), context: parsed.value })
  }
  const fieldError = (name: string) => errors[name] && <p data-testid={`invoke-error-${name}`} className="mt-0.5 text-xs text-red-400">{errors[name]}</p>

  return (
    <Panel title="Invoke an agent" testId="invoke-panel">
      <form aria-label="Invoke an agent" onSubmit={onSubmit} className="space-y-3">
        <div>
          <label className={label} htmlFor="agent-role">Role</label>
          <select id="agent-role" className={input} value={role} onChange={(e) => {
            const next = e.target.value as AgentRoleName
            // Swap in the new role's example unless the user wrote a context of their own.
            if (Object.values(exampleContexts).includes(context)) setContext(exampleContexts[next])
            setRole(next)
          }}>
            {agentRoles.map((r) => <option key={r} value={r}>{r.replace('_', ' ')}</option>)}
          </select>
          {fieldError('role')}
        </div>
        <div>
          <label className={label} htmlFor="agent-task">Task</label>
          <input id="agent-task" className={input} value={task} maxLength={500} placeholder="e.g. assess the drawdown and set the risk bias"
            onChange={(e) => setTask(e.target.value)} />
          {fieldError('task')}
        </div>
        <div>
          <label className={label} htmlFor="agent-context">Context (JSON object)</label>
          <textarea id="agent-context" rows={6} spellCheck={false} className={`${input} font-mono text-xs`} value={context}
            aria-invalid={errors.context ? true : undefined} onChange={(e) => setContext(e.target.value)} />
          {fieldError('context')}
        </div>
        <button type="submit" data-testid="invoke-submit" disabled={!admin || invoke.isPending}
          title={admin ? undefined : 'Only an admin can invoke agents'}
          className="w-full rounded bg-sky-700 py-2 text-sm font-semibold text-white hover:bg-sky-600 disabled:cursor-not-allowed disabled:opacity-40">
          {invoke.isPending ? 'Queuing…' : 'Invoke'}
        </button>
        {invoke.isSuccess && (
          <p role="status" data-testid="invoke-result" data-run-id={invoke.data.id} className="text-sm text-emerald-400">
            Queued {invoke.data.role} run <span className="font-mono text-xs">{invoke.data.id.slice(0, 8)}</span>.
          </p>
        )}
        {invoke.isError && (
          <p role="alert" data-testid="invoke-result" className="text-sm text-red-400">
            {invoke.error instanceof ApiError ? invoke.error.message : 'The agent was not invoked.'}
          </p>
        )}
      </form>
    </Panel>
  )
}

function RunDetails({ run }: { run: AgentRun }) {
  const calls = toolCallsOf(run)
  return (
    <div className="space-y-2" data-testid="run-details">
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <div>
          <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">Result</h3>
          {run.error && <p className="mb-1 text-red-400">{run.error}</p>}
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-[11px] text-slate-300">
            {run.result === null || run.result === undefined ? '—' : prettyJson(run.result)}
          </pre>
        </div>
        <div>
          <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">Context</h3>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-[11px] text-slate-300">{prettyJson(run.context)}</pre>
        </div>
      </div>
      <div>
        <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">Tool calls ({calls.length})</h3>
        {calls.length === 0 ? <p className="text-slate-500">None.</p> : (
          <table className={table} data-testid="tool-calls">
            <thead>
              <tr><th className={th}>Tool</th><th className={th}>Arguments</th><th className={th}>Permission</th><th className={th}>Outcome</th>
                <th className={`${th} text-right`}>Duration</th></tr>
            </thead>
            <tbody>
              {calls.map((c, i) => (
                <tr key={String(c.id ?? i)} data-testid="tool-call" data-allowed={c.allowed ? 'true' : 'false'}>
                  <td className={`${td} font-mono`}>{c.tool}</td>
                  <td className={`${td} max-w-sm truncate font-mono text-[11px] text-slate-400`} title={JSON.stringify(c.args)}>{JSON.stringify(c.args ?? {})}</td>
                  <td className={`${td} ${c.allowed ? 'text-emerald-400' : 'text-red-400'}`} title={c.requirement ?? undefined}>
                    {c.allowed ? 'allowed' : 'denied'}
                  </td>
                  <td className={`${td} ${c.ok === false ? 'text-red-400' : 'text-slate-300'}`}>{c.error ?? (c.ok === false ? 'failed' : 'ok')}</td>
                  <td className={`${td} text-right text-slate-400`}>{duration(c.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  )
}

function RunsPanel() {
  const [role, setRole] = useState('')
  const [status, setStatus] = useState('')
  const [open, setOpen] = useState<string | null>(null)
  const runs = useInfiniteQuery({
    queryKey: runsKey(role, status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '20' })
      if (role) params.set('role', role)
      if (status) params.set('status', status)
      if (pageParam) params.set('cursor', pageParam)
      return getJson<AgentRunPage>(`/api/agents/runs?${params}`)
    },
    getNextPageParam: (last) => last.nextCursor,
    // While a run is waiting or working, follow it; otherwise a slow poll heals scheduled runs.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((r) => !finishedStatuses.has(r.status))) ? 3_000 : 30_000),
  })
  const items = runs.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Panel title="Runs" testId="agent-runs-panel" actions={
      <form aria-label="Run filters" className="flex items-center gap-2" onSubmit={(e) => e.preventDefault()}>
        <label className="sr-only" htmlFor="runs-role">Runs of role</label>
        <select id="runs-role" className="rounded border border-slate-700 bg-slate-950 px-2 py-1 text-xs" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">Every role</option>
          {agentRoles.map((r) => <option key={r} value={r}>{r.replace('_', ' ')}</option>)}
        </select>
        <label className="sr-only" htmlFor="runs-status">Runs with status</label>
        <select id="runs-status" className="rounded border border-slate-700 bg-slate-950 px-2 py-1 text-xs" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Every status</option>
          {['queued', 'running', 'succeeded', 'failed', 'timed_out'].map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
        </select>
      </form>
    }>
      {runs.isError && <p role="alert" className="text-red-400">Runs unavailable: {runs.error.message}</p>}
      <table className={table} data-testid="agent-runs">
        <thead>
          <tr>
            <th className={th}>Created</th><th className={th}>Role</th><th className={th}>Task</th><th className={th}>Trigger</th>
            <th className={th}>Status</th><th className={th}>Summary</th><th className={`${th} text-right`}>Tools</th>
            <th className={`${th} text-right`}>Duration</th><th className={th} />
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const calls = toolCallsOf(r)
            const denied = calls.filter((c) => !c.allowed).length
            return (
              <Fragment key={r.id}>
                <tr data-testid={`agent-run-${r.id}`} data-status={r.status}>
                  <td className={`${td} whitespace-nowrap text-slate-300`}>{dateTime(r.createdAt)}</td>
                  <td className={`${td} font-mono text-xs`}>{r.role}</td>
                  <td className={`${td} max-w-xs truncate`} title={r.task}>{r.task}</td>
                  <td className={`${td} text-xs text-slate-400`}>{r.trigger}</td>
                  <td className={td}><AgentRunStatusBadge status={r.status} /></td>
                  <td className={`${td} max-w-sm truncate text-slate-300`} title={r.summary ?? r.error ?? undefined}>
                    {r.summary ?? (r.error ? <span className="text-red-400">{r.error}</span> : '—')}
                  </td>
                  <td className={`${td} text-right`}>
                    {calls.length}{denied > 0 && <span className="text-red-400" title="denied by the permission matrix"> ({denied} denied)</span>}
                  </td>
                  <td className={`${td} text-right text-slate-400`}>{duration(r.durationMs)}</td>
                  <td className={`${td} text-right`}>
                    <button type="button" onClick={() => setOpen(open === r.id ? null : r.id)} aria-expanded={open === r.id}
                      className="text-xs text-sky-400 hover:underline">{open === r.id ? 'Hide' : 'Details'}</button>
                  </td>
                </tr>
                {open === r.id && (
                  <tr><td colSpan={9} className="border-t border-slate-800/80 bg-slate-950/60 px-3 py-2 text-xs"><RunDetails run={r} /></td></tr>
                )}
              </Fragment>
            )
          })}
          {(runs.isPending || items.length === 0) && (
            <tr><td colSpan={9} className={`${td} py-3 text-slate-500`}>{runs.isPending ? 'Loading…' : 'No agent runs yet.'}</td></tr>
          )}
        </tbody>
      </table>
      {runs.hasNextPage && (
        <div className="mt-3 text-right">
          <button type="button" disabled={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}
            className={`${button} border border-slate-700 text-slate-300`}>{runs.isFetchingNextPage ? 'Loading…' : 'Older runs'}</button>
        </div>
      )}
    </Panel>
  )
}

const check = (yes: boolean) => (yes
  ? <span className="text-emerald-400" aria-label="allowed">✓</span>
  : <span className="text-slate-600" aria-label="not allowed">—</span>)

function PermissionsPanel() {
  const matrix = useQuery({ queryKey: ['agents', 'permissions'], queryFn: () => getJson<PermissionMatrix>('/api/agents/permissions'), staleTime: 300_000 })
  const m = matrix.data
  return (
    <Panel title="Permission matrix" testId="permissions-panel">
      {matrix.isError && <p role="alert" className="text-red-400">Permissions unavailable: {matrix.error.message}</p>}
      {!m && !matrix.isError && <p className="text-sm text-slate-500">Loading…</p>}
      {m && (
        <>
          <table className={table} data-testid="permission-matrix">
            <thead>
              <tr>
                <th className={th}>Tool</th>
                {m.roles.map((r) => <th key={r.role} className={`${th} text-center font-mono normal-case`}>{r.role}</th>)}
              </tr>
            </thead>
            <tbody>
              {m.tools.map((tool) => (
                <tr key={tool} data-testid={`permission-${tool}`}>
                  <td className={`${td} font-mono text-xs`}>{tool}</td>
                  {m.roles.map((r) => <td key={r.role} className={`${td} text-center`} data-role={r.role}>{check(r.tools.includes(tool))}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          <table className={`${table} mt-4`} data-testid="permission-resources">
            <thead>
              <tr><th className={th}>Role</th><th className={th}>Reads</th><th className={th}>Executes</th><th className={th}>Writes (Redis keys)</th></tr>
            </thead>
            <tbody>
              {m.roles.map((r) => (
                <tr key={r.role}>
                  <td className={`${td} font-mono text-xs`}>{r.role}</td>
                  <td className={`${td} text-xs text-slate-300`}>{r.reads.join(', ') || '—'}</td>
                  <td className={`${td} text-xs text-slate-300`}>{r.executes.join(', ') || '—'}</td>
                  <td className={`${td} font-mono text-xs text-slate-300`}>{r.writes.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  )
}

export function AgentsPage() {
  const queryClient = useQueryClient()
  const onQueued = (run: AgentRun) => {
    // The new run appears at the top of the unfiltered list at once; polling follows it to the end.
    queryClient.setQueryData<InfiniteData<AgentRunPage, string | null>>(runsKey('', ''), (data) => data && {
      ...data,
      pages: data.pages.map((p, i) => (i === 0 ? { ...p, items: [run, ...p.items.filter((r) => r.id !== run.id)] } : p)),
    })
    void queryClient.invalidateQueries({ queryKey: ['agents', 'runs'] })
  }
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Agents</h1>
        <span className="text-sm text-slate-500">Sandboxed agent runs; they influence trading only through validated Redis keys</span>
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[22rem_1fr]">
        <InvokeForm onQueued={onQueued} />
        <PermissionsPanel />
      </div>
      <RunsPanel />
    </div>
  )
}
