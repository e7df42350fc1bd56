// Cells that lost their separators: a crawler flattened `71 | 3 | 0 | 0 | 0 | 0 | 74` into
// `713000074`. The digits of a row are split back into its cells only where the table's own
// identities leave exactly one way to do it. Nothing here guesses: every function returns all
// the possibilities, and the caller accepts a reading only when there is one.

/** Every way to cut `tokens` into exactly `n` numbers, without leading zeros (0 itself excepted). */
export function splitsOf(tokens: readonly string[], n: number, limit = 20_000): string[][] | null {
  const out: string[][] = []
  const parts: string[] = []
  let overflow = false
  const walk = (t: number, pos: number, left: number) => {
    if (overflow) return
    const tok = tokens[t]
    if (tok === undefined) {
      if (left === 0) out.push([...parts])
      if (out.length > limit) overflow = true
      return
    }
    if (pos === tok.length) {
      walk(t + 1, 0, left)
      return
    }
    if (left === 0) return
    // A token must still leave at least one digit for each remaining token.
    const rest = tokens.length - t - 1
    if (left < rest + 1) return
    const maxLen = tok[pos] === '0' ? 1 : tok.length - pos
    for (let len = 1; len <= maxLen; len++) {
      parts.push(tok.slice(pos, pos + len))
      walk(t, pos + len, left - 1)
      parts.pop()
    }
  }
  if (tokens.some((t) => !/^\d+$/.test(t))) return null
  walk(0, 0, n)
  return overflow ? null : out
}

/**
 * Every way to cut `tokens` into numbers in groups of the given sizes, where the last number of
 * each group is the sum of the others in it (a row of table 三: six applicant columns and their
 * total; table 四: three groups of four outcomes and their total), without leading zeros. A
 * group's total is not searched for: it is the sum, printed, or the branch ends. A row of large
 * numbers that has tens of thousands of plain splits has a handful of these.
 */
export function sumSplitsOf(tokens: readonly string[], groups: readonly number[], limit = 20_000): string[][] | null {
  if (groups.some((g) => g < 2) || tokens.some((t) => !/^\d+$/.test(t))) return null
  const out: string[][] = []
  const parts: string[] = []
  let overflow = false
  const digitsLeft = (t: number, pos: number) => tokens.slice(t).reduce((n, x) => n + x.length, 0) - pos
  const cellsLeft = (g: number, inGroup: number) => groups.slice(g).reduce((n, x) => n + x, 0) - inGroup
  // g: the group; k: the cell within it; sum: of the group's cells so far.
  const walk = (t: number, pos: number, g: number, k: number, sum: number) => {
    if (overflow) return
    // t runs to tokens.length and g to groups.length, no further.
    const tok = tokens[t]
    if (tok !== undefined && pos === tok.length) return walk(t + 1, 0, g, k, sum)
    const size = groups[g]
    if (size === undefined) {
      if (tok === undefined) {
        out.push([...parts])
        if (out.length > limit) overflow = true
      }
      return
    }
    if (tok === undefined) return
    // Each remaining cell needs a digit, and each remaining token must be used.
    if (digitsLeft(t, pos) < cellsLeft(g, k) || cellsLeft(g, k) < tokens.length - t - (pos > 0 ? 1 : 0)) return
    if (k === size - 1) {
      const total = String(sum)
      if (!tok.startsWith(total, pos)) return
      parts.push(total)
      walk(t, pos + total.length, g + 1, 0, 0)
      parts.pop()
      return
    }
    const maxLen = tok[pos] === '0' ? 1 : tok.length - pos
    for (let l = 1; l <= maxLen; l++) {
      const piece = tok.slice(pos, pos + l)
      parts.push(piece)
      walk(t, pos + l, g, k + 1, sum + Number(piece))
      parts.pop()
    }
  }
  walk(0, 0, 0, 0, 0)
  return overflow ? null : out
}

/**
 * Whether these digit runs can be read as `n` numbers and as no fewer: then no blank cell can
 * have been lost among them ("000" for three columns is 0|0|0; "2 14" could be 2|14 and a blank).
 */
export function onlyAsMany(tokens: readonly string[], n: number): boolean {
  for (let k = tokens.length; k < n; k++) if (splitsOf(tokens, k)?.length !== 0) return false
  return splitsOf(tokens, n)?.length === 1
}

export type Rows = Array<number[][]>

/**
 * All consistent choices, one candidate per row, such that `check` holds for the whole table.
 * Rows with one candidate are fixed; the others are searched. Returns, per row, the set of
 * candidate indexes that appear in some consistent choice, or null when the search is too big.
 */
export function consistentChoices(candidates: Rows, check: (choice: number[][]) => boolean, limit = 200_000): Array<Set<number>> | null {
  // Per row: its candidates, the one picked now, and the ones seen in a consistent choice.
  const rows = candidates.map((options) => ({ options, pick: 0, seen: new Set<number>() }))
  const open = rows.filter((r) => r.options.length > 1)
  const total = open.reduce((p, r) => p * r.options.length, 1)
  if (total > limit) return null
  const choice = () =>
    rows.map(({ options, pick }) => {
      const chosen = options[pick]
      if (!chosen) throw new Error('a row picks one of its own candidates')
      return chosen
    })
  const walk = (k: number) => {
    const row = open[k]
    if (!row) {
      if (check(choice())) for (const r of rows) r.seen.add(r.pick)
      return
    }
    for (let v = 0; v < row.options.length; v++) {
      row.pick = v
      walk(k + 1)
    }
  }
  if (candidates.some((c) => c.length === 0)) return candidates.map(() => new Set())
  walk(0)
  return rows.map((r) => r.seen)
}
