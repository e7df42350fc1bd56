import type { Db } from './database.ts'
import type { RevisionKind } from './report.table.ts'
import { regionUpperBound } from './reports-list.ts'

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
      eb
        .selectFrom('revision')
        .select((e) => e.fn.max('revision.published_at').as('m'))
        .as('last_published'),
      eb
        .selectFrom('report')
        .select((e) => e.fn.max('report.updated_at').as('m'))
        .as('last_updated'),
    ])
    .executeTakeFirstOrThrow()
  return { lastPublished: (row.last_published as string | null) ?? null, lastUpdated: (row.last_updated as string | null) ?? null }
}

export async function listFeedEntries(
  db: Db,
  f: { agency?: string | undefined; region?: string | undefined; limit: number },
): Promise<FeedEntry[]> {
  let q = db
    .selectFrom('revision')
    .innerJoin('report', 'report.id', 'revision.report_id')
    .innerJoin('agency', 'agency.id', 'report.agency_id')
    .select([
      'revision.report_id',
      'revision.number',
      'revision.kind',
      'revision.note',
      'revision.published_at',
      'report.title',
      'report.year',
      'agency.name as agency_name',
    ])
    .where('report.status', '=', 'published')
  const agency = f.agency
  if (agency) q = q.where((eb) => eb.or([eb('agency.id', '=', agency), eb('agency.code', '=', agency)]))
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
