import { afterAll, beforeAll, expect, it } from 'vitest'
import { forEachDialect, openSite, type TestSite } from '../test/harness.ts'
import { commit, WriteBatch, WriteConflict } from './write-batch.ts'
import { insertAgency } from './agencies.ts'

forEachDialect('write batches', (dialect) => {
  let site: TestSite
  beforeAll(async () => {
    site = await openSite(dialect.url)
  })
  afterAll(async () => {
    await site?.close()
  })
  const agencyCount = async () =>
    Number(
      (
        await site.conn.db
          .selectFrom('agency')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const anyReport = async (id?: string) =>
    await site.conn.db
      .selectFrom('report')
      .select(['id', 'draft_version'])
      .$if(id !== undefined, (q) => q.where('id', '=', id!))
      .orderBy('id')
      .executeTakeFirstOrThrow()

  it('commits every recorded statement, or none when a check fails — before or after it', async () => {
    const before = await agencyCount()
    const report = await anyReport()
    const run = site.conn.batch
    const agency = (code: string) => ({
      name: '批次测试局',
      code,
      level: 'county' as const,
      kind: 'department' as const,
      regionCode: '990101',
      parentId: null,
    })

    const stale = new WriteBatch(site.conn.dialect)
    await insertAgency(stale.db, agency('batch-1'), new Date())
    stale.expectRow('report', report.id, { draft_version: Number(report.draft_version) + 7 })
    await insertAgency(stale.db, agency('batch-2'), new Date())
    await expect(commit(run, stale)).rejects.toBeInstanceOf(WriteConflict)
    expect(await agencyCount()).toBe(before)

    const current = new WriteBatch(site.conn.dialect)
    await insertAgency(current.db, agency('batch-3'), new Date())
    current.expectRow('report', report.id, { draft_version: Number(report.draft_version) })
    await commit(run, current)
    expect(await agencyCount()).toBe(before + 1)
    // The check leaves no trace: the row it locked is unchanged and the guard table stays empty.
    expect(await anyReport(report.id)).toEqual(report)
  })

  it('refuses a read recorded into a batch, which would silently see nothing', async () => {
    const w = new WriteBatch(site.conn.dialect)
    // A batch's database is typed write-only, so this does not compile; the run-time check stays.
    // @ts-expect-error -- no selectFrom on a write batch
    await expect(w.db.selectFrom('report').selectAll().execute()).rejects.toThrow(/a read inside a write batch/)
  })

  it('is still an error, not a conflict, when a statement itself fails', async () => {
    const w = new WriteBatch(site.conn.dialect)
    const row = { name: '重复', code: 'batch-dup', level: 'county' as const, kind: 'department' as const, regionCode: null, parentId: null }
    await insertAgency(w.db, row, new Date())
    await insertAgency(w.db, row, new Date())
    const err = await commit(site.conn.batch, w).catch((e: unknown) => e)
    expect(err).not.toBeInstanceOf(WriteConflict)
    expect(String(err)).toMatch(/unique|UNIQUE/)
    expect(await site.conn.db.selectFrom('agency').select('id').where('code', '=', 'batch-dup').execute()).toEqual([])
  })
})
