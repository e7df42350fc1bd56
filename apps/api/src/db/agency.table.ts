import type { AgencyKind, AgencyLevel } from '@gongkai/schema'

export interface AgencyTable {
  id: string
  name: string
  code: string
  level: AgencyLevel
  kind: AgencyKind
  region_code: string | null
  parent_id: string | null
  created_at: string
}
