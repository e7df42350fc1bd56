export interface AuditLogTable {
  id: string
  at: string
  user_id: string | null
  action: string
  target: string | null
  ip: string | null
  detail: string | null
}
