// Text measurement and wrapping for chart labels, without a DOM: the same numbers in the browser,
// in the standalone SVG and in tests. Widths are estimates on the wide side (DejaVu Sans, the
// widest Latin face a reader is likely to get), so a label laid out here never runs past its room.

const NARROW = new Set([...' .,:;\'"!|()[]ijlItfr/-'])
const WIDE = new Set([...'mwMW@%'])

/** Estimated advance of one character, in em. */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0
  // CJK, kana, hangul, full-width forms and CJK punctuation: one em.
  // General punctuation (“ ” …) is full width in CJK fonts: count it so.
  if (code >= 0x2e80 || (code >= 0x2000 && code <= 0x206f)) return 1
  if (ch >= '0' && ch <= '9') return 0.64
  if (NARROW.has(ch)) return 0.36
  if (WIDE.has(ch)) return 0.96
  if (ch >= 'A' && ch <= 'Z') return 0.72
  return 0.62
}

/** Estimated width of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0
  for (const ch of text) em += charWidth(ch)
  return em * fontSize
}

/** Characters that may not begin a line (Chinese line-breaking rules, simplified). */
const NO_START = new Set([...'，。、；：？！）》」』】”’,.;:?!)%'])

/** Units of a line break: a CJK character, or a Latin word with the space after it. */
function tokens(text: string): string[] {
  const out: string[] = []
  let word = ''
  for (const ch of text) {
    const cjk = (ch.codePointAt(0) ?? 0) >= 0x2e80
    if (cjk) {
      if (word) out.push(word)
      word = ''
      if (NO_START.has(ch) && out.length) out[out.length - 1] += ch
      else out.push(ch)
    } else if (ch === ' ') {
      out.push(word + ' ')
      word = ''
    } else if (NO_START.has(ch) && !word && out.length) {
      out[out.length - 1] += ch
    } else word += ch
  }
  if (word) out.push(word)
  return out
}

export interface Wrapped {
  lines: string[]
  /** False when the text needed more lines than allowed; the last line then ends with "…". */
  fits: boolean
  /** Width of the widest line, in px. */
  width: number
}

/** Break `text` into at most `maxLines` lines no wider than `maxWidth` px. */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines = 2): Wrapped {
  const lines: string[] = []
  let line = ''
  const push = () => {
    lines.push(line.trimEnd())
    line = ''
  }
  for (let tok of tokens(text)) {
    if (textWidth((line + tok).trimEnd(), fontSize) <= maxWidth) {
      line += tok
      continue
    }
    if (line) push()
    // A word longer than the line is cut by characters.
    while (tok && textWidth(tok.trimEnd(), fontSize) > maxWidth) {
      let cut = ''
      for (const ch of tok) {
        if (textWidth(cut + ch, fontSize) > maxWidth) break
        cut += ch
      }
      // At least one character a line, however narrow the room.
      if (!cut) cut = [...tok][0] ?? tok
      lines.push(cut)
      tok = tok.slice(cut.length)
    }
    line = tok
  }
  if (line.trim()) push()
  if (lines.length === 0) lines.push('')
  let fits = true
  if (lines.length > maxLines) {
    fits = false
    lines.length = maxLines
    let last = lines[maxLines - 1]
    if (last === undefined) throw new RangeError(`wrapText: maxLines must be at least 1, not ${maxLines}`)
    while (last && textWidth(last + '…', fontSize) > maxWidth) last = [...last].slice(0, -1).join('')
    lines[maxLines - 1] = last.trimEnd() + '…'
  }
  return { lines, fits, width: Math.max(...lines.map((l) => textWidth(l, fontSize))) }
}
