import { describe, expect, it } from 'vitest'
import { HARD_DIR, corpusEntries, measure } from '../test/corpus.ts'

// The real-document corpus (packages/importer/corpus, `pnpm corpus` prints the table). Every file
// must read with no wrong cell and the right template. Each file reads at 100%, except the known
// gaps below, each at least at the floor it has reached: a file may only get better, and a new
// file must read completely. Shrink this list; never raise a floor to hide a regression.
const KNOWN_GAPS: Record<string, { right: number; why: string; quiet?: true }> = {
}

describe('the real-document corpus', () => {
  for (const entry of corpusEntries()) {
    it(`${entry.name}: no wrong cell, the right template, ${KNOWN_GAPS[entry.name] ? `at least ${KNOWN_GAPS[entry.name]!.right} cells` : 'every cell'}`, { timeout: 60_000 }, async () => {
      const r = await measure(entry)
      expect(r.wrong).toEqual([])
      if (r.template.expected) expect(r.template.got).toBe(r.template.expected)
      const gap = KNOWN_GAPS[entry.name]
      if (gap) expect(r.right).toBeGreaterThanOrEqual(gap.right)
      else expect(r.missing).toEqual([])
      // A failed read is never "not in the source": the import is an error when cells are missing.
      if (r.missing.length && !gap?.quiet) expect(r.exitCode).toBe(1)
    })
  }

  // Text whose reading order mixes rows (corpus/hard): every cell right or refused by name.
  for (const entry of corpusEntries([HARD_DIR])) {
    it(`${entry.name}: no wrong cell; what is not read is marked unread, with an error`, { timeout: 60_000 }, async () => {
      const r = await measure(entry)
      expect(r.wrong).toEqual([])
      if (r.template.expected) expect(r.template.got).toBe(r.template.expected)
      if (r.missing.length) expect(r.exitCode).toBe(1)
      expect(r.right).toBeGreaterThan(0)
    })
  }

  it('keeps the report from before the national format as prose, with no table made up', async () => {
    const entry = corpusEntries().find((e) => e.name === 'pingtan-zone-2018-before-national-format')!
    const r = await measure(entry)
    expect(r.wrong).toEqual([])
    expect(r.problems.map((p) => p.code)).toContain('NOT_NATIONAL_FORMAT')
    expect(r.problems.map((p) => p.code)).not.toContain('TABLE_MISSING')
  })
})
