import type { AgencyKind, AgencyLevel, TemplateId } from '@gongkai/schema'
import { sql, type CompiledQuery, type SelectQueryBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { bigramKey, bigrams, uncased } from './bigrams.ts'
import type { Database, Db, WriteDb, Dialect } from './database.ts'
import type { ReportSummary } from '@gongkai/schema/api'
import { changeMark } from './change-mark.ts'

// The lists of reports (public, searched, paged by keyset; the admin's), the summary row they
// show, and the public list's version.

export type { ReportSummary }

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

export function summaryQuery(db: Db) {
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

export function toSummary(r: SummaryRow): ReportSummary {
  return {
    id: r.id,
    agency: {
      id: r.agency_id,
      name: r.agency_name,
      code: r.agency_code,
      level: r.agency_level,
      kind: r.agency_kind,
      regionCode: r.agency_region,
    },
    year: Number(r.year),
    template: r.template,
    title: r.title,
    status: r.status,
    revision: r.revision === null ? null : Number(r.revision),
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  } satisfies ReportSummary
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
export type ListPosition =
  { sort: 'year'; year: number; agencyName: string; id: string } | { sort: 'recent'; publishedAt: string; id: string }

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
export function regionUpperBound(prefix: string): string {
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
  // The reports whose text holds `q` (only published reports are in the search index).
  // PostgreSQL: their ids, from the trigram table (ILIKE under pg_trgm; LIKE for text without
  // case, which finds the same) or, for a word of two caseless characters, the bigram table
  // (GIN). SQLite and D1: their keys, the rowids of the FTS5 tables (db/search-index.ts): the
  // index alone answers, no row of its content is read.
  const searchIds = (): SelectQueryBuilder<Database, 'report_search', { id: string }> | undefined => {
    if (text === undefined) return undefined
    // Below a trigram: the bigram index (no scan), with the same matches as ILIKE.
    if (isBigramWord(text))
      return db
        .selectFrom('report_bigram')
        .select('report_bigram.report_id as id')
        .where(sql<boolean>`grams @> ${`{${bigramKey(text)}}`}::bigint[]`) as unknown as SelectQueryBuilder<
        Database,
        'report_search',
        { id: string }
      >
    return db
      .selectFrom('report_search')
      .select('report_search.report_id as id')
      .where('report_search.body', uncased(text) ? 'like' : 'ilike', `%${text}%`)
  }
  const searchKeys = (): SelectQueryBuilder<Database, 'report_search', { key: number }> | undefined => {
    if (text === undefined) return undefined
    // A quoted phrase is the text as the tokenizer cuts it: trigrams (or bigrams) at consecutive
    // places, which is the text itself, found as LIKE finds it (and letters in any case).
    const phrase = `"${text.replaceAll('"', '""')}"`
    if (isBigramWord(text))
      return db
        .selectFrom('report_bigram')
        .select('report_bigram.rowid as key')
        .where(sql<boolean>`report_bigram match ${phrase}`) as unknown as SelectQueryBuilder<Database, 'report_search', { key: number }>
    const trigrams = db.selectFrom('report_search').select('report_search.rowid as key')
    // Shorter than a trigram (and not one bigram): LIKE, which FTS5 answers by reading every row.
    return [...text].length >= 3
      ? trigrams.where(sql<boolean>`report_search match ${phrase}`)
      : trigrams.where('report_search.body', 'like', `%${text}%`)
  }
  /** Whether the report's text holds `q`: `walk` when the list's order is walked and each row tested (many matches). */
  const matches = (eb: ExpressionBuilder<Database, 'report'>, walk: boolean): Expression<SqlBool> | undefined => {
    if (dialect === 'postgres') {
      const ids = searchIds()
      return ids && eb('report.id', 'in', ids)
    }
    const keys = searchKeys()
    if (!keys) return undefined
    // Many matches: each row of the list's order looks its key up by id and tests it against the
    // matches' keys (read once); `report.id in (…)` would read every match's id first.
    if (walk) return eb(eb.selectFrom('report_search_key as k').select('k.key').whereRef('k.report_id', '=', 'report.id'), 'in', keys)
    // Few: the matches drive, each report looked up by its id.
    return eb('report.id', 'in', eb.selectFrom('report_search_key as k').select('k.report_id').where('k.key', 'in', keys))
  }
  const filtered = Boolean(f.year || f.template || f.agency || f.region || f.level || f.kind)
  // The count stops at COUNT_BOUND; with `q` as the only filter it reads the search index alone.
  const bounded = () => {
    const ids = filtered ? undefined : dialect === 'postgres' ? searchIds() : searchKeys()
    return ids
      ? db.selectFrom((ids as SelectQueryBuilder<Database, 'report_search', object>).limit(COUNT_BOUND + 1).as('matching'))
      : db.selectFrom(
          db
            .selectFrom('report')
            .select('report.id')
            .where(where)
            .limit(COUNT_BOUND + 1)
            .as('matching'),
        )
  }
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
          const agency = f.agency
          if (agency) a = a.where((e) => e.or([e('agency.id', '=', agency), e('agency.code', '=', agency)]))
          if (f.region) a = a.where('agency.region_code', '>=', f.region).where('agency.region_code', '<', regionUpperBound(f.region))
          if (f.level) a = a.where('agency.level', '=', f.level)
          if (f.kind) a = a.where('agency.kind', '=', f.kind)
          return a
        }),
      )
    }
    const m = matches(eb, walkOrder)
    if (m) c.push(m)
    return eb.and(c)
  }
  // SQLite counts a search's matches first, to choose the page's plan; PostgreSQL's planner
  // chooses by itself, so there the count runs beside the page.
  const searchCount =
    text === undefined || dialect !== 'sqlite'
      ? undefined
      : Number(
          (
            await bounded()
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
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
      q = q.where((eb) =>
        eb.or([
          eb('cur.published_at', '<', after.publishedAt),
          eb.and([eb('cur.published_at', '=', after.publishedAt), eb('report.id', '>', after.id)]),
        ]),
      )
    }
    const rows = await q.orderBy('cur.published_at', 'desc').orderBy('report.id').limit(take).offset(skip).execute()
    positions = rows.map((r) => ({ sort: 'recent', publishedAt: r.published_at, id: r.id }))
  } else {
    // The order is the index report_list_order_idx (year desc, agency_name, id; public reports):
    // a page is one range of it, read in order, with no join and no sort.
    const inOrder = (build: (q: ReturnType<typeof yearOrder>) => ReturnType<typeof yearOrder>, n: number, offset = 0) =>
      build(yearOrder()).orderBy('report.year', 'desc').orderBy('report.agency_name').orderBy('report.id').limit(n).offset(offset).execute()
    const yearOrder = () =>
      db.selectFrom('report').select(['report.id as id', 'report.year as year', 'report.agency_name as name']).where(where)
    let rows: Awaited<ReturnType<typeof inOrder>>
    if (after?.sort === 'year') {
      // Two ranges of the index, each read in order: the rest of the cursor's year, then the
      // years before it. (One OR of both would not be an index range on SQLite.)
      rows = await inOrder(
        (q) =>
          q
            .where('report.year', '=', after.year)
            .where((eb) => eb(eb.refTuple('report.agency_name', 'report.id'), '>', eb.tuple(after.agencyName, after.id))),
        take,
      )
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
    page.length
      ? publicSummaryQuery(db)
          .where(
            'report.id',
            'in',
            page.map((p) => p.id),
          )
          .execute()
      : Promise.resolve([]),
    searchCount ??
      bounded()
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
  ])
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]))
  const items = page.map((p) => byId.get(p.id)).filter((r): r is ReportSummary => r !== undefined)
  return {
    items,
    total: Math.min(n, COUNT_BOUND),
    totalIsLowerBound: n > COUNT_BOUND,
    next: positions.length > f.limit ? (page.at(-1) ?? null) : null,
  }
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

