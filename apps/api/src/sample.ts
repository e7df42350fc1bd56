import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { importText } from '@gongkai/importer'
import { SAMPLE_AGENCIES, sampleReports } from '@gongkai/schema'
import type { Kysely } from 'kysely'
import type { Database } from './db/database.ts'
import { findAgencyByCode, insertAgency } from './db/agencies.ts'
import { countReports, insertPublishedReport } from './db/reports.ts'

// Sample data for a new site: the real seed report (its tables were lost in the scrape, so they
// stay "not given in the source") and the fictional 示例 agencies with several years of
// consistent reports in both templates. Loaded only into an empty database.

const HANGZHOU = { name: '杭州市人民政府', code: '330100', level: 'city', kind: 'government', regionCode: '330100', parentId: null } as const

export function seedText(): string {
  const url = import.meta.resolve('@gongkai/importer/fixtures/seed-hangzhou-spb-2020.txt')
  return readFileSync(fileURLToPath(url), 'utf8')
}

export async function loadSampleData(db: Kysely<Database>, now: Date): Promise<{ loaded: boolean; reports: number }> {
  if ((await countReports(db)) > 0) return { loaded: false, reports: 0 }
  return db.transaction().execute(async (trx) => {
    const city = (await findAgencyByCode(trx, HANGZHOU.code))?.id ?? (await insertAgency(trx, HANGZHOU, now))
    const spb = {
      name: '杭州市行政审批服务管理办公室',
      code: '330100-spb',
      level: 'city',
      kind: 'department',
      regionCode: '330100',
      parentId: city,
    } as const
    const agencyId = (await findAgencyByCode(trx, spb.code))?.id ?? (await insertAgency(trx, spb, now))
    const { document } = importText(seedText(), {
      agency: { name: spb.name, code: spb.code, level: spb.level, kind: spb.kind, region: spb.regionCode },
      filename: 'seed-hangzhou-spb-2020.txt',
    })
    await insertPublishedReport(trx, {
      agencyId,
      document,
      note: '自门户网站文字版导入；原文表格在抓取中丢失，未在原文中提供。 / Imported from the portal text; the tables were lost in the scrape.',
      authorId: null,
      at: now,
    })
    const ids = new Map<string, string>()
    for (const a of SAMPLE_AGENCIES) {
      const parentId = a.parentCode ? (ids.get(a.parentCode) ?? null) : null
      const row = { name: a.name, code: a.code, level: a.level, kind: a.kind, regionCode: a.region, parentId }
      ids.set(a.code, (await findAgencyByCode(trx, a.code))?.id ?? (await insertAgency(trx, row, now)))
    }
    const samples = sampleReports()
    for (const { agency, document: doc } of samples) {
      // Fictional, so dated plausibly: departments publish by 31 January, governments by 31 March.
      const at = new Date(`${doc.year + 1}-${agency.kind === 'department' ? '01-20' : '03-20'}T02:00:00Z`)
      await insertPublishedReport(trx, { agencyId: ids.get(agency.code)!, document: doc, note: '示例数据（虚构） / fictional sample data', authorId: null, at })
    }
    return { loaded: true, reports: 1 + samples.length }
  })
}
