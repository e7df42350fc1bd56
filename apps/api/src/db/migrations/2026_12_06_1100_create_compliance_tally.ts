import type { Kysely } from 'kysely'
import { refillComplianceTally } from '../compliance-tally.ts'

// The board's counts kept by region prefix (db/compliance-tally.ts): the reports of each year by
// status, first publication on time or late, and corrected; the registry's agencies. Kept in the
// same write batch as publish, correct, withdraw and a new agency; filled here from the tables.
// Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('compliance_tally')
    .ifNotExists()
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('first_key', 'text', (c) => c.notNull())
    .addColumn('corrected', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_tally_pk', ['year', 'prefix', 'sub', 'kind', 'status', 'first_key', 'corrected'])
    .execute()
  await db.schema
    .createTable('agency_tally')
    .ifNotExists()
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('agency_tally_pk', ['prefix', 'sub', 'kind'])
    .execute()
  // A region summary's consolidation: each government's departments (db/compliance.ts governmentsWithDepartments).
  await db.schema.createIndex('agency_parent_idx').ifNotExists().on('agency').columns(['parent_id', 'region_code']).execute()
  await refillComplianceTally(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('agency_parent_idx').ifExists().execute()
  await db.schema.dropTable('agency_tally').execute()
  await db.schema.dropTable('compliance_tally').execute()
}
