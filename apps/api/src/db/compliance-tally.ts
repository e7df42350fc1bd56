import { deadlineEnd } from '@gongkai/schema'
import { sql, type RawBuilder } from 'kysely'
import type { ReportStatus } from './report.table.ts'
import type { Db, WriteDb } from './database.ts'
import type { TallyGroup } from './compliance.ts'

// The board's counts without reading every agency: the reports of each year counted by region
// prefix ('' and 2, 4, 6 digits), the sub-region a summary puts them in, the agency's kind, the
// report's status, first publication on time or late, and corrected; and the registry's agencies
// counted the same way. Kept in the same write batch as publish, correct, withdraw, store as
// published and a new agency: each takes the report's (or agency's) row out as it was and puts
// it back as it is, so the counts are always those of the tables they count. The agencies with no
// report are the agencies less the reports; whether they are missing or not yet due is decided on
// the read, by the date.

/** Prefix lengths kept; 0 is the whole registry (agencies without a region code too). */
const LENGTHS = [0, 2, 4, 6] as const
/** The sub-region level under each kept prefix length (board.ts LEVEL_LENGTHS). */
const SUB_LENGTH: Record<number, number> = { 2: 4, 4: 6, 6: 9 }

/**
 * The deadline end of a year as SQL: `(year + 1)` and a fixed suffix per kind. Checked against
 * the schema's rule (deadlines.ts) for every year a report can have, so a change of rule that
 * this form cannot follow fails here rather than counting wrongly.
 */
function deadlineEndSql(kind: string, year: RawBuilder<number>): RawBuilder<string> {
  const suffix = (k: string) => deadlineEnd(k, 2000).toISOString().slice(4)
  for (const k of ['department', 'government'])
    for (let y = 2008; y <= 2100; y++)
      if (deadlineEnd(k, y).toISOString() !== `${y + 1}${suffix(k)}`)
        throw new Error(`the deadline of ${k} ${y} is not (year + 1)${suffix(k)}`)
  return sql<string>`cast(${year} + 1 as text) || (case when ${sql.raw(kind)} = 'department' then ${suffix('department')} else ${suffix('government')} end)`
}

/** regionPrefix (board.ts) in SQL: a code of 3 to 6 digits loses a trailing '00', twice at most. */
const strip = (c: string) =>
  `(case when length(${c}) > 2 and length(${c}) <= 6 and substr(${c}, length(${c}) - 1, 2) = '00' then substr(${c}, 1, length(${c}) - 2) else ${c} end)`
const regionPrefixSql = (c: string) => strip(strip(c))

/** The prefixes of an agency's region code (alias `a`), with the sub-region of each: `l.n`, `prefix`, `sub`. */
const PREFIXES = sql.raw(
  `join (${LENGTHS.map((n) => `select ${n} as n`).join(' union all ')}) l on l.n = 0 or length(a.region_code) >= l.n`,
)
const PREFIX = sql.raw(`case when l.n = 0 then '' else substr(a.region_code, 1, l.n) end`)
const SUB = sql.raw(
  `case when l.n = 0 then '' when length(${regionPrefixSql('a.region_code')}) > l.n then substr(${regionPrefixSql('a.region_code')}, 1, case l.n ${Object.entries(
    SUB_LENGTH,
  )
    .map(([n, s]) => `when ${n} then ${s}`)
    .join(' ')} end) else '' end`,
)

function reportTally(reportId: string | null, sign: 1 | -1): RawBuilder<unknown> {
  const which = reportId === null ? sql`true` : sql`r.id = ${reportId}`
  const first = sql.raw(
    `(select v.published_at from revision v where v.report_id = r.id order by case when v.number = 1 then 0 else 1 end, v.number limit 1)`,
  )
  const end = deadlineEndSql('a.kind', sql.raw<number>('r.year'))
  return sql`select t.year, t.prefix, t.sub, t.kind, t.status, t.first_key, t.corrected, ${sql.raw(sign === 1 ? '' : '-')}count(*)
from (
  select r.year as year, ${PREFIX} as prefix, ${SUB} as sub, a.kind as kind, r.status as status,
    case when ${first} is null then ''
      when length(${first}) = 24 and substr(${first}, 11, 1) = 'T' and substr(${first}, 24, 1) = 'Z'
        then case when ${first} >= ${end} then 'L' else 'O' end
      else ${first} end as first_key,
    case when exists (select 1 from revision w where w.report_id = r.id and w.number > 1) then 1 else 0 end as corrected
  from report r join agency a on a.id = r.agency_id ${PREFIXES}
  where ${which} and r.current_revision is not null
) t
group by t.year, t.prefix, t.sub, t.kind, t.status, t.first_key, t.corrected`
}

