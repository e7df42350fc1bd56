import { ReportDocumentSchema, diffDocuments, emptyDocument, templateForYear, type ReportDocument } from '@gongkai/schema'
import { Hono, type Context } from 'hono'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { agencyScope, assertCan } from '../../auth/roles.ts'
import { sessionUser } from '../../auth/session.ts'
import type { AppEnv } from '../../context.ts'
import { agencyRef, findAgencyById } from '../../db/agencies.ts'
import { commit, WriteBatch, WriteConflict } from '../../db/write-batch.ts'
import { audit } from '../../db/audit.ts'
import { createDraftReport, discardDraft, getDraft, saveDraft, withdrawReport } from '../../db/drafts.ts'
import { findReportByAgencyYear, getReportSummary, getWithdrawnReason, listReportsForAdmin } from '../../db/reports-list.ts'
import { getRevision, listRevisions } from '../../db/revisions.ts'
import { ApiError } from '../../errors.ts'
import { assertPublishable, publishRevision, validateWithPrevious as validateDocument } from '../../ops/publish.ts'
import { clientIp } from '../auth.ts'
import { issueDetails, valid } from '../../validate.ts'

// Drafts, validation, publishing, corrections and withdrawals, each scoped to the user's agency.

const IdParam = z.object({ id: z.string().min(1).max(64) })
const CreateBody = z.object({
  agencyId: z.string().min(1).max(64),
  year: z.number().int().min(2008).max(2100),
  template: z.enum(['2019', '2021']).optional(),
})
// The document is checked with the schema in the handler, so its problems come back as 422 with paths.
const SaveBody = z.object({ version: z.number().int().min(0), document: z.unknown() })
const VersionBody = z.object({ version: z.number().int().min(0) })
const PublishBody = z.object({
  version: z.number().int().min(0),
  note: z.string().trim().max(2_000).default(''),
  acknowledgement: z.string().trim().max(2_000).optional(),
})
const CorrectBody = z.object({
  version: z.number().int().min(0),
  kind: z.enum(['correction', 'supplement']).default('correction'),
  reason: z.string().trim().min(1, '请说明更正原因 / give the reason').max(2_000),
  note: z.string().trim().max(2_000).default(''),
  acknowledgement: z.string().trim().max(2_000).optional(),
})
const WithdrawBody = z.object({ reason: z.string().trim().min(1, '请说明撤回原因 / give the reason').max(2_000) })

function parseDocument(input: unknown): ReportDocument {
  const parsed = ReportDocumentSchema.safeParse(input)
  if (!parsed.success) throw new ApiError('INVALID_DOCUMENT', issueDetails(parsed.error.issues, 'document'))
  return parsed.data
}

/** The report, after checking that the user may act on its agency. */
async function scopedDraft(c: Context<AppEnv>, id: string, action: 'edit' | 'publish') {
  const draft = await getDraft(c.get('deps').db, id)
  if (!draft) throw new ApiError('REPORT_NOT_FOUND')
  assertCan(sessionUser(c), draft.agencyId, action)
  return draft
}

function validateWithPrevious(c: Context<AppEnv>, agencyId: string, doc: ReportDocument) {
  return validateDocument(c.get('deps').db, agencyId, doc, c.get('deps').caches.documents)
}

function conflict(current: { version: number; document: ReportDocument | null }): never {
  throw new ApiError('VERSION_CONFLICT', undefined, { current })
}

/** Commit a batch that checks the report's version; if it moved on, answer 409 with the current draft. */
async function commitOrConflict(c: Context<AppEnv>, id: string, w: WriteBatch): Promise<void> {
  await orConflict(c, id, () => commit(c.get('deps').batch, w))
}

/** Make a write that checks the report's version; if it moved on, answer 409 with the current draft. */
async function orConflict<T>(c: Context<AppEnv>, id: string, write: () => Promise<T>): Promise<T> {
  const { db } = c.get('deps')
  try {
    return await write()
  } catch (e) {
    if (!(e instanceof WriteConflict)) throw e
    const current = await getDraft(db, id)
    if (!current) throw new ApiError('REPORT_NOT_FOUND')
    conflict(current)
  }
}

