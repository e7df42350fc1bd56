import type { Kysely } from 'kysely'
import { refillStatsTally } from '../stats-tally.ts'

// The stats tally counted a province's, city's or county's facts with their level and kind left
// empty, so a region with a level or kind (`region=33&level=county`), or a region by level, was
// grouped from every fact of the subtree: 150–280 ms for a province of 10,000 agencies at
// 100,000 reports. Its region rows now carry the agency's level and kind, as the whole registry's
// do (a county's rows are hardly more: its agencies are few). Derived data, counted again from the
// facts. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await refillStatsTally(db)
}

export async function down(): Promise<void> {
  // Nothing to undo: the earlier code reads the rows of a region summed over level and kind alike.
}
