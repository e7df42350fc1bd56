import type { SessionUser } from '../context.ts'
import { ApiError } from '../errors.ts'

// Roles are per agency: an editor works on the drafts of their own agency; a publisher may also
// publish, correct and withdraw there; an admin may do everything everywhere.

export type Action = 'edit' | 'publish'

export function can(user: SessionUser, agencyId: string, action: Action): boolean {
  if (user.isAdmin) return true
  const m = user.memberships.find((x) => x.agencyId === agencyId)
  if (!m) return false
  return action === 'edit' || m.role === 'publisher'
}

export function assertCan(user: SessionUser, agencyId: string, action: Action): void {
  if (!can(user, agencyId, action)) throw new ApiError('FORBIDDEN')
}

export function assertAdmin(user: SessionUser): void {
  if (!user.isAdmin) throw new ApiError('FORBIDDEN')
}

/** The agencies a user may see in the admin app; null means all of them. */
export function agencyScope(user: SessionUser): string[] | null {
  return user.isAdmin ? null : user.memberships.map((m) => m.agencyId)
}