/** Take a report's row out of the counts as it is now (-1, before a change), or put it in (1, after). */
export async function tallyReportState(db: WriteDb, reportId: string | null, sign: 1 | -1): Promise<void> {
  await db
    .insertInto('compliance_tally')
    .columns(['year', 'prefix', 'sub', 'kind', 'status', 'first_key', 'corrected', 'n'])
    .expression(reportTally(reportId, sign))
    .onConflict((oc) =>
      oc
        .columns(['year', 'prefix', 'sub', 'kind', 'status', 'first_key', 'corrected'])
        .doUpdateSet({ n: sql`compliance_tally.n + excluded.n` }),
    )
    .execute()
}

/** Count a new agency (or every agency, into empty counts). */
export async function tallyAgency(db: WriteDb, agencyId: string | null): Promise<void> {
  const which = agencyId === null ? sql`true` : sql`a.id = ${agencyId}`
  await db
    .insertInto('agency_tally')
    .columns(['prefix', 'sub', 'kind', 'n'])
    .expression(sql`select ${PREFIX}, ${SUB}, a.kind, count(*) from agency a ${PREFIXES} where ${which} group by ${PREFIX}, ${SUB}, a.kind`)
    .onConflict((oc) => oc.columns(['prefix', 'sub', 'kind']).doUpdateSet({ n: sql`agency_tally.n + excluded.n` }))
    .execute()
}

/** Recount everything from the tables (the migration; a bulk load that bypassed the write path). */
export async function refillComplianceTally(db: WriteDb): Promise<void> {
  await db.deleteFrom('compliance_tally').execute()
  await db.deleteFrom('agency_tally').execute()
  await tallyReportState(db, null, 1)
  await tallyAgency(db, null)
}

/**
 * The groups `complianceTally` computes, from the counts: null when the region's prefix is not
 * kept (then the caller groups in the database). `bySub`: with each group's sub-region.
 */
export async function keptComplianceTally(
  db: Db,
  f: { year: number; region?: string | undefined; bySub: boolean },
): Promise<TallyGroup[] | null> {
  const prefix = f.region ?? ''
  if (!(LENGTHS as readonly number[]).includes(prefix.length)) return null
  const [reports, agencies] = await Promise.all([
    db
      .selectFrom('compliance_tally')
      .select(['sub', 'kind', 'status', 'first_key', 'corrected', 'n'])
      .where('year', '=', f.year)
      .where('prefix', '=', prefix)
      .where('n', '!=', 0)
      .execute(),
    db.selectFrom('agency_tally').select(['sub', 'kind', 'n']).where('prefix', '=', prefix).where('n', '!=', 0).execute(),
  ])
  const out: TallyGroup[] = []
  // Agencies less their reports: those with none for the year.
  const none = new Map<string, { kind: string; sub: string; n: number }>()
  for (const a of agencies) none.set(`${a.sub}|${a.kind}`, { kind: a.kind, sub: a.sub, n: Number(a.n) })
  for (const r of reports) {
    const n = Number(r.n)
    const left = none.get(`${r.sub}|${r.kind}`)
    if (left) left.n -= n
    out.push({
      kind: r.kind,
      status: r.status as ReportStatus,
      first: r.first_key === '' ? null : r.first_key,
      corrected: Number(r.corrected) === 1,
      sub: f.bySub && r.sub !== '' ? r.sub : null,
      n,
    })
  }
  for (const a of none.values())
    if (a.n !== 0)
      out.push({ kind: a.kind, status: null, first: null, corrected: false, sub: f.bySub && a.sub !== '' ? a.sub : null, n: a.n })
  return out
}

/**
 * How many agencies of the registry (of a kept region prefix, of a kind) have no public report for
 * the year: the agencies less the year's published reports. Null for a region whose prefix is not kept.
 */
export async function agenciesWithoutReportCount(db: Db, year: number, f: { region?: string | undefined; kind?: string | undefined } = {}) {
  const prefix = f.region ?? ''
  if (!(LENGTHS as readonly number[]).includes(prefix.length)) return null
  let agencies = db
    .selectFrom('agency_tally')
    .select((eb) => eb.fn.sum<string | number | null>('n').as('n'))
    .where('prefix', '=', prefix)
  let published = db
    .selectFrom('compliance_tally')
    .select((eb) => eb.fn.sum<string | number | null>('n').as('n'))
    .where('year', '=', year)
    .where('prefix', '=', prefix)
    .where('status', '=', 'published')
  if (f.kind) {
    agencies = agencies.where('kind', '=', f.kind)
    published = published.where('kind', '=', f.kind)
  }
  const [a, p] = await Promise.all([agencies.executeTakeFirst(), published.executeTakeFirst()])
  return Number(a?.n ?? 0) - Number(p?.n ?? 0)
}