export async function countReports(db: Db): Promise<number> {
  const row = await db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow()
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
  return versionOf(db, 'reports')
}

/** The two version reads, built and compiled once per database: they run on every public read. */
const compiledVersions = new WeakMap<Db, Map<string, CompiledQuery<{ n: number | string }>>>()

/** Versions read, per database, with the change mark read before each (SQLite only: change-mark.ts). */
const keptVersions = new WeakMap<Db, Map<string, { mark: string; n: number }>>()

async function versionOf(db: Db, id: 'reports' | 'across'): Promise<number> {
  // Where the database says nothing changed since the version was read, it is the same.
  const mark = changeMark(db)
  const kept = mark === undefined ? undefined : keptVersions.get(db)?.get(id)
  if (kept && kept.mark === mark) return kept.n
  const n = await readVersion(db, id)
  if (mark !== undefined) {
    let byId = keptVersions.get(db)
    if (!byId) keptVersions.set(db, (byId = new Map()))
    byId.set(id, { mark, n })
  }
  return n
}

async function readVersion(db: Db, id: 'reports' | 'across'): Promise<number> {
  let byId = compiledVersions.get(db)
  if (!byId) compiledVersions.set(db, (byId = new Map()))
  let compiled = byId.get(id)
  if (!compiled) {
    compiled = db.selectFrom('list_version').select('n').where('id', '=', id).compile()
    byId.set(id, compiled)
  }
  const { rows } = await db.executeQuery(compiled)
  return Number(rows[0]?.n ?? 0)
}

/** Count a change the public list can show; part of the same write batch as the change. */
export async function bumpListVersion(db: WriteDb): Promise<void> {
  await db
    .updateTable('list_version')
    .set((eb) => ({ n: eb('n', '+', 1) }))
    .where('id', '=', 'reports')
    .execute()
}

/**
 * The version of what the public reads across reports (stats, region summaries, the compliance
 * board): one primary-key lookup. It counts every change those can show (migration
 * 2026_12_05_1000_create_across_version).
 */
export async function acrossVersion(db: Db): Promise<number> {
  return versionOf(db, 'across')
}

/** Count a change the stats, summaries or board can show; part of the same write batch as the change. */
export async function bumpAcrossVersion(db: WriteDb): Promise<void> {
  await db
    .updateTable('list_version')
    .set((eb) => ({ n: eb('n', '+', 1) }))
    .where('id', '=', 'across')
    .execute()
}

/** A word of two caseless characters (Chinese characters, digits): one bigram, which the bigram index answers exactly. */
function isBigramWord(text: string): boolean {
  return [...text].length === 2 && bigrams(text).length === 1
}
