import { api } from './api.ts'

export interface AgencyNode {
  id: string
  name: string
  code: string
  level: string
  kind: string
  regionCode: string | null
  children: AgencyNode[]
}

/** Every agency in the tree, depth first. */
export function flatten(nodes: readonly AgencyNode[]): AgencyNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)])
}

/** The agencies a user may act for: all of them for an admin, their own otherwise. */
export async function agenciesFor(user: { isAdmin: boolean; memberships: Array<{ agencyId: string }> } | null): Promise<AgencyNode[]> {
  const all = flatten((await api<{ items: AgencyNode[] }>('GET', '/api/agencies')).items)
  if (user?.isAdmin) return all
  const mine = new Set(user?.memberships.map((m) => m.agencyId))
  return all.filter((a) => mine.has(a.id))
}
