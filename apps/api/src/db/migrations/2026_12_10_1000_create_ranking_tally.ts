import type { Kysely } from 'kysely'
import { tallyRanking } from '../ranking-tally.ts'

// `/api/stats?metric=…&group_by=agency` without a year ranked every agency by its facts of every
// year: at ten years of ten thousand agencies it read a hundred thousand facts, their reports and
// agencies (700–850 ms). Two derived tables (db/ranking-tally.ts), kept in the same batch as the
// fact table by writeReportMetrics: each agency's facts of a metric summed by template and reason,
// and per agency and metric with the group's value, indexed so a page of the ranking is a range.
// Created, then the first filled from the facts already stored. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ranking_tally')
    .ifNotExists()
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('known', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('numerator', 'double precision', (c) => c.notNull())
    .addColumn('denominator', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('ranking_tally_pk', ['agency_id', 'metric', 'template', 'reason'])
    .execute()
  await db.schema
    .createTable('ranking_value')
    .ifNotExists()
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
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
  // The whole registry's ranking walks the first; a level's or kind's reads its values from the
  // second, a region's from the third (both covering), and the page's agencies by value.
  await db.schema.createIndex('ranking_value_score_idx').ifNotExists().on('ranking_value').columns(['metric', 'score']).execute()
  await db.schema
    .createIndex('ranking_value_kind_idx')
    .ifNotExists()
    .on('ranking_value')
    .columns(['metric', 'kind', 'level', 'score'])
    .execute()
  await db.schema
    .createIndex('ranking_value_region_idx')
    .ifNotExists()
    .on('ranking_value')
    .columns(['metric', 'region_code', 'score'])
    .execute()
  // The detail rows from the facts; the value rows are counted from them by 2026_12_11_1000, which
  // makes `ranking_value` again with the agency's code (what a page of the unranked agencies reads).
  await db.deleteFrom('ranking_tally').execute()
  await tallyRanking(db, null, 1)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ranking_value').ifExists().execute()
  await db.schema.dropTable('ranking_tally').ifExists().execute()
}
