import type { ReportStatus, RevisionKind } from './report.table.ts'
import type { Db } from './database.ts'
import { VALIDATION_FACTS, regionRange, type AgencyRef } from './metrics.ts'

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
  // The reports' revisions in one statement (the same filter, joined): a province is ten
  // thousand reports, which were a hundred statements of 90 ids each.
  let vq = db
    .selectFrom('revision as v')
    .innerJoin('report as r', 'r.id', 'v.report_id')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(['v.report_id', 'v.number', 'v.kind', 'v.note', 'v.published_at'])
    .where('r.year', '=', f.year)
    .where('r.current_revision', 'is not', null)
  if (f.region) {
    const [lo, hi] = regionRange(f.region)
    vq = vq.where('a.region_code', '>=', lo).where('a.region_code', '<', hi)
  }
  const [agencies, reports, revisionRows] = await Promise.all([
    aq.orderBy('code').execute(),
    rq.execute(),
    vq.orderBy('v.report_id').orderBy('v.number').execute(),
  ])
  const revisions = new Map<string, NonNullable<AgencyYear['report']>['revisions']>()
  for (const r of revisionRows) {
    let list = revisions.get(r.report_id)
    if (!list) revisions.set(r.report_id, (list = []))
    list.push({ number: Number(r.number), kind: r.kind, note: r.note, publishedAt: r.published_at })
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

/** The validator's counts of the public reports of a year (and region), from the fact table, in one statement. */
export async function validationCountsOf(
  db: Db,
  f: { year: number; region?: string | undefined },
): Promise<Map<string, { errors: number; warnings: number }>> {
  let q = db
    .selectFrom('report_metric as m')
    .innerJoin('report as r', 'r.id', 'm.report_id')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(['m.report_id', 'm.metric', 'm.value'])
    .where('r.year', '=', f.year)
    .where('r.status', '=', 'published')
    .where('m.metric', 'in', [VALIDATION_FACTS.errors, VALIDATION_FACTS.warnings])
  if (f.region) {
    const [lo, hi] = regionRange(f.region)
    q = q.where('a.region_code', '>=', lo).where('a.region_code', '<', hi)
  }
  const out = new Map<string, { errors: number; warnings: number }>()
  for (const r of await q.execute()) {
    const c = out.get(r.report_id) ?? { errors: 0, warnings: 0 }
    c[r.metric === VALIDATION_FACTS.errors ? 'errors' : 'warnings'] = Number(r.value)
    out.set(r.report_id, c)
  }
  return out
}
