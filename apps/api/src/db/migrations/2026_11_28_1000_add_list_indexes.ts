import type { Kysely } from 'kysely'

// Indexes for the public list: region prefixes (queried as a range), levels, and the year
// order of published reports. Measured with bench/api/scale.ts.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('agency_region_idx').on('agency').column('region_code').execute()
  await db.schema.createIndex('agency_level_idx').on('agency').columns(['level', 'region_code']).execute()
  await db.schema.createIndex('report_public_year_idx').on('report').columns(['current_revision', 'year']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_public_year_idx').execute()
  await db.schema.dropIndex('agency_level_idx').execute()
  await db.schema.dropIndex('agency_region_idx').execute()
}
