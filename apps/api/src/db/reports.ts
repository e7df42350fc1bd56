import { PART_IDS, parseReportDocument, type AgencyKind, type AgencyLevel, type Block, type ReportDocument, type TemplateId } from '@gongkai/schema'
import { sha256Hex } from '../auth/password.ts'
import type { Lru } from '../lru.ts'
import { PostgresAdapter, sql, type CompiledQuery, type SelectQueryBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { bigramKey, bigrams } from './bigrams.ts'
import type { Database, Db, WriteDb, Dialect } from './database.ts'
import { writeReportMetrics } from './metrics.ts'
import type { ReportStatus, RevisionKind } from './report.table.ts'

export interface ReportSummary {
  id: string
  agency: { id: string; name: string; code: string; level: string; kind: string; regionCode: string | null }
  year: number
  template: string
  title: string
  status: ReportStatus
  revision: number | null
  /** When the current revision was published (null for drafts). */
  publishedAt: string | null
  updatedAt: string
}

export interface RevisionSummary {
  number: number
  kind: RevisionKind
  note: string
  publishedAt: string
  sha256: string
}

export interface PublishedReport extends ReportSummary {
  revisionInfo: RevisionSummary
  document: ReportDocument
  /** Every published revision, newest first. */
  revisions: RevisionSummary[]
}

function summaryJoin(db: Db) {
  return db
    .selectFrom('report')
    .innerJoin('agency', 'agency.id', 'report.agency_id')
    .leftJoin('revision as cur', (j) => j.onRef('cur.report_id', '=', 'report.id').onRef('cur.number', '=', 'report.current_revision'))
}

function withSummaryColumns(q: ReturnType<typeof summaryJoin>) {
  return q.select([
    'report.id as id',
    'report.year as year',
    'report.template as template',
    'report.title as title',
    'report.status as status',
    'report.current_revision as revision',
    'report.updated_at as updated_at',
    'report.agency_id as agency_id',
    'cur.published_at as published_at',
    'agency.name as agency_name',
    'agency.code as agency_code',
    'agency.level as agency_level',
    'agency.kind as agency_kind',
    'agency.region_code as agency_region',
  ])
}

function summaryQuery(db: Db) {
  return withSummaryColumns(summaryJoin(db))
}

/**
 * The same rows for public reports only. Every one has a current revision, so the join is an
 * inner one (typed as the outer one it equals here), which lets the planner walk revisions by
 * their publication time for sort=recent.
 */
function publicSummaryQuery(db: Db) {
  const inner = db
    .selectFrom('report')
    .innerJoin('agency', 'agency.id', 'report.agency_id')
    .innerJoin('revision as cur', (j) => j.onRef('cur.report_id', '=', 'report.id').onRef('cur.number', '=', 'report.current_revision'))
  return withSummaryColumns(inner as unknown as ReturnType<typeof summaryJoin>)
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number]

function toSummary(r: SummaryRow): ReportSummary {
  return {
    id: r.id,
    agency: { id: r.agency_id, name: r.agency_name, code: r.agency_code, level: r.agency_level, kind: r.agency_kind, regionCode: r.agency_region },
    year: Number(r.year),
    template: r.template,
    title: r.title,
    status: r.status,
    revision: r.revision === null ? null : Number(r.revision),
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  }
}

export type ListSort = 'year' | 'recent'

export interface ReportFilter {
  agency?: string | undefined
  region?: string | undefined
  level?: AgencyLevel | undefined
  kind?: AgencyKind | undefined
  year?: number | undefined
  template?: TemplateId | undefined
  q?: string | undefined
  /** `year` (default: newest year first, then agency) or `recent` (newest publication first). */
  sort?: ListSort
  limit: number
  /** Rows to skip, for old links; small (the route caps it). Ignored with `after`. */
  offset: number
  /** Keyset: start right after this row of the same order (decoded from an opaque cursor). */
  after?: ListPosition | undefined
}

/** Where a row stands in the list's order: its sort keys and its id. */
export type ListPosition = { sort: 'year'; year: number; agencyName: string; id: string } | { sort: 'recent'; publishedAt: string; id: string }

/** A search matching more reports than this walks the list's order on SQLite rather than sort every match. */
const WALK_FROM = 1_000

/** The latest year a report may have (the API refuses later ones). */
const LAST_YEAR = 2100

/** Counts stop here: beyond it the list says "10,000+" rather than scan every row on each page view. */
export const COUNT_BOUND = 10_000

export interface ReportPage {
  items: ReportSummary[]
  /** Exact up to COUNT_BOUND; then COUNT_BOUND, with `totalIsLowerBound`. */
  total: number
  totalIsLowerBound: boolean
  /** Where the next page starts, or null on the last page. */
  next: ListPosition | null
}

/**
 * Region codes are digits (checked at the edge), so "starts with 3301" is the range
 * ['3301', '3301:') — ':' sorts right after '9' — which a plain B-tree index serves on both engines.
 */
function regionUpperBound(prefix: string): string {
  return `${prefix}:`
}

/** LIKE wildcards in user text would widen the search; they are dropped, not escaped (FTS5 cannot use its index with ESCAPE). */
function likeText(s: string): string {
  return s.replace(/[\\%_]/g, '')
}

/**
 * Reports the public may see (published or withdrawn, never drafts), filtered and searched, one
 * page at a time by keyset: a page starts after the last row of the one before, so a deep page
 * costs what the first does. The count stops at COUNT_BOUND.
 */
export async function listPublicReports(db: Db, dialect: Dialect, f: ReportFilter): Promise<ReportPage> {
  const text = f.q === undefined ? undefined : likeText(f.q)
  // Nothing searchable is left (the query was only wildcards): nothing matches.
  if (text === '') return { items: [], total: 0, totalIsLowerBound: false, next: null }
  // The ids of the reports whose text holds `q` (only published reports are in the search index).
  const searchIds = (): SelectQueryBuilder<Database, 'report_search', { id: string }> | undefined => {
    if (text === undefined) return undefined
    // Below a trigram: the bigram index (no scan), with the same matches as LIKE / ILIKE.
    if (isBigramWord(text)) {
      const bigram = db
        .selectFrom('report_bigram')
        .select('report_bigram.report_id as id')
        .where(dialect === 'postgres' ? sql<boolean>`grams @> ${`{${bigramKey(text)}}`}::bigint[]` : sql<boolean>`report_bigram match ${`"${text}"`}`)
      // The same shape from another table: typed as the trigram one for the union's sake.
      return bigram as unknown as SelectQueryBuilder<Database, 'report_search', { id: string }>
    }
    return db
      .selectFrom('report_search')
      .select('report_search.report_id as id')
      .where('report_search.body', dialect === 'postgres' ? 'ilike' : 'like', `%${text}%`)
  }
  const filtered = Boolean(f.year || f.template || f.agency || f.region || f.level || f.kind)
  // The count stops at COUNT_BOUND; with `q` as the only filter it reads the search index alone.
  const bounded = () =>
    filtered || text === undefined
      ? db.selectFrom(db.selectFrom('report').select('report.id').where(where).limit(COUNT_BOUND + 1).as('matching'))
      : db.selectFrom(searchIds()!.limit(COUNT_BOUND + 1).as('matching'))
  let walkOrder = false
  // The filters touch the report row only (agency filters become a subquery on agency), so the
  // count needs no join at all, and the page joins only what its order needs.
  const where = (eb: ExpressionBuilder<Database, 'report'>) => {
    const c: Expression<SqlBool>[] = [eb('report.current_revision', 'is not', null)]
    if (f.year) c.push(eb('report.year', '=', f.year))
    if (f.template) c.push(eb('report.template', '=', f.template))
    if (f.agency || f.region || f.level || f.kind) {
      c.push(
        eb('report.agency_id', 'in', (s) => {
          let a = s.selectFrom('agency').select('agency.id')
          if (f.agency) a = a.where((e) => e.or([e('agency.id', '=', f.agency!), e('agency.code', '=', f.agency!)]))
          if (f.region) a = a.where('agency.region_code', '>=', f.region).where('agency.region_code', '<', regionUpperBound(f.region))
          if (f.level) a = a.where('agency.level', '=', f.level)
          if (f.kind) a = a.where('agency.kind', '=', f.kind)
          return a
        }),
      )
    }
    const ids = searchIds()
    // `+report.id` keeps SQLite from looking each match up by id and sorting them all: it walks
    // the list's order instead and keeps the rows that match (chosen when matches are many).
    if (ids) c.push(eb(walkOrder ? sql<string>`+${sql.ref('report.id')}` : eb.ref('report.id'), 'in', ids))
    return eb.and(c)
  }
  // SQLite counts a search's matches first, to choose the page's plan; PostgreSQL's planner
  // chooses by itself, so there the count runs beside the page.
  const searchCount =
    text === undefined || dialect !== 'sqlite' ? undefined : Number((await bounded().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n)
  walkOrder = searchCount !== undefined && searchCount > WALK_FROM
  const sort: ListSort = f.sort ?? 'year'
  const after = f.after
  // One row more than the page says whether there is a next one.
  const take = f.limit + 1
  const skip = after ? 0 : f.offset
  let positions: ListPosition[]
  if (sort === 'recent') {
    let q = db
      .selectFrom('report')
      .innerJoin('revision as cur', (j) => j.onRef('cur.report_id', '=', 'report.id').onRef('cur.number', '=', 'report.current_revision'))
      .select(['report.id as id', 'cur.published_at as published_at'])
      .where((eb) => where(eb as unknown as ExpressionBuilder<Database, 'report'>))
    if (after?.sort === 'recent') {
      q = q.where((eb) => eb.or([eb('cur.published_at', '<', after.publishedAt), eb.and([eb('cur.published_at', '=', after.publishedAt), eb('report.id', '>', after.id)])]))
    }
    const rows = await q.orderBy('cur.published_at', 'desc').orderBy('report.id').limit(take).offset(skip).execute()
    positions = rows.map((r) => ({ sort: 'recent', publishedAt: r.published_at, id: r.id }))
  } else {
    // The order is the index report_list_order_idx (year desc, agency_name, id; public reports):
    // a page is one range of it, read in order, with no join and no sort.
    const inOrder = (build: (q: ReturnType<typeof yearOrder>) => ReturnType<typeof yearOrder>, n: number, offset = 0) =>
      build(yearOrder()).orderBy('report.year', 'desc').orderBy('report.agency_name').orderBy('report.id').limit(n).offset(offset).execute()
    const yearOrder = () =>
      db
        .selectFrom('report')
        .select(['report.id as id', 'report.year as year', 'report.agency_name as name'])
        .where(where)
    let rows: Awaited<ReturnType<typeof inOrder>>
    if (after?.sort === 'year') {
      // Two ranges of the index, each read in order: the rest of the cursor's year, then the
      // years before it. (One OR of both would not be an index range on SQLite.)
      rows = await inOrder((q) => q.where('report.year', '=', after.year).where((eb) => eb(eb.refTuple('report.agency_name', 'report.id'), '>', eb.tuple(after.agencyName, after.id))), take)
      if (rows.length < take) rows = rows.concat(await inOrder((q) => q.where('report.year', '<', after.year), take - rows.length))
    } else {
      // Always true (years are at most LAST_YEAR): a range on the index's first column.
      rows = await inOrder((q) => q.where('report.year', '<=', LAST_YEAR), take, skip)
    }
    positions = rows.map((r) => ({ sort: 'year', year: Number(r.year), agencyName: r.name, id: r.id }))
  }
  const page = positions.slice(0, f.limit)
  // The page's rows in full: a primary-key lookup each.
  const [rows, n] = await Promise.all([
    page.length ? publicSummaryQuery(db).where('report.id', 'in', page.map((p) => p.id)).execute() : Promise.resolve([]),
    searchCount ?? bounded().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ])
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]))
  const items = page.map((p) => byId.get(p.id)).filter((r): r is ReportSummary => r !== undefined)
  return { items, total: Math.min(n, COUNT_BOUND), totalIsLowerBound: n > COUNT_BOUND, next: positions.length > f.limit ? page.at(-1)! : null }
}

