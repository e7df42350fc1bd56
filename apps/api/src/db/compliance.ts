import type { ReportStatus, RevisionKind } from './report.table.ts'
import { sql } from 'kysely'
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
  return agencyYears(agencies, reports, revisionRows)
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

/**
 * The agencies of a region (every agency when none), by code: one page of them, with their reports
 * for the year, the reports' revisions and the validator's counts. Four statements side by side,
 * each naming the page by the same subquery (no list of keys: D1 binds at most 100 parameters).
 */
export async function agenciesPage(
  db: Db,
  f: { year: number; region?: string | undefined; limit: number; offset: number },
): Promise<{ rows: AgencyYear[]; validation: Map<string, { errors: number; warnings: number }> }> {
  const page = () => {
    let q = db.selectFrom('agency as p').select('p.id')
    if (f.region) {
      const [lo, hi] = regionRange(f.region)
      q = q.where('p.region_code', '>=', lo).where('p.region_code', '<', hi)
    }
    return q.orderBy('p.code').limit(f.limit).offset(f.offset)
  }
  const reportsOfPage = () =>
    db.selectFrom('report as r').where('r.year', '=', f.year).where('r.current_revision', 'is not', null).where('r.agency_id', 'in', page())
  let aq = db.selectFrom('agency').select(['id', 'name', 'code', 'level', 'kind', 'region_code', 'parent_id'])
  if (f.region) {
    const [lo, hi] = regionRange(f.region)
    aq = aq.where('region_code', '>=', lo).where('region_code', '<', hi)
  }
  const [agencies, reports, revisionRows, counts] = await Promise.all([
    aq.orderBy('code').limit(f.limit).offset(f.offset).execute(),
    reportsOfPage().select(['r.id', 'r.agency_id', 'r.status', 'r.template', 'r.current_revision', 'r.withdrawn_reason']).execute(),
    db
      .selectFrom('revision as v')
      .select(['v.report_id', 'v.number', 'v.kind', 'v.note', 'v.published_at'])
      .where('v.report_id', 'in', reportsOfPage().select('r.id'))
      .orderBy('v.report_id')
      .orderBy('v.number')
      .execute(),
    db
      .selectFrom('report_metric as m')
      .select(['m.report_id', 'm.metric', 'm.value'])
      .where('m.metric', 'in', [VALIDATION_FACTS.errors, VALIDATION_FACTS.warnings])
      .where('m.report_id', 'in', reportsOfPage().select('r.id').where('r.status', '=', 'published'))
      .execute(),
  ])
  const validation = new Map<string, { errors: number; warnings: number }>()
  for (const r of counts) {
    const c = validation.get(r.report_id) ?? { errors: 0, warnings: 0 }
    c[r.metric === VALIDATION_FACTS.errors ? 'errors' : 'warnings'] = Number(r.value)
    validation.set(r.report_id, c)
  }
  const rows = agencyYears(agencies, reports, revisionRows)
  return { rows, validation }
}

/** One group of a region's agencies as the board counts them (`complianceTally`). */
export interface TallyGroup {
  kind: string
  /** The status of its report for the year (null: none published). */
  status: ReportStatus | null
  /** When its first revision came out: 'L' late, 'O' on time, or the time itself when not in the stored ISO form; null if none. */
  first: string | null
  corrected: boolean
  /** The sub-region it falls in, when asked for (null: the region itself). */
  sub: string | null
  n: number
}

/**
 * The board's counts over a region's agencies for a year, grouped in the database: kind, report
 * status, first publication on time or late (against each kind's deadline end, `ends`), corrected,
 * and the sub-region of `sub` digits (with a region code read as `regionPrefix` reads it). A few
 * dozen rows whatever the region's size.
 */
