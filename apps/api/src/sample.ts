import { importText } from '@gongkai/importer'
import { SAMPLE_AGENCIES, sampleReports } from '@gongkai/schema'
import type { Kysely } from 'kysely'
import type { Database, Dialect } from './db/database.ts'
import { agencyRef, listAgencies, insertAgency } from './db/agencies.ts'
import { commit, transactionRunner, WriteBatch, type BatchRunner } from './db/write-batch.ts'
import { insertPublishedReport } from './db/drafts.ts'
import { countReports } from './db/reports-list.ts'

// Sample data for a new site: the real seed report (its tables were lost in the scrape, so they
// stay "not given in the source") and the fictional 示例 agencies with several years of
// consistent reports in both templates. Loaded only into an empty database, in one batch.
// Runtime-neutral: the caller gives the seed's text (Node reads the fixture file; the worker
// bundles it as a text module).

const HANGZHOU = {
  name: '杭州市人民政府',
  code: '330100',
  level: 'city',
  kind: 'government',
  regionCode: '330100',
  parentId: null,
} as const
const SPB = { name: '杭州市行政审批服务管理办公室', code: '330100-spb', level: 'city', kind: 'department', regionCode: '330100' } as const

/**
 * When the seed was published. The scraped page carries no date, so it gets the date a department
 * publishes by: its 2020 report on 20 January 2021, as the samples are dated, never the day the
 * sample data happened to be loaded.
 */
export const seedPublishedAt = (year: number) => new Date(`${year + 1}-01-20T02:00:00Z`)

export interface SampleStore {
  db: Kysely<Database>
  dialect: Dialect
  batch?: BatchRunner
}

export async function loadSampleData(store: SampleStore, now: Date, seed: string): Promise<{ loaded: boolean; reports: number }> {
  if ((await countReports(store.db)) > 0) return { loaded: false, reports: 0 }
  // Agencies that exist already (made by hand before the samples) are reused, by code.
  const ids = new Map((await listAgencies(store.db)).map((a) => [a.code, a.id]))
  const w = new WriteBatch(store.dialect)
  const agency = async (code: string, row: Parameters<typeof insertAgency>[1]) => {
    const known = ids.get(code)
    if (known !== undefined) return known
    const id = await insertAgency(w.db, row, now)
    ids.set(code, id)
    return id
  }
  const city = await agency(HANGZHOU.code, HANGZHOU)
  const spb = await agency(SPB.code, { ...SPB, parentId: city })
  const { document } = importText(seed, {
    agency: agencyRef(SPB),
    filename: 'seed-hangzhou-spb-2020.txt',
  })
  await insertPublishedReport(w.db, {
    agencyId: spb,
    document,
    note: '自门户网站文字版导入；原文表格在抓取中丢失，未在原文中提供。 / Imported from the portal text; the tables were lost in the scrape.',
    authorId: null,
    at: seedPublishedAt(document.year),
  })
  for (const a of SAMPLE_AGENCIES) {
    const parentId = a.parentCode ? (ids.get(a.parentCode) ?? null) : null
    await agency(a.code, { name: a.name, code: a.code, level: a.level, kind: a.kind, regionCode: a.region, parentId })
  }
  const samples = sampleReports()
  for (const { agency: a, document: doc } of samples) {
    // Fictional, so dated plausibly: departments publish by 31 January, governments by 31 March.
    const at = new Date(`${doc.year + 1}-${a.kind === 'department' ? '01-20' : '03-20'}T02:00:00Z`)
    const agencyId = ids.get(a.code)
    if (agencyId === undefined) throw new Error(`sample report of ${a.code}: the agency was not made above`)
    await insertPublishedReport(w.db, {
      agencyId,
      document: doc,
      note: '示例数据（虚构） / fictional sample data',
      authorId: null,
      at,
    })
  }
  await commit(store.batch ?? transactionRunner(store.db), w)
  return { loaded: true, reports: 1 + samples.length }
}