/** Every report of the given agencies (all when `agencyIds` is null), drafts included. */
export async function listReportsForAdmin(db: Db, agencyIds: string[] | null): Promise<ReportSummary[]> {
  let q = summaryQuery(db)
  if (agencyIds !== null) {
    if (agencyIds.length === 0) return []
    q = q.where('report.agency_id', 'in', agencyIds)
  }
  const rows = await q.orderBy('report.year', 'desc').orderBy('agency.name').execute()
  return rows.map(toSummary)
}

export async function getReportSummary(db: Db, id: string): Promise<ReportSummary | undefined> {
  const row = await summaryQuery(db).where('report.id', '=', id).executeTakeFirst()
  return row ? toSummary(row) : undefined
}

export async function getWithdrawnReason(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('report').select('withdrawn_reason').where('id', '=', id).executeTakeFirst()
  return row?.withdrawn_reason ?? null
}

/** The parsed document of a published revision; immutable, so cached by report and number. */
export async function revisionDocument(db: Db, reportId: string, number: number, cache?: Lru<string, ReportDocument>): Promise<ReportDocument | undefined> {
  const load = async () => {
    const rev = await getRevision(db, reportId, number)
    return rev ? parseReportDocument(JSON.parse(rev.documentJson)) : undefined
  }
  if (!cache) return load()
  const key = `${reportId}:${number}`
  const hit = cache.get(key)
  if (hit) return hit
  const doc = await load()
  if (doc) cache.set(key, doc)
  return doc
}

