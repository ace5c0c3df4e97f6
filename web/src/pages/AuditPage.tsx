import { Fragment, useState } from 'react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { ApiError, getJson } from '../api/client'
import { hasRole, useSession } from '../api/auth'
import type { AuditPage as AuditPageData, AuditVerification } from '../api/opsTypes'
import { Panel, table, td, th } from '../components/ui/Panel'
import { auditQuery, dateTime, emptyAuditFilters, pageInfo, prettyJson, type AuditFilters } from '../ops/ops'

const pageSize = 50
const input = 'w-full rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm focus:border-sky-500 focus:outline-none'
const label = 'mb-0.5 block text-[11px] uppercase tracking-wide text-slate-500'
const button = 'rounded px-2.5 py-1 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-40'

/** The chain's verification: intact over N entries, or broken at entry N with the reason. */
function VerifyPanel() {
  const verify = useMutation({ mutationFn: () => getJson<AuditVerification>('/api/audit/verify') })
  const v = verify.data
  return (
    <Panel title="Hash chain" testId="audit-verify-panel" actions={
      <button type="button" data-testid="verify-chain" disabled={verify.isPending} onClick={() => verify.mutate()}
        className={`${button} bg-sky-700 text-white hover:bg-sky-600`}>{verify.isPending ? 'Verifying…' : 'Verify chain'}</button>
    }>
      {!v && !verify.isError && (
        <p className="text-sm text-slate-500">Recomputes every entry’s SHA-256 link from the first; an edited or removed row breaks the chain from there on.</p>
      )}
      {verify.isError && (
        <p role="alert" className="text-sm text-red-400">Verification failed: {verify.error instanceof ApiError ? verify.error.message : 'request failed'}</p>
      )}
      {v && (
        <div role="status" data-testid="verify-result" data-valid={v.isValid ? 'true' : 'false'}
          className={`rounded px-3 py-2 text-sm ${v.isValid ? 'bg-emerald-950 text-emerald-300' : 'bg-red-950 text-red-300'}`}>
          {v.isValid
            ? <>Chain intact: {v.entriesVerified} entries verified.</>
            : <>Chain broken at entry {v.firstBrokenSequence ?? '?'}{v.problem ? `: ${v.problem}` : ''} ({v.entriesVerified} entries checked).</>}
          {v.isValid && v.headHash && <div className="mt-1 truncate font-mono text-[11px] text-slate-400" title={v.headHash}>head {v.headHash}</div>}
        </div>
      )}
    </Panel>
  )
}

function Filters({ onApply }: { onApply: (f: AuditFilters) => void }) {
  const [draft, setDraft] = useState<AuditFilters>(emptyAuditFilters)
  const field = (key: keyof AuditFilters, name: string, type = 'text', placeholder?: string) => (
    <div className={type === 'datetime-local' ? 'w-48' : 'w-32'}>
      <label className={label} htmlFor={`audit-${key}`}>{name}</label>
      <input id={`audit-${key}`} type={type} className={input} value={draft[key]} placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </div>
  )
  return (
    <form aria-label="Audit filters" className="mb-3 flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); onApply(draft) }}>
      {field('eventType', 'Event type', 'text', 'order, auth.login')}
      {field('actorId', 'Actor')}
      {field('resourceType', 'Resource type')}
      {field('resourceId', 'Resource id')}
      {field('from', 'From', 'datetime-local')}
      {field('to', 'To', 'datetime-local')}
      <div className="flex gap-2 pb-0.5">
        <button type="submit" data-testid="audit-apply" className={`${button} bg-slate-700 text-white hover:bg-slate-600`}>Apply</button>
        <button type="button" onClick={() => { setDraft(emptyAuditFilters); onApply(emptyAuditFilters) }}
          className={`${button} border border-slate-700 text-slate-300`}>Clear</button>
      </div>
    </form>
  )
}

