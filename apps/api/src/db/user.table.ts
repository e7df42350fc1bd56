import type { Role } from '@gongkai/schema/api'

export type { Role }

export interface UserTable {
  id: string
  username: string
  display_name: string
  password_hash: string
  /** 0/1 on both databases: one mapping, no boolean drift between SQLite and PostgreSQL. */
  is_admin: number
  disabled: number
  created_at: string
}

export interface MembershipTable {
  user_id: string
  agency_id: string
  role: Role
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string
  user_id: string
  csrf_token: string
  created_at: string
  expires_at: string
}

export interface LoginAttemptTable {
  /** `user:<name>` or `ip:<address>`. */
  key: string
  failures: number
  window_start: string
  locked_until: string | null
}