/**
 * Everything a public read of a report depends on, in one indexed statement: the summary row,
 * why it was withdrawn, the current revision's hash, and which revision of the same agency's
 * report for the year before is current (its checks and comparison depend on it). Public
 * responses are derived from this row only, so it is also their ETag.
 */
export interface ReportHead {
  summary: ReportSummary
  withdrawnReason: string | null
  /** The SHA-256 of the current revision's stored JSON (null for a report never published). */
  sha256: string | null
  previous: { reportId: string; number: number } | null
}

function headQuery(db: Db, id: string) {
  return summaryQuery(db)
    .select((eb) => [
      'report.withdrawn_reason as withdrawn_reason',
      'cur.sha256 as sha256',
      eb
        .selectFrom('report as prev')
        .select('prev.id')
        .whereRef('prev.agency_id', '=', 'report.agency_id')
        .where((p) => p('prev.year', '=', p(p.ref('report.year'), '-', 1)))
        .where('prev.status', '=', 'published')
        .as('prev_id'),
      eb
        .selectFrom('report as prev')
        .select('prev.current_revision')
        .whereRef('prev.agency_id', '=', 'report.agency_id')
        .where((p) => p('prev.year', '=', p(p.ref('report.year'), '-', 1)))
        .where('prev.status', '=', 'published')
        .as('prev_revision'),
    ])
    .where('report.id', '=', id)
}

