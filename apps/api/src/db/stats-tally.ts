import { sql, type RawBuilder } from 'kysely'
import type { Db, WriteDb } from './database.ts'
import { TALLY_LENGTHS, addedSums } from './metric-tally.ts'
import { tallyRowOf, type Sums } from './ranking.ts'

// What `/api/stats` shows of a year (or of every year) by level or by year, and the totals and
// counts of a year's ranking, without reading the year's facts: each catalogue metric's facts
// counted and summed per year, region (the whole registry, and its region's 2-, 4- and 6-digit
// prefix), the agency's level and kind, the report's template and the fact's reason, in `stats_tally`. writeReportMetrics
// (db/metrics.ts) takes a report's old facts out and puts its new ones in, in the same write batch
// as the facts (publish, correct, withdraw, store as published, rebuild), as it does for
// `metric_tally`. Agencies' levels, kinds and region codes are never changed after they are
// created (there is no such write), so a fact stays where it was counted.

/**
 * The tally rows of one report's facts (or of every report's), signed. A fact counts when its
 * year is its report's (as the stats read them); the report's status is not read, since only a
 * public report has facts, and withdrawing takes them out after the status changed. Each fact
 * counts once for the whole registry (prefix '') and once for each kept prefix of its agency's
 * region code, each by the agency's level and kind.
 */
function tallyOf(reportId: string | null, sign: 1 | -1): RawBuilder<unknown> {
  const which = reportId === null ? sql`true` : sql`f.report_id = ${reportId}`
  const s = sql.raw(sign === 1 ? '' : '-')
  const known = sql.raw('case when f.value is not null then 1 else 0 end')
  const of = (col: string) => sql.raw(`case when f.value is not null then coalesce(f.${col}, 0) else 0 end`)
  const lengths = sql.raw([0, ...TALLY_LENGTHS].map((n) => `select ${n} as n`).join(' union all '))
  const prefix = sql.raw(`case when l.n = 0 then '' else substr(a.region_code, 1, l.n) end`)
  return sql`select f.metric, f.year, ${prefix}, a.level, a.kind, f.template, coalesce(f.reason, ''),
  ${s}count(*), ${s}sum(${known}), ${s}sum(${of('value')}), ${s}sum(${of('numerator')}), ${s}sum(${of('denominator')})
from report_metric f join report r on r.id = f.report_id join agency a on a.id = r.agency_id
join (${lengths}) l on l.n = 0 or length(a.region_code) >= l.n
where ${which} and f.year = r.year and substr(f.metric, 1, 1) <> '@'
group by f.metric, f.year, ${prefix}, a.level, a.kind, f.template, coalesce(f.reason, '')`
}

const KEY = ['metric', 'year', 'prefix', 'level', 'kind', 'template', 'reason'] as const

/** Add a report's facts as they are in the fact table now (1), or take them out (-1). */
export async function tallyStats(db: WriteDb, reportId: string | null, sign: 1 | -1): Promise<void> {
  await db
    .insertInto('stats_tally')
    .columns([...KEY, 'n', 'known', 'value', 'numerator', 'denominator'])
    .expression(tallyOf(reportId, sign))
    .onConflict((oc) => oc.columns([...KEY]).doUpdateSet(addedSums('stats_tally')))
    .execute()
}

/** Recount the tally from the fact table (the migration, a bulk load that bypassed the write path). */
export async function refillStatsTally(db: WriteDb): Promise<void> {
  await db.deleteFrom('stats_tally').execute()
  await tallyStats(db, null, 1)
}

export interface StatsTallyRow extends Sums {
  year: number
  level: string
  kind: string
  template: string
  /** null for a known value. */
  reason: string | null
}

/**
 * A metric's tally rows for a year (or every year), of the agencies of a level and kind when given,
 * of the whole registry or of a region (a kept prefix: see `regionTallied` in metric-tally.ts); empty rows left out.
 */
export async function statsTally(
  db: Db,
  f: { metric: string; year?: number | undefined; level?: string | undefined; kind?: string | undefined; region?: string | undefined },
): Promise<StatsTallyRow[]> {
  let q = db
    .selectFrom('stats_tally')
    .select(['year', 'level', 'kind', 'template', 'reason', 'n', 'known', 'value', 'numerator', 'denominator'])
    .where('metric', '=', f.metric)
    .where('prefix', '=', f.region ?? '')
    .where('n', '!=', 0)
  if (f.year !== undefined) q = q.where('year', '=', f.year)
  if (f.level) q = q.where('level', '=', f.level)
  if (f.kind) q = q.where('kind', '=', f.kind)
  const rows = await q.execute()
  return rows.map((r) => ({ year: Number(r.year), level: r.level, kind: r.kind, ...tallyRowOf(r) }))
}
