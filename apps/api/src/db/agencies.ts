import type { AgencyKind, AgencyLevel, AgencyRef } from '@gongkai/schema'
import { tallyAgency } from './compliance-tally.ts'
import type { Db, WriteDb } from './database.ts'
import { bumpAcrossVersion } from './reports-list.ts'

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

export interface AgencyNode extends Agency {
  children: AgencyNode[]
}

type AgencyRow = {
  id: string
  name: string
  code: string
  level: AgencyLevel
  kind: AgencyKind
  region_code: string | null
  parent_id: string | null
}

const toAgency = (row: AgencyRow): Agency => ({
  id: row.id,
  name: row.name,
  code: row.code,
  level: row.level,
  kind: row.kind,
  regionCode: row.region_code,
  parentId: row.parent_id,
})

/** The agency as a report document names it. */
export function agencyRef(agency: Pick<Agency, 'name' | 'code' | 'level' | 'kind' | 'regionCode'>): AgencyRef {
  return { name: agency.name, code: agency.code, level: agency.level, kind: agency.kind, region: agency.regionCode }
}

export async function insertAgency(db: WriteDb, agency: NewAgency, now: Date): Promise<string> {
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
  // The board lists every agency of the registry, and the stats those missing a report.
  await tallyAgency(db, id)
  await bumpAcrossVersion(db)
  return id
}

export async function findAgencyByCode(db: Db, code: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agency').selectAll().where('code', '=', code).executeTakeFirst()
  return row ? toAgency(row) : undefined
}

export async function findAgencyById(db: Db, id: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toAgency(row) : undefined
}

/** The agencies directly under one, by name: a government's departments and lower governments. */
export async function listChildAgencies(db: Db, parentId: string): Promise<Agency[]> {
  const rows = await db.selectFrom('agency').selectAll().where('parent_id', '=', parentId).orderBy('code').execute()
  return rows.map(toAgency)
}

export async function listAgencies(db: Db): Promise<Agency[]> {
  const rows = await db.selectFrom('agency').selectAll().orderBy('code').execute()
  return rows.map(toAgency)
}

/** The agencies as a forest: governments with their departments and lower-level governments. */
export function agencyTree(agencies: Agency[]): AgencyNode[] {
  const nodes = new Map(agencies.map((a) => [a.id, { ...a, children: [] as AgencyNode[] }]))
  const roots: AgencyNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}
