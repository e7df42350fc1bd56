import type { AgencyKind, AgencyLevel } from '@gongkai/schema'
import type { Db } from './database.ts'

export interface Agency {
  id: string
  name: string
  code: string
  level: AgencyLevel
  kind: AgencyKind
  regionCode: string | null
  parentId: string | null
}

export type NewAgency = Omit<Agency, 'id'>

export async function insertAgency(db: Db, agency: NewAgency, now: Date): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .insertInto('agency')
    .values({
      id,
      name: agency.name,
      code: agency.code,
      level: agency.level,
      kind: agency.kind,
      region_code: agency.regionCode,
      parent_id: agency.parentId,
      created_at: now.toISOString(),
    })
    .execute()
  return id
}

export async function findAgencyByCode(db: Db, code: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agency').selectAll().where('code', '=', code).executeTakeFirst()
  return row
    ? { id: row.id, name: row.name, code: row.code, level: row.level, kind: row.kind, regionCode: row.region_code, parentId: row.parent_id }
    : undefined
}
