import { ImportError, type ImportResult } from '@gongkai/importer'
import type { ImportResponse } from '@gongkai/schema/api'
import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { assertCan } from '../../auth/roles.ts'
import { sessionUser } from '../../auth/session.ts'
import type { AppEnv } from '../../context.ts'
import { findAgencyById } from '../../db/agencies.ts'
import { audit } from '../../db/audit.ts'
import { commit, WriteBatch } from '../../db/write-batch.ts'
import { ApiError, type ErrorCode } from '../../errors.ts'
import { uploadLimit } from '../../limits.ts'
import { importAsDraft, importFile } from '../../ops/import-draft.ts'
import { clientIp } from '../auth.ts'
import { valid } from '../../validate.ts'
import { fromBase64 } from '../../zip.ts'

// Import a published report as a draft, through the same importer code as the CLI: HTML, text,
// DOCX or Markdown, detected from the content. Binary files come as base64.

const ImportBody = z
  .object({
    agencyId: z.string().min(1).max(64),
    year: z.number().int().min(2008).max(2100).optional(),
    format: z.enum(['auto', 'html', 'text', 'docx', 'doc', 'markdown', 'pdf']).default('auto'),
    filename: z.string().max(500).optional(),
    content: z.string().min(1).max(4_000_000).optional(),
    contentBase64: z.string().min(1).max(5_000_000).optional(),
    /** Make the draft even though the file names another agency or year (the clerk has seen it). */
    acceptMismatch: z.boolean().optional(),
  })
  .refine((b) => (b.content === undefined) !== (b.contentBase64 === undefined), {
    message: 'content 与 contentBase64 二选一 / give content or contentBase64',
    path: ['content'],
  })

/** The importer's refusals that keep their own code on the wire; the others are a field to fix (VALIDATION_FAILED). */
const IMPORT_ERRORS: Partial<Record<ImportError['code'], ErrorCode>> = {
  FORMAT_UNSUPPORTED: 'FORMAT_UNSUPPORTED',
  TOO_DEEP: 'TOO_DEEP',
  ARCHIVE_TOO_LARGE: 'ARCHIVE_TOO_LARGE',
  TOO_LARGE: 'IMPORT_TOO_LARGE',
}

export const adminImport = new Hono<AppEnv>().post(
  '/',
  uploadLimit('/api/admin/import'),
  describeRoute({ tags: ['admin'], summary: 'Import a published report as a draft' }),
  valid('json', ImportBody),
  async (c) => {
    const body = c.req.valid('json')
    const user = sessionUser(c)
    assertCan(user, body.agencyId, 'edit')
    const { db, dialect, batch, now } = c.get('deps')
    const agency = await findAgencyById(db, body.agencyId)
    if (!agency) throw new ApiError('AGENCY_NOT_FOUND')
    const bytes = body.contentBase64 !== undefined ? fromBase64(body.contentBase64) : body.content
    // ImportBody asks for exactly one of the two.
    if (bytes === undefined)
      throw new ApiError('VALIDATION_FAILED', [
        {
          path: 'content',
          message: '字段 content：content 与 contentBase64 二选一',
          message_en: 'Field content: give content or contentBase64',
        },
      ])
    let result: ImportResult
    try {
      // In a worker thread with memory and time limits on Node (IMPORT_TOO_HEAVY past them). A file's
      // text is held to the same rule as a request's: a NUL in it is refused, naming where.
      result = await importFile(c.get('deps').importer, bytes, agency, {
        format: body.format,
        ...(body.year ? { year: body.year } : {}),
        ...(body.filename ? { filename: body.filename } : {}),
      })
    } catch (e) {
      if (e instanceof ImportError) {
        const path = e.code === 'NO_YEAR' ? 'year' : 'content'
        throw new ApiError(IMPORT_ERRORS[e.code] ?? 'VALIDATION_FAILED', [
          { path, message: `字段 ${path}：${e.zh}`, message_en: `Field ${path}: ${e.en}` },
        ])
      }
      throw e
    }
    // The file names another agency or year than the one chosen: said before any draft is made.
    const mismatch = result.problems.filter((p) => p.code === 'AGENCY_DIFFERS' || p.code === 'YEAR_DIFFERS')
    if (mismatch.length && !body.acceptMismatch) {
      throw new ApiError(
        'IMPORT_MISMATCH',
        mismatch.map((p) => ({ path: p.code === 'AGENCY_DIFFERS' ? 'agencyId' : 'year', message: p.message.zh, message_en: p.message.en })),
        { problems: result.problems },
      )
    }
    const w = new WriteBatch(dialect)
    const id = await importAsDraft(db, w.db, { agency, document: result.document, at: now() })
    if (id === null) throw new ApiError('REPORT_EXISTS')
    await audit(w.db, {
      at: now(),
      userId: user.id,
      action: 'report.import',
      target: id,
      ip: clientIp(c),
      detail: { filename: body.filename ?? null, problems: result.problems.map((p) => p.code) },
    })
    await commit(batch, w)
    return c.json({ id, version: 1, document: result.document, problems: result.problems } satisfies ImportResponse, 201)
  },
)