function Entries() {
  const [filters, setFilters] = useState<AuditFilters>(emptyAuditFilters)
  const [offset, setOffset] = useState(0)
  const [open, setOpen] = useState<number | null>(null)
  const path = auditQuery(filters, offset, pageSize)
  const entries = useQuery({ queryKey: ['audit', path], queryFn: () => getJson<AuditPageData>(path), refetchInterval: 30_000 })
  const page = entries.data ? pageInfo(entries.data.offset, entries.data.limit, entries.data.total) : null
  return (
    <Panel title="Entries" testId="audit-panel" actions={page && <span className="text-xs text-slate-500" data-testid="audit-page">{page.text}</span>}>
      <Filters onApply={(f) => { setFilters(f); setOffset(0) }} />
      {entries.isError && <p role="alert" className="text-red-400">Audit trail unavailable: {entries.error.message}</p>}
      <table className={table} data-testid="audit-entries">
        <thead>
          <tr>
            <th className={`${th} text-right`}>#</th><th className={th}>Occurred</th><th className={th}>Event</th><th className={th}>Actor</th>
            <th className={th}>Resource</th><th className={th}>Source</th><th className={th}>Hash</th><th className={th} />
          </tr>
        </thead>
        <tbody>
          {entries.data?.entries.map((e) => (
            <Fragment key={e.sequence}>
              <tr data-testid={`audit-${e.sequence}`} data-event={e.eventType}>
                <td className={`${td} text-right text-slate-400`}>{e.sequence}</td>
                <td className={`${td} whitespace-nowrap text-slate-300`}>{dateTime(e.occurredAt)}</td>
                <td className={`${td} font-mono text-xs`}>{e.eventType}</td>
                <td className={td}><span className="text-slate-500">{e.actorType}:</span>{e.actorId}</td>
                <td className={`${td} max-w-64 truncate`} title={e.resourceId ?? undefined}>
                  <span className="text-slate-500">{e.resourceType}</span>{e.resourceId && <span className="font-mono text-xs"> {e.resourceId}</span>}
                </td>
                <td className={`${td} text-slate-400`}>{e.source}</td>
                <td className={`${td} font-mono text-[11px] text-slate-500`} title={e.hash}>{e.hash.slice(0, 12)}…</td>
                <td className={`${td} text-right`}>
                  <button type="button" onClick={() => setOpen(open === e.sequence ? null : e.sequence)} aria-expanded={open === e.sequence}
                    className="text-xs text-sky-400 hover:underline">{open === e.sequence ? 'Hide' : 'Details'}</button>
                </td>
              </tr>
              {open === e.sequence && (
                <tr>
                  <td colSpan={8} className="border-t border-slate-800/80 bg-slate-950/60 px-3 py-2 text-xs">
                    <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all text-[11px] text-slate-300">{prettyJson(e.details)}</pre>
                    <div className="mt-1 font-mono text-[11px] text-slate-500">previous {e.previousHash ?? '(first)'} · recorded {dateTime(e.recordedAt)}</div>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
          {(entries.isPending || entries.data?.entries.length === 0) && (
            <tr><td colSpan={8} className={`${td} py-3 text-slate-500`}>{entries.isPending ? 'Loading…' : 'No entries match.'}</td></tr>
          )}
        </tbody>
      </table>
      {page && (page.hasPrevious || page.hasNext) && (
        <div className="mt-3 flex items-center justify-end gap-2">
          <button type="button" data-testid="audit-newer" disabled={!page.hasPrevious} onClick={() => setOffset(page.previous)}
            className={`${button} border border-slate-700 text-slate-300`}>← Newer</button>
          <button type="button" data-testid="audit-older" disabled={!page.hasNext} onClick={() => setOffset(page.next)}
            className={`${button} border border-slate-700 text-slate-300`}>Older →</button>
        </div>
      )}
    </Panel>
  )
}

export function AuditPage() {
  const admin = hasRole(useSession(), 'admin')
  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Audit</h1>
        <span className="text-sm text-slate-500">Who did what, append-only and hash-chained</span>
      </div>
      {admin ? (
        <>
          <VerifyPanel />
          <Entries />
        </>
      ) : (
        <p data-testid="audit-admin-only" className="rounded border border-slate-800 bg-slate-900/70 p-3 text-sm text-slate-400">
          Only an admin can read and verify the audit trail.
        </p>
      )}
    </div>
  )
}
