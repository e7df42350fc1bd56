import { parseCellText } from '@gongkai/schema'

// A document as a stream of tokens in reading order: label text and cell values. Text from a
// page, a converter or a PDF's text layer all become this one shape, so one reader
// (linear.ts) finds the template's labels in it and the values that follow each of them.

export interface Tok {
  text: string
  /** A cell value: a number, "/", or (between `|` separators) an empty cell. */
  value: boolean
  /** Where the token stands in the source text (character offsets); -1 for PDF tokens. */
  start: number
  end: number
  /** Written between `|` separators: a whole cell, never digits to split. */
  cell?: boolean
  /** 0-based line in the source. */
  line: number
  /** Position on a PDF page, for columns by geometry. */
  x?: number
  x2?: number
  y?: number
  page?: number
}

/** Page furniture printed between the rows of a table broken over pages: "- 3 -", "第 3 页". */
export const PAGE_NUMBER = /^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/u
const MD_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/

const isCellValue = (t: string) => parseCellText(t).ok && parseCellText(t).ok && (parseCellText(t) as { ok: true; cell: { state: string } }).cell.state !== 'not_reported'

/**
 * One whitespace-free run of text into label text and numbers: "规章000行政规范性文件8855698"
 * gives 规章 | 000 | 行政规范性文件 | 8855698. A digit directly before "." or "、" and a label
 * ("00000002.其他法律…") is the label's own number, not a value.
 */
export function splitRun(run: string): Array<{ text: string; value: boolean; offset: number }> {
  if (isCellValue(run)) return [{ text: run, value: true, offset: 0 }]
  const out: Array<{ text: string; value: boolean; offset: number }> = []
  const re = /\d[\d,]*(?:\.\d+)?/gu
  let last = 0
  let m: RegExpExecArray | null
  const pushText = (from: number, to: number) => {
    if (to > from) out.push({ text: run.slice(from, to), value: false, offset: from })
  }
  while ((m = re.exec(run))) {
    let s = m.index
    let e = s + m[0].length
    // "2.其他…" / "3、要求…": the last digit numbers the label that follows.
    if (/^[.．、]\s*[\u3400-\u9fff“"]/u.test(run.slice(e)) && !/\.\d/.test(m[0])) {
      e -= 1
      if (e <= s) continue
    }
    // A sign written before the number: "-8", "减4" (only where the text before is not a word).
    if (s > 0 && /[-−]/.test(run[s - 1]!) && (s === 1 || !/[\d]/.test(run[s - 2]!))) s -= 1
    pushText(last, s)
    out.push({ text: run.slice(s, e), value: true, offset: s })
    last = e
    re.lastIndex = e
  }
  pushText(last, run.length)
  return out
}

/** Cells between `|` separators: "a | b | c |" and "| a | b |" give a, b, c. */
function pipeCells(line: string): Array<{ text: string; offset: number }> {
  let s = line
  let base = 0
  const lead = /^\s*\|/.exec(s)
  if (lead) {
    base = lead[0].length
    s = s.slice(base)
  }
  s = s.replace(/\|\s*$/, '')
  const out: Array<{ text: string; offset: number }> = []
  let at = 0
  for (const part of s.split('|')) {
    const trimmed = part.trim()
    out.push({ text: trimmed, offset: base + at + (part.length - part.trimStart().length) })
    at += part.length + 1
  }
  return out
}

/** Tokens of a text (page text, converter text or Markdown), with their offsets. */
export function tokenizeText(text: string): Tok[] {
  const toks: Tok[] = []
  let offset = 0
  text.split('\n').forEach((line, n) => {
    const lineStart = offset
    offset += line.length + 1
    if (PAGE_NUMBER.test(line) || MD_RULE.test(line)) return
    if (line.includes('|')) {
      for (const c of pipeCells(line)) {
        const start = lineStart + c.offset
        if (c.text === '' || isCellValue(c.text)) {
          toks.push({ text: c.text, value: true, cell: true, start, end: start + c.text.length, line: n })
          continue
        }
        // A cell of text may still carry numbers glued to it ("行政许可 12"): split it.
        for (const w of c.text.split(/\s+/u)) pushRun(toks, w, start + c.text.indexOf(w), n)
      }
      return
    }
    const re = /\S+/gu
    let m: RegExpExecArray | null
    while ((m = re.exec(line))) pushRun(toks, m[0], lineStart + m.index, n)
  })
  return toks
}

function pushRun(toks: Tok[], run: string, start: number, line: number) {
  if (!run) return
  for (const p of splitRun(run)) toks.push({ text: p.text, value: p.value, start: start + p.offset, end: start + p.offset + p.text.length, line })
}