export async function complianceTally(
  db: Db,
  f: { year: number; region?: string | undefined; ends: { government: string; department: string }; sub?: number | undefined },
): Promise<TallyGroup[]> {
  const range = f.region ? sql`a.region_code >= ${regionRange(f.region)[0]} and a.region_code < ${regionRange(f.region)[1]}` : sql`true`
  // regionPrefix: a code of 3 to 6 digits loses a trailing '00', twice at most (6 → 4 → 2, 5 → 3 → 1).
  const strip = (c: string) =>
    sql.raw(
      `case when length(${c}) > 2 and length(${c}) <= 6 and substr(${c}, length(${c}) - 1, 2) = '00' then substr(${c}, 1, length(${c}) - 2) else ${c} end`,
    )
  const own = f.region?.length ?? 0
  // Numbers written into the statement, not bound: PostgreSQL matches the grouped expression by its text.
  const sub =
    f.sub === undefined
      ? sql`null`
      : sql.raw(`case when length(t.p) > ${Math.trunc(own)} then substr(t.p, 1, ${f.sub === 0 ? 'length(t.p)' : Math.trunc(f.sub)}) end`)
  const rows = await sql<{
    kind: string
    status: ReportStatus | null
    first_key: string | null
    corrected: number | string
    sub: string | null
    n: number | string
  }>`
select t.kind, t.status, t.first_key, t.corrected, ${sub} as sub, count(*) as n from (
  select s.kind, s.status, s.corrected, ${strip('s.p1')} as p,
    case when s.first_at is null then null
      when length(s.first_at) = 24 and substr(s.first_at, 11, 1) = 'T' and substr(s.first_at, 24, 1) = 'Z'
        then case when s.first_at >= (case when s.kind = 'department' then ${f.ends.department} else ${f.ends.government} end) then 'L' else 'O' end
      else s.first_at end as first_key
  from (
    select a.kind as kind, r.status as status, ${strip('a.region_code')} as p1,
      (select v.published_at from revision v where v.report_id = r.id order by case when v.number = 1 then 0 else 1 end, v.number limit 1) as first_at,
      case when exists (select 1 from revision w where w.report_id = r.id and w.number > 1) then 1 else 0 end as corrected
    from agency a left join report r on r.agency_id = a.id and r.year = ${f.year} and r.current_revision is not null
    where ${range}
  ) s
) t
group by t.kind, t.status, t.first_key, t.corrected${f.sub === undefined ? sql`` : sql`, ${sub}`}`.execute(db)
  return rows.rows.map((r) => ({
    kind: r.kind,
    status: r.status,
    first: r.first_key,
    corrected: Number(r.corrected) === 1,
    sub: r.sub,
    n: Number(r.n),
  }))
}

/** The first `limit` agencies of a region with no report published for the year (missing or not yet due), by code. */
export async function agenciesWithoutPublication(
  db: Db,
  f: { year: number; region?: string | undefined; limit: number },
): Promise<Array<AgencyYear['agency']>> {
  let q = db
    .selectFrom('agency as a')
    .select(['a.id', 'a.name', 'a.code', 'a.level', 'a.kind', 'a.region_code', 'a.parent_id'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('report as r')
            .select('r.id')
            .whereRef('r.agency_id', '=', 'a.id')
            .where('r.year', '=', f.year)
            .where('r.current_revision', 'is not', null)
            .where((eb2) =>
              eb2.or([
                eb2('r.status', '=', 'withdrawn'),
                eb2.exists(eb2.selectFrom('revision as v').select('v.id').whereRef('v.report_id', '=', 'r.id')),
              ]),
            ),
        ),
      ),
    )
  if (f.region) {
    const [lo, hi] = regionRange(f.region)
    q = q.where('a.region_code', '>=', lo).where('a.region_code', '<', hi)
  }
  const rows = await q.orderBy('a.code').limit(f.limit).execute()
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    code: a.code,
    level: a.level,
    kind: a.kind,
    regionCode: a.region_code,
    parentId: a.parent_id,
  }))
}

/** Each government of a region with a current report, and its departments (in the region) with theirs, by code. */
export async function governmentsWithDepartments(
  db: Db,
  f: { year: number; region: string },
): Promise<
  Array<{ government: AgencyYear['agency']; reportId: string; departments: Array<{ agency: AgencyYear['agency']; reportId: string }> }>
