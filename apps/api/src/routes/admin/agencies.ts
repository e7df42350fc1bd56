import { AGENCY_KINDS, AGENCY_LEVELS } from '@gongkai/schema'
import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { assertAdmin } from '../../auth/roles.ts'
import { sessionUser } from '../../auth/session.ts'
import type { AppEnv } from '../../context.ts'
import { agencyTree, findAgencyByCode, findAgencyById, insertAgency, listAgencies } from '../../db/agencies.ts'
import { audit } from '../../db/audit.ts'
import { commit, WriteBatch } from '../../db/write-batch.ts'
import { ApiError } from '../../errors.ts'
import { clientIp } from '../auth.ts'
import { valid } from '../../validate.ts'

const NewAgency = z.object({
  name: z.string().trim().min(1).max(200),
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w-]+$/, '代码只能包含字母、数字、- 和 _ / letters, digits, - and _ only'),
  level: z.enum(AGENCY_LEVELS),
  kind: z.enum(AGENCY_KINDS),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .nullable()
    .default(null),
  // An agency id, or null for none: "" is neither (it was a 500, a foreign key failing).
  parentId: z
    .string()
    .min(1, '上级机关的 id 不能为空，没有上级时用 null / an agency id, or null for none')
    .max(64)
    .nullable()
    .default(null),
})

export const adminAgencies = new Hono<AppEnv>()
  .get('/', describeRoute({ tags: ['admin'], summary: 'All agencies, as a tree (admin only)' }), async (c) => {
    assertAdmin(sessionUser(c))
    return c.json({ items: agencyTree(await listAgencies(c.get('deps').db)) })
  })
  .post('/', describeRoute({ tags: ['admin'], summary: 'Add an agency (admin only)' }), valid('json', NewAgency), async (c) => {
    const user = sessionUser(c)
    assertAdmin(user)
    const body = c.req.valid('json')
    const { db, dialect, batch, now } = c.get('deps')
    if (await findAgencyByCode(db, body.code)) throw new ApiError('AGENCY_EXISTS')
    if (body.parentId !== null && !(await findAgencyById(db, body.parentId))) {
      throw new ApiError('AGENCY_NOT_FOUND', [
        { path: 'parentId', message: '字段 parentId：没有这个机关', message_en: 'Field parentId: no such agency' },
      ])
    }
    const w = new WriteBatch(dialect)
    const id = await insertAgency(w.db, body, now())
    await audit(w.db, { at: now(), userId: user.id, action: 'agency.create', target: id, ip: clientIp(c), detail: body })
    await commit(batch, w)
    return c.json({ id }, 201)
  })
