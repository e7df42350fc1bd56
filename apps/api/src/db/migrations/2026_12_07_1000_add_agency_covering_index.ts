import type { Kysely } from 'kysely'

// A year-wide ranking (db/metrics.ts `factsOfMetric`) reads every agency the filter keeps, in the
// order of their codes. By the unique index on code alone, that is ten thousand lookups of the
// table's rows for the name, level, kind and region; this index holds those columns in that
// order, so the read is one range of it. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('agency_code_covering_idx')
    .ifNotExists()
    .on('agency')
    .columns(['code', 'id', 'name', 'level', 'kind', 'region_code'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('agency_code_covering_idx').ifExists().execute()
}
