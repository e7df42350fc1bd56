import { KEY_FIGURES, keyFigureValue } from '@gongkai/schema'
import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { agencyTree, findAgencyByCode, findAgencyById, listAgencies, listChildAgencies, type Agency } from '../db/agencies.ts'
import { listPublicReports } from '../db/reports-list.ts'
import { revisionDocument } from '../db/revisions.ts'
import { ApiError } from '../errors.ts'
import { valid } from '../validate.ts'

const CodeParam = z.object({ code: z.string().min(1).max(64) })

export const agencies = new Hono<AppEnv>()
  .use('*', etag())
  .get('/', describeRoute({ tags: ['agencies'], summary: 'The agency tree' }), async (c) => {
    c.header('Cache-Control', 'public, no-cache')
    return c.json({ items: agencyTree(await listAgencies(c.get('deps').db)) })
  })
  .get(
    '/:code/years',
    describeRoute({ tags: ['agencies'], summary: "An agency's published years with their key figures, 2019 and 2021 templates mapped" }),
    valid('param', CodeParam),
    async (c) => {
      const { db, dialect, caches } = c.get('deps')
      const agency = await findAgencyByCode(db, c.req.valid('param').code)
      if (!agency) throw new ApiError('AGENCY_NOT_FOUND')
      const { items } = await listPublicReports(db, dialect, { agency: agency.id, limit: 200, offset: 0 })
      const years = []
      for (const r of items) {
        if (r.status !== 'published' || r.revision === null) continue
        const doc = await revisionDocument(db, r.id, r.revision, caches.documents)
        if (!doc) continue
        years.push({
          id: r.id,
          year: r.year,
          template: r.template,
          revision: r.revision,
          values: Object.fromEntries(KEY_FIGURES.map((k) => [k.key, keyFigureValue(doc, k)])),
        })
      }
      // Its place in the tree, so every level down to townships and streets can be browsed from here.
      const parent = agency.parentId ? await findAgencyById(db, agency.parentId) : undefined
      const children = await listChildAgencies(db, agency.id)
      const brief = (a: Agency) => ({ id: a.id, name: a.name, code: a.code, level: a.level, kind: a.kind })
      c.header('Cache-Control', 'public, no-cache')
      return c.json({
        agency: brief(agency),
        parent: parent ? brief(parent) : null,
        children: children.map(brief),
        figures: KEY_FIGURES.map((k) => ({
          key: k.key,
          zh: k.zh,
          en: k.en,
          unit: k.unit,
          units: k.units ?? null,
          sameMeaning: k.sameMeaning,
          note: k.note ?? null,
        })),
        years,
      })
    },
  )