type HeadRow = Awaited<ReturnType<ReturnType<typeof headQuery>['execute']>>[number]

/** Stands for the id in the head query compiled once per database (never a real id: it holds NUL). */
const HEAD_ID = '\u0000report-id'
const compiledHeads = new WeakMap<Db, CompiledQuery<HeadRow>>()

export async function getReportHead(db: Db, id: string): Promise<ReportHead | undefined> {
  // The hottest query of the public site: built and compiled once, then run with the id.
  let compiled = compiledHeads.get(db)
  if (!compiled) {
    compiled = headQuery(db, HEAD_ID).compile()
    compiledHeads.set(db, compiled)
  }
  const { rows } = await db.executeQuery<HeadRow>({ ...compiled, parameters: compiled.parameters.map((p) => (p === HEAD_ID ? id : p)) })
  const row = rows[0]
  if (!row) return undefined
  const previous = row.prev_id && row.prev_revision !== null && row.prev_revision !== undefined ? { reportId: row.prev_id, number: Number(row.prev_revision) } : null
  return { summary: toSummary(row), withdrawnReason: row.withdrawn_reason, sha256: row.sha256 ?? null, previous }
}

/** The current published revision of a report, or undefined for drafts and unknown ids. */
export async function getPublishedReport(db: Db, id: string, cache?: Lru<string, ReportDocument>): Promise<PublishedReport | undefined> {
  const summary = await getReportSummary(db, id)
  return summary ? publishedReportOf(db, summary, cache) : undefined
}