export const adminReports = new Hono<AppEnv>()
  .get('/', describeRoute({ tags: ['admin'], summary: "The reports of the user's agencies, drafts included" }), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json({ items: await listReportsForAdmin(c.get('deps').db, agencyScope(sessionUser(c))) })
  })
  .post(
    '/',
    describeRoute({ tags: ['admin'], summary: 'Start a draft report for an agency and year' }),
    valid('json', CreateBody),
    async (c) => {
      const { agencyId, year, template } = c.req.valid('json')
      const { db, dialect, batch, now } = c.get('deps')
      const user = sessionUser(c)
      assertCan(user, agencyId, 'edit')
      const agency = await findAgencyById(db, agencyId)
      if (!agency) throw new ApiError('AGENCY_NOT_FOUND')
      if (await findReportByAgencyYear(db, agencyId, year)) throw new ApiError('REPORT_EXISTS')
      const doc = emptyDocument(agencyRef(agency), year, template ?? templateForYear(year))
      const w = new WriteBatch(dialect)
      const id = await createDraftReport(w.db, { agencyId, document: doc, at: now() })
      await audit(w.db, { at: now(), userId: user.id, action: 'report.create', target: id, ip: clientIp(c), detail: { year } })
      await commit(batch, w)
      return c.json({ id, version: 1, document: doc }, 201)
    },
  )
  .get(
    '/:id',
    describeRoute({ tags: ['admin'], summary: 'A report with its working copy, version, checks and history' }),
    valid('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param')
      const draft = await scopedDraft(c, id, 'edit')
      const { db } = c.get('deps')
      c.header('Cache-Control', 'private, no-store')
      return c.json({
        report: await getReportSummary(db, id),
        draft: { version: draft.version, hasDraft: draft.hasDraft, document: draft.document },
        validation: draft.document ? await validateWithPrevious(c, draft.agencyId, draft.document) : null,
        revisions: await listRevisions(db, id),
      })
    },
  )
  .put(
    '/:id/draft',
    describeRoute({ tags: ['admin'], summary: 'Save the working copy (optimistic concurrency: 409 on a stale version)' }),
    valid('param', IdParam),
    valid('json', SaveBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const draft = await scopedDraft(c, id, 'edit')
      if (draft.status === 'withdrawn') throw new ApiError('REPORT_WITHDRAWN')
      const doc = parseDocument(body.document)
      const { dialect, now } = c.get('deps')
      if (body.version !== draft.version) conflict(draft)
      const w = new WriteBatch(dialect).expectRow('report', id, { draft_version: body.version })
      const version = await saveDraft(w.db, id, body.version, doc, now())
      await audit(w.db, { at: now(), userId: sessionUser(c).id, action: 'draft.save', target: id, ip: clientIp(c), detail: { version } })
      await commitOrConflict(c, id, w)
      return c.json({ version, validation: await validateWithPrevious(c, draft.agencyId, doc) })
    },
  )
  .delete(
    '/:id/draft',
    describeRoute({ tags: ['admin'], summary: 'Discard the working copy (a report never published is deleted)' }),
    valid('param', IdParam),
    valid('json', VersionBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const { version } = c.req.valid('json')
      const draft = await scopedDraft(c, id, 'edit')
      const { dialect, now } = c.get('deps')
      if (version !== draft.version) conflict(draft)
      const w = new WriteBatch(dialect).expectRow('report', id, { draft_version: version, current_revision: draft.currentRevision })
      const result = await discardDraft(w.db, id, version, draft.currentRevision !== null, now())
      await audit(w.db, { at: now(), userId: sessionUser(c).id, action: `draft.${result}`, target: id, ip: clientIp(c) })
      await commitOrConflict(c, id, w)
      return c.json({ result })
    },
  )
  .post('/:id/validate', describeRoute({ tags: ['admin'], summary: 'Check the working copy' }), valid('param', IdParam), async (c) => {
    const { id } = c.req.valid('param')
    const draft = await scopedDraft(c, id, 'edit')
    if (!draft.document) throw new ApiError('NOTHING_TO_PUBLISH')
    return c.json(await validateWithPrevious(c, draft.agencyId, draft.document))
  })
  .post(
    '/:id/publish',
    describeRoute({ tags: ['admin'], summary: 'Publish the first revision: refused while errors exist; warnings need an acknowledgement' }),
    valid('param', IdParam),
    valid('json', PublishBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const draft = await scopedDraft(c, id, 'publish')
      if (draft.currentRevision !== null) throw new ApiError('ALREADY_PUBLISHED')
      if (!draft.hasDraft || !draft.document) throw new ApiError('NOTHING_TO_PUBLISH')
      if (body.version !== draft.version) conflict(draft)
      const validation = await validateWithPrevious(c, draft.agencyId, draft.document)
      assertPublishable(validation, body.acknowledgement)
      const number = await publish(c, draft, draft.document, 'first', body.note, body.acknowledgement)
      return c.json({ revision: number, validation })
    },
  )
  .post(
    '/:id/correct',
    describeRoute({ tags: ['admin'], summary: 'Publish the working copy as a correction or supplement, with its reason' }),
    valid('param', IdParam),
    valid('json', CorrectBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const draft = await scopedDraft(c, id, 'publish')
      if (draft.currentRevision === null) throw new ApiError('NOT_PUBLISHED')
      if (!draft.hasDraft || !draft.document) throw new ApiError('NOTHING_TO_PUBLISH')
      if (body.version !== draft.version) conflict(draft)
      const validation = await validateWithPrevious(c, draft.agencyId, draft.document)
      assertPublishable(validation, body.acknowledgement)
      const note = body.note ? `${body.reason}\n\n${body.note}` : body.reason
      const number = await publish(c, draft, draft.document, body.kind, note, body.acknowledgement)
      return c.json({ revision: number, validation })
    },
  )
  .post(
    '/:id/preview-diff',
    describeRoute({ tags: ['admin'], summary: 'The public diff a correction would show' }),
    valid('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param')
      const draft = await scopedDraft(c, id, 'edit')
      if (draft.currentRevision === null || !draft.document) throw new ApiError('NOT_PUBLISHED')
      const current = await getRevision(c.get('deps').db, id, draft.currentRevision)
      if (!current) throw new Error(`report ${id} has no revision ${draft.currentRevision}`)
      return c.json(diffDocuments(JSON.parse(current.documentJson) as ReportDocument, draft.document))
    },
  )
  .post(
    '/:id/withdraw',
    describeRoute({ tags: ['admin'], summary: 'Withdraw a published report, with its reason' }),
    valid('param', IdParam),
    valid('json', WithdrawBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      const draft = await scopedDraft(c, id, 'publish')
      if (draft.currentRevision === null) throw new ApiError('NOT_PUBLISHED')
      const { db, dialect, batch, now } = c.get('deps')
      // Once withdrawn, the public reason stays: a second withdrawal (even one racing this) is refused.
      const alreadyWithdrawn = async () => new ApiError('ALREADY_WITHDRAWN', undefined, { reason: await getWithdrawnReason(db, id) })
      if (draft.status === 'withdrawn') throw await alreadyWithdrawn()
      const w = new WriteBatch(dialect).expectRow('report', id, { status: 'published' })
      await withdrawReport(w.db, id, reason, now())
      await audit(w.db, {
        at: now(),
        userId: sessionUser(c).id,
        action: 'report.withdraw',
        target: id,
        ip: clientIp(c),
        detail: { reason },
      })
      try {
        await commit(batch, w)
      } catch (e) {
        throw e instanceof WriteConflict ? await alreadyWithdrawn() : e
      }
      return c.json({ status: 'withdrawn' })
    },
  )

/** Publish as the user, answering 409 with the current draft if it moved on since it was read. */
async function publish(
  c: Context<AppEnv>,
  draft: { reportId: string; version: number; currentRevision: number | null },
  document: ReportDocument,
  kind: 'first' | 'correction' | 'supplement',
  note: string,
  acknowledgement: string | undefined,
) {
  const user = sessionUser(c)
  return orConflict(c, draft.reportId, () =>
    publishRevision(c.get('deps'), {
      draft,
      document,
      kind,
      note,
      acknowledgement: acknowledgement ?? null,
      authorId: user.id,
      audit: { action: `report.${kind === 'first' ? 'publish' : kind}`, ip: clientIp(c), detail: { note, acknowledgement } },
    }),
  )
}
