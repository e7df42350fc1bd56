import type { WriteDb } from './database.ts'

export async function audit(
  db: WriteDb,
  entry: { at: Date; userId: string | null; action: string; target?: string | null; ip?: string | null; detail?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: crypto.randomUUID(),
      at: entry.at.toISOString(),
      user_id: entry.userId,
      action: entry.action,
      target: entry.target ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute()
}