/** The current published revision for a summary already read (no second read of the row). */
export async function publishedReportOf(db: Db, summary: ReportSummary, cache?: Lru<string, ReportDocument>): Promise<PublishedReport | undefined> {
  const id = summary.id
  if (summary.revision === null || summary.status !== 'published') return undefined
  const [revs, document] = await Promise.all([listRevisions(db, id), revisionDocument(db, id, summary.revision, cache)])
  const revisionInfo = revs.find((r) => r.number === summary.revision)
  if (!revisionInfo || !document) return undefined
  return { ...summary, revisionInfo, document, revisions: revs }
}

/** Published revisions, newest first. Drafts are not revisions. */
export async function listRevisions(db: Db, reportId: string): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('revision')
    .select(['number', 'kind', 'note', 'published_at', 'sha256'])
    .where('report_id', '=', reportId)
    .orderBy('number', 'desc')
    .execute()
  return rows.map((r) => ({ number: Number(r.number), kind: r.kind, note: r.note, publishedAt: r.published_at, sha256: r.sha256 }))
}

/** One published revision, its JSON text exactly as stored. */
export async function getRevision(db: Db, reportId: string, number: number) {
  const row = await db
    .selectFrom('revision')
    .select(['number', 'kind', 'note', 'published_at', 'sha256', 'document'])
    .where('report_id', '=', reportId)
    .where('number', '=', number)
    .executeTakeFirst()
  return row
    ? { number: Number(row.number), kind: row.kind, note: row.note, publishedAt: row.published_at, sha256: row.sha256, documentJson: row.document }
    : undefined
}