> {
  const [lo, hi] = regionRange(f.region)
  // Most regions' agencies name no parent (a province of ten thousand, each looked at, took 30 ms):
  // the index by parent (migration 2026_12_06_1100) answers that at once.
  const anyChild = await db
    .selectFrom('agency')
    .select('id')
    .where('parent_id', 'is not', null)
    .where('region_code', '>=', lo)
    .where('region_code', '<', hi)
    .limit(1)
    .executeTakeFirst()
  if (!anyChild) return []
  const rows = await db
    .selectFrom('agency as d')
    .innerJoin('agency as g', 'g.id', 'd.parent_id')
    .innerJoin('report as dr', (j) => j.onRef('dr.agency_id', '=', 'd.id').on('dr.year', '=', f.year))
    .innerJoin('report as gr', (j) => j.onRef('gr.agency_id', '=', 'g.id').on('gr.year', '=', f.year))
    .select([
      'd.id as d_id',
      'd.name as d_name',
      'd.code as d_code',
      'd.level as d_level',
      'd.kind as d_kind',
      'd.region_code as d_region',
      'd.parent_id as d_parent',
      'dr.id as d_report',
      'g.id as g_id',
      'g.name as g_name',
      'g.code as g_code',
      'g.level as g_level',
      'g.kind as g_kind',
      'g.region_code as g_region',
      'g.parent_id as g_parent',
      'gr.id as g_report',
    ])
    .where('d.kind', '=', 'department')
    .where('g.kind', '=', 'government')
    .where('d.region_code', '>=', lo)
    .where('d.region_code', '<', hi)
    .where('g.region_code', '>=', lo)
    .where('g.region_code', '<', hi)
    .where('dr.current_revision', 'is not', null)
    .where('gr.current_revision', 'is not', null)
    .where('dr.status', '!=', 'withdrawn')
    .where('gr.status', '!=', 'withdrawn')
    .orderBy('g.code')
    .orderBy('d.code')
    .execute()
  const out: Array<{
    government: AgencyYear['agency']
    reportId: string
    departments: Array<{ agency: AgencyYear['agency']; reportId: string }>
  }> = []
  for (const r of rows) {
    let last = out.at(-1)
    if (!last || last.government.id !== r.g_id) {
      last = {
        government: {
          id: r.g_id,
          name: r.g_name,
          code: r.g_code,
          level: r.g_level,
          kind: r.g_kind,
          regionCode: r.g_region,
          parentId: r.g_parent,
        },
        reportId: r.g_report,
        departments: [],
      }
      out.push(last)
    }
    last.departments.push({
      agency: {
        id: r.d_id,
        name: r.d_name,
        code: r.d_code,
        level: r.d_level,
        kind: r.d_kind,
        regionCode: r.d_region,
        parentId: r.d_parent,
      },
      reportId: r.d_report,
    })
  }
  return out
}

type AgencyOf = AgencyYear['agency']
type ReportOf = NonNullable<AgencyYear['report']>
type RevisionOf = ReportOf['revisions'][number]
type AgencyRow = Pick<AgencyOf, 'id' | 'name' | 'code' | 'level' | 'kind'> & {
  region_code: AgencyOf['regionCode']
  parent_id: AgencyOf['parentId']
}
type ReportRow = Pick<ReportOf, 'id' | 'status' | 'template'> & {
  agency_id: string
  current_revision: number | string | null
  withdrawn_reason: ReportOf['withdrawnReason']
}
type RevisionRow = Pick<RevisionOf, 'kind' | 'note'> & {
  report_id: string
  number: number | string
  published_at: RevisionOf['publishedAt']
}

/** The agencies' rows of a year: each with its report and that report's revisions, in the agencies' order. */
function agencyYears(agencies: readonly AgencyRow[], reports: readonly ReportRow[], revisionRows: readonly RevisionRow[]): AgencyYear[] {
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
