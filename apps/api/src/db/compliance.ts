import type { ReportStatus, RevisionKind } from './report.table.ts'
import type { Db } from './database.ts'
import { regionRange, type AgencyRef } from './metrics.ts'

// What the compliance board and region summaries read: every agency of the registry in a region,
// with its report for a year (any status) and that report's revisions.

export interface AgencyYear {
  agency: AgencyRef & { parentId: string | null }
  report: {
    id: string
    status: ReportStatus
    template: string
    currentRevision: number | null
    withdrawnReason: string | null
    revisions: Array<{ number: number; kind: RevisionKind; note: string; publishedAt: string }>
  } | null
}

export async function agenciesWithReports(db: Db, f: { year: number; region?: string | undefined }): Promise<AgencyYear[]> {
  let aq = db.selectFrom('agency').select(['id', 'name', 'code', 'level', 'kind', 'region_code', 'parent_id'])
  if (f.region) {
    const [lo, hi] = regionRange(f.region)
    aq = aq.where('region_code', '>=', lo).where('region_code', '<', hi)
  }
  const agencies = await aq.orderBy('code').execute()
  let rq = db
    .selectFrom('report as r')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.agency_id', 'r.status', 'r.template', 'r.current_revision', 'r.withdrawn_reason'])
    .where('r.year', '=', f.year)
    .where('r.current_revision', 'is not', null)
  if (f.region) {
    const [lo, hi] = regionRange(f.region)
    rq = rq.where('a.region_code', '>=', lo).where('a.region_code', '<', hi)
  }
  const reports = await rq.execute()
  const revisions = new Map<string, NonNullable<AgencyYear['report']>['revisions']>()
  // In chunks, to stay under every engine's limit on bound parameters.
  for (let i = 0; i < reports.length; i += 90) {
    const ids = reports.slice(i, i + 90).map((r) => r.id)
    const rows = await db.selectFrom('revision').select(['report_id', 'number', 'kind', 'note', 'published_at']).where('report_id', 'in', ids).orderBy('number').execute()
    for (const r of rows) {
      if (!revisions.has(r.report_id)) revisions.set(r.report_id, [])
      revisions.get(r.report_id)!.push({ number: Number(r.number), kind: r.kind, note: r.note, publishedAt: r.published_at })
    }
  }
  const byAgency = new Map(reports.map((r) => [r.agency_id, r]))
  return agencies.map((a) => {
    const r = byAgency.get(a.id)
    return {
      agency: { id: a.id, name: a.name, code: a.code, level: a.level, kind: a.kind, regionCode: a.region_code, parentId: a.parent_id },
      report: r
        ? {
            id: r.id,
            status: r.status,
            template: r.template,
            currentRevision: r.current_revision === null ? null : Number(r.current_revision),
            withdrawnReason: r.withdrawn_reason,
            revisions: revisions.get(r.id) ?? [],
          }
        : null,
    }
  })
}
