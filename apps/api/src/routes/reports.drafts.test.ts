// Beside reports.ts, whose public answers it checks; it also drives admin/reports.ts.
import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateToLatest } from '../db/migrator.ts'
import { filledDraft } from '../test/actors.ts'
import { forEachDialect, suiteSite } from '../test/harness.ts'

// A published report's public face is its published revision: a correction being drafted is the
// agency's business until it is published. Its title never shows in the public list or report,
// and a discarded draft leaves no trace there.

forEachDialect('drafts stay private', (dialect) => {
  const suite = suiteSite(dialect)

  describe('a correction being drafted', () => {
    it('does not change the title the public list and the report show, until it is published', async () => {
      const admin = suite.as(suite.actors.admin)
      const created = await filledDraft(suite.site, suite.actors.admin, { agencyId: suite.actors.agencyA, year: 2024, seed: 7, scale: 1 })
      const published = await admin('POST', `/api/admin/reports/${created.id}/publish`, {
        version: created.version,
        acknowledgement: '已核对',
      })
      expect(published.status).toBe(200)
      const title = created.document.title
      const listed = async () =>
        (
          (await suite.get(`/api/reports?agency=${encodeURIComponent(await codeOf(created.id))}&limit=50`)).json.items as Array<{
            id: string
            title: string
          }>
        ).find((r) => r.id === created.id)

      // A draft with another title, saved.
      const open = await admin('GET', `/api/admin/reports/${created.id}`)
      const draftTitle = `${title}（草稿，未发布）`
      const saved = await admin('PUT', `/api/admin/reports/${created.id}/draft`, {
        version: open.json.draft.version,
        document: { ...open.json.draft.document, title: draftTitle },
      })
      expect(saved.status).toBe(200)
      expect((await listed())?.title).toBe(title)
      expect((await suite.get(`/api/reports/${created.id}`)).json.document.title).toBe(title)

      // Discarded: nothing of it anywhere public.
      const discarded = await admin('DELETE', `/api/admin/reports/${created.id}/draft`, { version: saved.json.version })
      expect(discarded.status).toBe(200)
      expect((await listed())?.title).toBe(title)

      // Published as a correction: now the new title is the public one.
      const again = await admin('GET', `/api/admin/reports/${created.id}`)
      const saved2 = await admin('PUT', `/api/admin/reports/${created.id}/draft`, {
        version: again.json.draft.version,
        document: { ...again.json.draft.document, title: draftTitle },
      })
      const corrected = await admin('POST', `/api/admin/reports/${created.id}/correct`, {
        version: saved2.json.version,
        reason: '标题更正',
        acknowledgement: '已核对',
      })
      expect(corrected.status).toBe(200)
      expect((await listed())?.title).toBe(draftTitle)
    })
  })

  describe('a report row that an earlier version left showing a draft title', () => {
    it('shows its published title again once the repair migration runs', async () => {
      const created = await filledDraft(suite.site, suite.actors.admin, { agencyId: suite.actors.agencyA, year: 2023, seed: 11, scale: 1 })
      const admin = suite.as(suite.actors.admin)
      expect(
        (await admin('POST', `/api/admin/reports/${created.id}/publish`, { version: created.version, acknowledgement: '已核对' })).status,
      ).toBe(200)
      const title = created.document.title
      // What a draft save did before the fix: the draft's title and template on the report row.
      const db = suite.site.conn.db as unknown as Kysely<any>
      await db
        .updateTable('report')
        .set({ title: `${title}（草稿）`, template: created.document.template === '2021' ? '2019' : '2021' })
        .where('id', '=', created.id)
        .execute()
      // An unpublished draft's own title is left alone.
      const unpublished = await filledDraft(suite.site, suite.actors.admin, {
        agencyId: suite.actors.agencyA,
        year: 2022,
        seed: 12,
        scale: 1,
      })
      await db.updateTable('report').set({ title: '仍在起草的报告' }).where('id', '=', unpublished.id).execute()

      await db.deleteFrom('kysely_migration').where('name', '>=', '2026_12_04_1000_repair_published_titles').execute()
      expect(await migrateToLatest(suite.site.conn.db)).toContain('2026_12_04_1000_repair_published_titles')
      const row = await db.selectFrom('report').select(['title', 'template']).where('id', '=', created.id).executeTakeFirstOrThrow()
      expect(row).toEqual({ title, template: created.document.template })
      expect((await db.selectFrom('report').select('title').where('id', '=', unpublished.id).executeTakeFirstOrThrow()).title).toBe(
        '仍在起草的报告',
      )
      const listed = (
        (await suite.get(`/api/reports?agency=${encodeURIComponent(await codeOf(created.id))}&limit=50`)).json.items as Array<{
          id: string
          title: string
        }>
      ).find((r) => r.id === created.id)
      expect(listed?.title).toBe(title)
    })
  })

  async function codeOf(id: string): Promise<string> {
    return ((await suite.get(`/api/reports/${id}`)).json.agency as { code: string }).code
  }
})
