import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { refillUnknownFacts } from '../unknown-facts.ts'

// A year's ranking of a region's agencies (`/api/stats?…&year=…&region=33`) read every fact of
// the year with its report and agency to keep the region's: 80–130 ms for a province of 10,000
// agencies at 100,000 reports. Each fact now carries its agency's region code, as it does its
// level and kind (an agency's never change; db/metrics.ts writes it with the fact), and one index
// holds a metric's values of a year by region, kind and level: a region's values (of a kind or
// level) are one range of it, read from the index alone. The facts without a value carry it too,
// so the ranking's tail (by code) of a region is read from its own index. The facts already stored
// get theirs from their agency here, and the list of those without a value is made again (it is
// first filled here: 2026_12_10_1100 only creates it). Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table report_metric add column if not exists region_code text`.execute(db)
    await sql`alter table unknown_fact add column if not exists region_code text`.execute(db)
  } else
    for (const table of ['report_metric', 'unknown_fact']) {
      const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
      if (!rows.some((r) => r.name === 'region_code')) await db.schema.alterTable(table).addColumn('region_code', 'text').execute()
    }
  await sql`update report_metric set region_code = a.region_code
from report r join agency a on a.id = r.agency_id
where r.id = report_metric.report_id`.execute(db)
  await refillUnknownFacts(db)
  await db.schema
    .createIndex('report_metric_region_idx')
    .ifNotExists()
    .on('report_metric')
    .columns(['metric', 'year', 'region_code', 'kind', 'level', 'value'])
    .execute()
  await db.schema
    .createIndex('unknown_fact_region_idx')
    .ifNotExists()
    .on('unknown_fact')
    .columns(['metric', 'year', 'region_code', 'kind', 'level', 'agency_code'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('unknown_fact_region_idx').ifExists().execute()
  await db.schema.dropIndex('report_metric_region_idx').ifExists().execute()
  await db.schema.alterTable('unknown_fact').dropColumn('region_code').execute()
  await db.schema.alterTable('report_metric').dropColumn('region_code').execute()
}
