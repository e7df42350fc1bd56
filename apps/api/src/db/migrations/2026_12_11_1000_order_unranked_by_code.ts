import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { rankAgency } from '../ranking-tally.ts'

// A ranking's groups without a value come last, unranked; they were listed by name, so a page of
// them read every one (a metric no agency reports is ten thousand groups a year: 50–130 ms on
// PostgreSQL at 100,000 reports). They are now listed by their agency's code, as the reports not
// counted are, and a page of them is a range of an index: `unknown_fact` has one on
// (metric, year, agency_code); `ranking_value` gets the agency's code, at the end of its three
// indexes. On PostgreSQL both code columns take collation "C", so the order is the code units'
// on every engine and whatever the database's locale. `ranking_value` is derived: created again
// and recounted from `ranking_tally`. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  if (postgres) await sql`alter table unknown_fact alter column agency_code type text collate "C"`.execute(db)
  await db.schema.dropTable('ranking_value').ifExists().execute()
  await db.schema
    .createTable('ranking_value')
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('agency_code', postgres ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('known', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('numerator', 'double precision', (c) => c.notNull())
    .addColumn('denominator', 'double precision', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addPrimaryKeyConstraint('ranking_value_pk', ['metric', 'agency_id'])
    .execute()
  // As before (the whole registry's ranking, a level's or kind's, a region's), each with the code
  // and the agency last: a page of the groups without a value is read from the index alone (on
  // PostgreSQL, ten thousand rows of a metric read from the table took 100–230 ms; from the index, 4–10).
  await db.schema
    .createIndex('ranking_value_score_idx')
    .on('ranking_value')
    .columns(['metric', 'score', 'agency_code', 'agency_id'])
    .execute()
  await db.schema
    .createIndex('ranking_value_kind_idx')
    .on('ranking_value')
    .columns(['metric', 'kind', 'level', 'score', 'agency_code', 'agency_id'])
    .execute()
  await db.schema
    .createIndex('ranking_value_region_idx')
    .on('ranking_value')
    .columns(['metric', 'region_code', 'score', 'agency_code', 'agency_id'])
    .execute()
  await rankAgency(db, null)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ranking_value').ifExists().execute()
}
