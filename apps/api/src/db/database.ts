import type { DialectAdapter, Kysely, Transaction } from 'kysely'
import type { AgencyTable } from './agency.table.ts'
import type { AuditLogTable } from './audit-log.table.ts'
import type { JobFileTable, JobTable } from './job.table.ts'
import type { LoginAttemptTable, MembershipTable, SessionTable, UserTable } from './user.table.ts'
import type { AgencyTallyTable, ComplianceTallyTable } from './compliance-tally.table.ts'
import type { MetricTallyTable } from './metric-tally.table.ts'
import type { StatsTallyTable } from './stats-tally.table.ts'
import type { RankingTallyTable, RankingValueTable } from './ranking-tally.table.ts'
import type { RegionValueTable } from './region-value.table.ts'
import type { ReportMetricTable, UnknownFactTable } from './report-metric.table.ts'
import type {
  ListVersionTable,
  ReportBigramTable,
  ReportCellsTable,
  ReportSearchKeyTable,
  ReportSearchTable,
  ReportTable,
  RevisionTable,
} from './report.table.ts'

export interface Database {
  agency: AgencyTable
  app_user: UserTable
  membership: MembershipTable
  session: SessionTable
  report: ReportTable
  revision: RevisionTable
  audit_log: AuditLogTable
  report_search: ReportSearchTable
  login_attempt: LoginAttemptTable
  job: JobTable
  job_file: JobFileTable
  report_metric: ReportMetricTable
  unknown_fact: UnknownFactTable
  list_version: ListVersionTable
  report_bigram: ReportBigramTable
  report_search_key: ReportSearchKeyTable
  report_cells: ReportCellsTable
  metric_tally: MetricTallyTable
  compliance_tally: ComplianceTallyTable
  agency_tally: AgencyTallyTable
  stats_tally: StatsTallyTable
  ranking_tally: RankingTallyTable
  ranking_value: RankingValueTable
  region_value: RegionValueTable
}

export type Dialect = 'sqlite' | 'postgres'

/** Query functions take either the database or a transaction; the route chooses. */
export type Db = Kysely<Database> | Transaction<Database>

/**
 * What a write-only function may use: statements that change rows, and which engine it is
 * (to shape what it writes). A write batch records statements and cannot answer a read, so a
 * read written against this type does not compile. The database and a transaction are one too.
 */
export interface WriteDb extends Pick<Kysely<Database>, 'insertInto' | 'updateTable' | 'deleteFrom'> {
  getExecutor(): { readonly adapter: DialectAdapter }
}
