import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import * as createCore from './migrations/2026_11_28_0800_create_core.ts'
import * as addSearch from './migrations/2026_11_28_0900_add_search_and_login_attempts.ts'
import * as addListIndexes from './migrations/2026_11_28_1000_add_list_indexes.ts'
import * as createJobs from './migrations/2026_11_28_1100_create_jobs.ts'
import * as createWriteGuard from './migrations/2026_11_28_1200_create_write_guard.ts'
import * as createJobFiles from './migrations/2026_11_28_1300_create_job_files.ts'
import * as createReportMetrics from './migrations/2026_11_30_1000_create_report_metrics.ts'
import * as addRecentOrderIndex from './migrations/2026_12_02_1500_add_recent_order_index.ts'
import * as addReportAgencyName from './migrations/2026_12_03_1000_add_report_agency_name.ts'
import * as createListVersion from './migrations/2026_12_03_1100_create_list_version.ts'
import * as addSearchBigrams from './migrations/2026_12_03_1200_add_search_bigrams.ts'
import * as repairPublishedTitles from './migrations/2026_12_04_1000_repair_published_titles.ts'
import * as createAcrossVersion from './migrations/2026_12_05_1000_create_across_version.ts'
import * as createReportCells from './migrations/2026_12_05_1100_create_report_cells.ts'
import * as addCoveringFactIndexes from './migrations/2026_12_05_1200_add_covering_fact_indexes.ts'
import * as createMetricTally from './migrations/2026_12_06_1000_create_metric_tally.ts'
import * as createComplianceTally from './migrations/2026_12_06_1100_create_compliance_tally.ts'
import * as addAgencyCoveringIndex from './migrations/2026_12_07_1000_add_agency_covering_index.ts'
import * as createStatsTally from './migrations/2026_12_08_1000_create_stats_tally.ts'
import * as addFactLevelKind from './migrations/2026_12_09_1000_add_fact_level_kind.ts'
import * as addSearchKeys from './migrations/2026_12_09_1100_add_search_keys.ts'
import * as addStatsTallyRegions from './migrations/2026_12_09_1200_add_stats_tally_regions.ts'
import * as createRankingTally from './migrations/2026_12_10_1000_create_ranking_tally.ts'
import * as createUnknownFact from './migrations/2026_12_10_1100_create_unknown_fact.ts'
import * as orderUnrankedByCode from './migrations/2026_12_11_1000_order_unranked_by_code.ts'
import * as statsTallyRegionsByLevel from './migrations/2026_12_11_1100_stats_tally_regions_by_level.ts'
import * as addFactRegion from './migrations/2026_12_11_1200_add_fact_region.ts'
import * as coverFactRegion from './migrations/2026_12_12_1000_cover_fact_region.ts'
import * as createRegionValue from './migrations/2026_12_12_1100_create_region_value.ts'
import * as regionValueEveryYear from './migrations/2026_12_13_1000_region_value_every_year.ts'

// A static import map instead of a folder scan: the edge runtime has no `fs`.
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_28_0800_create_core': createCore,
  '2026_11_28_0900_add_search_and_login_attempts': addSearch,
  '2026_11_28_1000_add_list_indexes': addListIndexes,
  '2026_11_28_1100_create_jobs': createJobs,
  '2026_11_28_1200_create_write_guard': createWriteGuard,
  '2026_11_28_1300_create_job_files': createJobFiles,
  '2026_11_30_1000_create_report_metrics': createReportMetrics,
  '2026_12_02_1500_add_recent_order_index': addRecentOrderIndex,
  '2026_12_03_1000_add_report_agency_name': addReportAgencyName,
  '2026_12_03_1100_create_list_version': createListVersion,
  '2026_12_03_1200_add_search_bigrams': addSearchBigrams,
  '2026_12_04_1000_repair_published_titles': repairPublishedTitles,
  '2026_12_05_1000_create_across_version': createAcrossVersion,
  '2026_12_05_1100_create_report_cells': createReportCells,
  '2026_12_05_1200_add_covering_fact_indexes': addCoveringFactIndexes,
  '2026_12_06_1000_create_metric_tally': createMetricTally,
  '2026_12_06_1100_create_compliance_tally': createComplianceTally,
  '2026_12_07_1000_add_agency_covering_index': addAgencyCoveringIndex,
  '2026_12_08_1000_create_stats_tally': createStatsTally,
  '2026_12_09_1000_add_fact_level_kind': addFactLevelKind,
  '2026_12_09_1100_add_search_keys': addSearchKeys,
  '2026_12_09_1200_add_stats_tally_regions': addStatsTallyRegions,
  '2026_12_10_1000_create_ranking_tally': createRankingTally,
  '2026_12_10_1100_create_unknown_fact': createUnknownFact,
  '2026_12_11_1000_order_unranked_by_code': orderUnrankedByCode,
  '2026_12_11_1100_stats_tally_regions_by_level': statsTallyRegionsByLevel,
  '2026_12_11_1200_add_fact_region': addFactRegion,
  '2026_12_12_1000_cover_fact_region': coverFactRegion,
  '2026_12_12_1100_create_region_value': createRegionValue,
  '2026_12_13_1000_region_value_every_year': regionValueEveryYear,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // On PostgreSQL, Kysely looks for its migration tables in every schema: a database holding
  // another copy of the app in another schema (test runs, a staging copy) would be taken for this
  // one's. Its own schema is named, unless it is the default.
  let migrationTableSchema: string | undefined
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db)
    if (rows[0]?.s && rows[0].s !== 'public') migrationTableSchema = rows[0].s
  }
  const migrate = async () => {
    const { error, results } = await new Migrator({
      db,
      provider,
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
    }).migrateToLatest()
    if (error) throw error
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
  }
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrate()
  // Kysely's introspection reads every schema's tables (pg_get_serial_sequence on each): a schema
  // dropped meanwhile by another process (a test suite's or a benchmark's, `dropSchema`) fails it
  // with "schema … does not exist". A shared advisory lock, held for the run, keeps those drops
  // (which take it alone) waiting; migrations of other schemas still run side by side.
  return db.connection().execute(async (held) => {
    await sql`select pg_advisory_lock_shared(${SCHEMA_LOCK[0]}, ${SCHEMA_LOCK[1]})`.execute(held)
    try {
      return await migrate()
    } finally {
      await sql`select pg_advisory_unlock_shared(${SCHEMA_LOCK[0]}, ${SCHEMA_LOCK[1]})`.execute(held)
    }
  })
}

/** The advisory lock a migration holds shared and a schema's drop alone (two int4 keys: "gk", 1). */
export const SCHEMA_LOCK = [0x676b, 1] as const