/** The same agency's published report for the year before: which revision is current. */
export async function previousYearRevision(db: Db, agencyId: string, year: number): Promise<{ reportId: string; number: number } | undefined> {
  const row = await db
    .selectFrom('report')
    .select(['id', 'current_revision'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year - 1)
    .where('status', '=', 'published')
    .executeTakeFirst()
  return row && row.current_revision !== null ? { reportId: row.id, number: Number(row.current_revision) } : undefined
}

/** The current published document of the same agency for the year before, if any. */
export async function findPreviousYearDocument(db: Db, agencyId: string, year: number, cache?: Lru<string, ReportDocument>): Promise<ReportDocument | undefined> {
  const prev = await previousYearRevision(db, agencyId, year)
  return prev ? revisionDocument(db, prev.reportId, prev.number, cache) : undefined
}

export async function countReports(db: Db): Promise<number> {
  const row = await db.selectFrom('report').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findReportByAgencyYear(db: Db, agencyId: string, year: number): Promise<string | undefined> {
  const row = await db.selectFrom('report').select('id').where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst()
  return row?.id
}

// ---------------------------------------------------------------------------------------------
// The public list's version (its ETag's source).

/** The list's version now: one primary-key lookup. */
export async function listVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('list_version').select('n').where('id', '=', 'reports').executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Count a change the public list can show; part of the same write batch as the change. */
async function bumpListVersion(db: WriteDb): Promise<void> {
  await db
    .updateTable('list_version')
    .set((eb) => ({ n: eb('n', '+', 1) }))
    .where('id', '=', 'reports')
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Search index: the current published text of each public report.

function blockText(b: Block): string {
  return b.type === 'list' ? b.items.join('\n') : b.text
}

export function searchBody(doc: ReportDocument): string {
  return [doc.agency.name, doc.title, ...doc.preamble.map(blockText), ...PART_IDS.flatMap((p) => doc.parts[p].map(blockText))].join('\n')
}

/** Rebuild the search index and the metrics of every public report from its current revision. */
export async function reindexAll(db: Db, progress?: (done: number, total: number) => Promise<void>): Promise<number> {
  const rows = await db.selectFrom('report').select(['id', 'current_revision', 'status']).execute()
  let done = 0
  for (const r of rows) {
    const doc = r.current_revision !== null && r.status === 'published' ? await revisionDocument(db, r.id, Number(r.current_revision)) : null
    await indexReport(db, r.id, doc ?? null)
    await writeReportMetrics(db, r.id, doc ?? null)
    done++
    if (progress && done % 50 === 0) await progress(done, rows.length)
  }
  await bumpListVersion(db)
  await progress?.(done, rows.length)
  return done
}

async function indexReport(db: WriteDb, reportId: string, doc: ReportDocument | null): Promise<void> {
  await db.deleteFrom('report_search').where('report_id', '=', reportId).execute()
  await db.deleteFrom('report_bigram').where('report_id', '=', reportId).execute()
  if (doc) await insertSearchRows(db, [{ report_id: reportId, body: searchBody(doc) }])
}

/** Index reports' text for search: the trigram index and the bigram one (migration 2026_12_03_1200). */
export async function insertSearchRows(db: WriteDb, rows: Array<{ report_id: string; body: string }>): Promise<void> {
  if (rows.length === 0) return
  // PostgreSQL keeps the bigrams as integers (bigint[] under GIN); FTS5 as words.
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const grams = (body: string) => (pg ? `{${bigrams(body).map(bigramKey).join(',')}}` : bigrams(body).join(' '))
  await db.insertInto('report_search').values(rows).execute()
  await db
    .insertInto('report_bigram')
    .values(rows.map((r) => ({ report_id: r.report_id, grams: grams(r.body) })))
    .execute()
}

/** A word of two caseless characters (Chinese characters, digits): one bigram, which the bigram index answers exactly. */
function isBigramWord(text: string): boolean {
  return [...text].length === 2 && bigrams(text).length === 1
}

// ---------------------------------------------------------------------------------------------
// Drafts and publishing. A published revision is written once and never updated.

/**
 * The most JSON a stored document may take: about ten times a long real report, and safely under
 * what D1 accepts in one value (it refuses a value of a million characters with SQLITE_TOOBIG).
 * The same limit on every engine, so a document is never storable on one and not another.
 */
export const MAX_DOCUMENT_CHARS = 500_000

export class DocumentTooLarge extends Error {
  constructor(readonly chars: number) {
    super(`document of ${chars} characters; at most ${MAX_DOCUMENT_CHARS}`)
  }
}

/** The document as stored; refuses one over the limit before anything is written. */
export function storableJson(doc: ReportDocument): string {
  const json = JSON.stringify(doc)
  if (json.length > MAX_DOCUMENT_CHARS) throw new DocumentTooLarge(json.length)
  return json
}

/**
 * The agency's name as the report row keeps it for the list's order: read from the agency row
 * inside the same statement, so it holds in a write batch (where nothing can be read first).
 */
function agencyNameOf(agencyId: string | ((eb: ExpressionBuilder<Database, 'report'>) => Expression<string>)) {
  return (eb: ExpressionBuilder<Database, 'report'>) =>
    eb
      .selectFrom('agency')
      .select('agency.name')
      .where('agency.id', '=', typeof agencyId === 'string' ? agencyId : agencyId(eb))
}

export async function createDraftReport(db: WriteDb, input: { agencyId: string; document: ReportDocument; at: Date }): Promise<string> {
  const id = crypto.randomUUID()
  const at = input.at.toISOString()
  await db
    .insertInto('report')
    .values({
      id,
      agency_id: input.agencyId,
      agency_name: agencyNameOf(input.agencyId),
      year: input.document.year,
      template: input.document.template,
      title: input.document.title,
      status: 'draft',
      current_revision: null,
      draft_document: storableJson(input.document),
      draft_version: 1,
      withdrawn_reason: null,
      created_at: at,
      updated_at: at,
    })
    .execute()
  return id
}

export interface Draft {
  reportId: string
  agencyId: string
  status: ReportStatus
  currentRevision: number | null
  version: number
  /** The working copy; for a published report without one, its current revision. */
  document: ReportDocument | null
  hasDraft: boolean
}

export async function getDraft(db: Db, reportId: string): Promise<Draft | undefined> {
  const row = await db
    .selectFrom('report')
    .select(['id', 'agency_id', 'status', 'current_revision', 'draft_document', 'draft_version'])
    .where('id', '=', reportId)
    .executeTakeFirst()
  if (!row) return undefined
  let document: ReportDocument | null = row.draft_document ? parseReportDocument(JSON.parse(row.draft_document)) : null
  if (!document && row.current_revision !== null) {
    const rev = await getRevision(db, reportId, Number(row.current_revision))
    document = rev ? parseReportDocument(JSON.parse(rev.documentJson)) : null
  }
  return {
    reportId: row.id,
    agencyId: row.agency_id,
    status: row.status,
    currentRevision: row.current_revision === null ? null : Number(row.current_revision),
    version: Number(row.draft_version),
    document,
    hasDraft: row.draft_document !== null,
  }
}

/**
 * Save the working copy over `version`. Record it in a WriteBatch that `expectRow`s the same
 * version (optimistic concurrency: a stale save aborts the batch and the caller answers 409).
 */
export async function saveDraft(db: WriteDb, reportId: string, version: number, doc: ReportDocument, at: Date): Promise<number> {
  await db
    .updateTable('report')
    // The row's title and template are what lists show: a draft's only while nothing is
    // published; a published report keeps its published title until a correction is published.
    .set((eb) => ({
      draft_document: storableJson(doc),
      draft_version: version + 1,
      title: eb.case().when('current_revision', 'is', null).then(doc.title).else(eb.ref('title')).end(),
      template: eb.case().when('current_revision', 'is', null).then(doc.template).else(eb.ref('template')).end(),
      updated_at: at.toISOString(),
    }))
    .where('id', '=', reportId)
    .where('draft_version', '=', version)
    .execute()
  // The admin's lists show a draft's title.
  await bumpListVersion(db)
  return version + 1
}

/** Throw away the working copy; a report never published goes with it. Record it in a batch that checks `version`. */
export async function discardDraft(db: WriteDb, reportId: string, version: number, published: boolean, at: Date): Promise<'deleted' | 'discarded'> {
  if (!published) {
    await db.deleteFrom('report').where('id', '=', reportId).where('draft_version', '=', version).execute()
    return 'deleted'
  }
  await db
    .updateTable('report')
    .set({ draft_document: null, draft_version: version + 1, updated_at: at.toISOString() })
    .where('id', '=', reportId)
    .where('draft_version', '=', version)
    .execute()
  await bumpListVersion(db)
  return 'discarded'
}

/** `agency_name = (select name from agency where id = report.agency_id)`, for updates of the report row. */
const fromAgencyRow = agencyNameOf((eb) => eb.ref('report.agency_id'))

/** Write a revision row, once: the document text as stored here is what the public gets, always. */
async function insertRevision(
  db: WriteDb,
  r: { reportId: string; number: number; kind: RevisionKind; note: string; acknowledgement: string | null; authorId: string | null; at: string; document: ReportDocument },
): Promise<void> {
  const json = storableJson(r.document)
  await db
    .insertInto('revision')
    .values({
      id: crypto.randomUUID(),
      report_id: r.reportId,
      number: r.number,
      kind: r.kind,
      note: r.note,
      author_id: r.authorId,
      published_at: r.at,
      document: json,
      sha256: await sha256Hex(json),
      acknowledgement: r.acknowledgement,
    })
    .execute()
}

/**
 * Publish the working copy as revision `number` (the current one plus one). Record it in a
 * WriteBatch that `expectRow`s the version and current revision the caller read: the revision
 * row, the report pointer and the search index change together or not at all.
 */
export async function publishDraft(
  db: WriteDb,
  input: { reportId: string; number: number; version: number; document: ReportDocument; kind: RevisionKind; note: string; acknowledgement: string | null; authorId: string; at: Date },
): Promise<number> {
  const at = input.at.toISOString()
  await insertRevision(db, { reportId: input.reportId, number: input.number, kind: input.kind, note: input.note, acknowledgement: input.acknowledgement, authorId: input.authorId, at, document: input.document })
  await db
    .updateTable('report')
    .set({
      status: 'published',
      current_revision: input.number,
      draft_document: null,
      draft_version: input.version + 1,
      title: input.document.title,
      template: input.document.template,
      withdrawn_reason: null,
      agency_name: fromAgencyRow,
      updated_at: at,
    })
    .where('id', '=', input.reportId)
    .where('draft_version', '=', input.version)
    .execute()
  await indexReport(db, input.reportId, input.document)
  await writeReportMetrics(db, input.reportId, input.document)
  await bumpListVersion(db)
  return input.number
}

export async function withdrawReport(db: WriteDb, reportId: string, reason: string, at: Date): Promise<void> {
  await db
    .updateTable('report')
    .set({ status: 'withdrawn', withdrawn_reason: reason, agency_name: fromAgencyRow, updated_at: at.toISOString() })
    .where('id', '=', reportId)
    .execute()
  await indexReport(db, reportId, null)
  await writeReportMetrics(db, reportId, null)
  await bumpListVersion(db)
}

/**
 * Store a report that is already public elsewhere (sample data, an archive) as its first
 * published revision.
 */
export async function insertPublishedReport(
  db: WriteDb,
  input: { agencyId: string; document: ReportDocument; note: string; authorId: string | null; at: Date },
): Promise<string> {
  const id = await createDraftReport(db, input)
  await insertRevision(db, { reportId: id, number: 1, kind: 'first', note: input.note, acknowledgement: null, authorId: input.authorId, at: input.at.toISOString(), document: input.document })
  await db.updateTable('report').set({ status: 'published', current_revision: 1, draft_document: null, draft_version: 2, agency_name: fromAgencyRow }).where('id', '=', id).execute()
  await indexReport(db, id, input.document)
  await writeReportMetrics(db, id, input.document)
  await bumpListVersion(db)
  return id
}

// ---------------------------------------------------------------------------------------------
// The Atom feed: publications and corrections, newest first.

export interface FeedEntry {
  reportId: string
  number: number
  kind: RevisionKind
  note: string
  publishedAt: string
  title: string
  year: number
  agencyName: string
}

/**
 * What the feed depends on, from two index lookups in one statement: the latest publication and
 * the latest change to any report (a withdrawal removes entries; a title shows in them).
 */
export async function feedHead(db: Db): Promise<{ lastPublished: string | null; lastUpdated: string | null }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('revision').select((e) => e.fn.max('revision.published_at').as('m')).as('last_published'),
      eb.selectFrom('report').select((e) => e.fn.max('report.updated_at').as('m')).as('last_updated'),
    ])
    .executeTakeFirstOrThrow()
  return { lastPublished: (row.last_published as string | null) ?? null, lastUpdated: (row.last_updated as string | null) ?? null }
}

export async function listFeedEntries(db: Db, f: { agency?: string | undefined; region?: string | undefined; limit: number }): Promise<FeedEntry[]> {
  let q = db
    .selectFrom('revision')
    .innerJoin('report', 'report.id', 'revision.report_id')
    .innerJoin('agency', 'agency.id', 'report.agency_id')
    .select(['revision.report_id', 'revision.number', 'revision.kind', 'revision.note', 'revision.published_at', 'report.title', 'report.year', 'agency.name as agency_name'])
    .where('report.status', '=', 'published')
  if (f.agency) q = q.where((eb) => eb.or([eb('agency.id', '=', f.agency!), eb('agency.code', '=', f.agency!)]))
  if (f.region) q = q.where('agency.region_code', '>=', f.region).where('agency.region_code', '<', regionUpperBound(f.region))
  const rows = await q.orderBy('revision.published_at', 'desc').orderBy('revision.number', 'desc').limit(f.limit).execute()
  return rows.map((r) => ({
    reportId: r.report_id,
    number: Number(r.number),
    kind: r.kind,
    note: r.note,
    publishedAt: r.published_at,
    title: r.title,
    year: Number(r.year),
    agencyName: r.agency_name,
  }))
}
