import {
  TEMPLATES,
  cellId,
  parseCellText,
  singleSection,
  type Cell,
  type ColumnDef,
  type Provenance,
  type RowDef,
  type SectionDef,
  type TableId,
  type TemplateId,
} from '@gongkai/schema'
import { PART_HEADING, matchForm, similarity } from './normalize.ts'
import { problem } from './problems.ts'
import { SUBTOTAL_GROUPS, headerUnit, withHeaderUnit, type RecognizedTable } from './recognize.ts'
import { consistentChoices, onlyAsMany, splitsOf, sumSplitsOf } from './splits.ts'
import type { Tok } from './tokens.ts'

// Reading tables by the template's labels, in reading order (reading-real-reports.md): find
// each row label of the national format in the token stream, then take the values that follow
// it until the next label. This does not need the table's grid, so it reads scraped page text,
// converter output whose tables were cut into pieces, and PDF text layers alike. Values are
// assigned to columns by their position on the page when there is geometry (PDF), otherwise by
// count, and only when the count is exact. Digits that lost their separators are split only
// where the table's identities leave one way to do it. Anything else is refused by name.

type Candidate = Array<{ text: string; tok: Tok | null }>

interface Anchor {
  kind: 'row' | 'title' | 'header'
  forms: string[]
  label: string
  /** The number the template gives the row ("2." or "（三）"), to find a misprinted label by it. */
  prefix: string | null
  row?: RowDef
  section?: SectionDef
}

interface Hit {
  anchor: number
  tok: number
  confidence: number
}

const TOP = '一二三四五六七八九十'

function prefixOf(label: string): { prefix: string | null; body: string; forms: (body: string) => string[] } {
  let m = /^(\d+)[.．、]\s*(.*)$/u.exec(label)
  if (m) {
    const [, n, body] = m as unknown as [string, string, string]
    return { prefix: `${n}.`, body, forms: (b) => [`${n}.${b}`, `${n}、${b}`, `（${n}）${b}`] }
  }
  m = /^（([一二三四五六七八九十]+)）\s*(.*)$/u.exec(label)
  if (m) {
    const [, n, body] = m as unknown as [string, string, string]
    return { prefix: `（${n}）`, body, forms: (b) => [`（${n}）${b}`, `${n}、${b}`] }
  }
  m = new RegExp(`^([${TOP}]+)、\\s*(.*)$`, 'u').exec(label)
  if (m) {
    const [, n, body] = m as unknown as [string, string, string]
    return { prefix: `${n}、`, body, forms: (b) => [`${n}、${b}`, `（${n}）${b}`, `${n}.${b}`] }
  }
  return { prefix: null, body: label, forms: (b) => [b] }
}

function anchorFor(kind: Anchor['kind'], label: string, aliases: readonly string[], extra: Partial<Anchor> = {}): Anchor {
  const forms = new Set<string>()
  let prefix: string | null = null
  for (const l of [label, ...aliases]) {
    const p = prefixOf(l)
    prefix ??= p.prefix
    for (const f of p.forms(p.body)) forms.add(matchForm(f))
    // A body long enough to be unambiguous is found without its number ("属于国家秘密").
    if (kind !== 'title' && [...p.body].length >= 4) forms.add(matchForm(p.body))
  }
  return { kind, label, prefix, forms: [...forms].sort((a, b) => b.length - a.length), ...extra }
}

/** A table's anchors are the same for every document: made once per table and template. */
const anchorCache = new Map<string, Anchor[]>()
function anchorsOf(key: string, make: () => Anchor[]): Anchor[] {
  let list = anchorCache.get(key)
  if (!list) anchorCache.set(key, (list = make()))
  return list
}

const isBlankTok = (t: Tok) => t.value && t.text.trim() === ''

/** The item at `i` of a list the caller keeps `i` within: an index past its end is a bug. */
function nth<T>(list: readonly T[], i: number): T {
  const x = list[i]
  if (x === undefined) throw new Error(`no item ${i} in a list of ${list.length}`)
  return x
}

/** The template row a hit on a row label names. */
function rowOf(anchors: readonly Anchor[], h: Hit): RowDef {
  const row = nth(anchors, h.anchor).row
  if (!row) throw new Error(`anchor ${h.anchor} is no row label`)
  return row
}

/** A token's middle on the page; NaN for a token with no place, which no comparison passes. */
const centre = (t: Tok) => ((t.x ?? NaN) + (t.x2 ?? NaN)) / 2

/** The gaps between neighbouring positions. */
function gapsOf(xs: readonly number[]): number[] {
  const out: number[] = []
  let prev: number | undefined
  for (const x of xs) {
    if (prev !== undefined) out.push(x - prev)
    prev = x
  }
  return out
}
/** Prose, or a part heading: the table has ended. */
const endsTable = (t: Tok) => {
  if (t.value) return false
  // A label with its note in brackets after it is no sentence, however long the note
  // ("规范性文件(行政机关制定发布的决定、公告、通告……,一般情况下属于规范性文件)", a paragraph a cell).
  const core = t.text.trim().replace(/^(.{1,20}?)[（(][^（()）]*[)）]$/u, '$1')
  return /[。；;]/.test(core) || (!t.cell && [...core].length > 40) || (PART_HEADING.test(t.text) && !/^[（(]/.test(t.text))
}

/**
 * Find anchors in order. Several may sit in one run of text ("第二十条第（五）项信息内容…行政许可");
 * a wrapped label is found across the next text tokens; a label misprinted beyond fuzzy matching
 * is found by its number between its neighbours.
 */
function findHits(
  toks: readonly Tok[],
  from: number,
  to: number,
  anchors: readonly Anchor[],
  firstAnywhere = false,
): { hits: Hit[]; end: number } {
  const stopAtProse = true
  const hits: Hit[] = []
  let a = 0
  let i = from
  for (; i < to && a < anchors.length; i++) {
    const tok = nth(toks, i)
    if (tok.value) continue
    // Labels are never read out of sentences; a sentence after the first label ends the table.
    if (endsTable(tok)) {
      if (stopAtProse && hits.length > 0) break
      continue
    }
    // The token and the text tokens after it (a label wrapped over lines, numbers between).
    const own = matchForm(tok.text)
    let window = own
    // Words that read as a value ("无") but stand inside a label spaced apart by a converter
    // ("1. 申请人 无 正 当 理由…"): kept in the window, and taken out of the values when a label
    // runs over them.
    const inside: Array<{ tok: Tok; from: number; to: number }> = []
    if (tok.x !== undefined) {
      // On a page: the lines below in the same column (a label wrapped two characters a line).
      for (let j = i + 1, k = 0; j < to && k < 16; j++) {
        const t = nth(toks, j)
        if (t.page !== tok.page) break
        if (t.value || Math.abs((t.x ?? 0) - tok.x) > 4 || (t.y ?? 0) <= (tok.y ?? 0)) continue
        window += matchForm(t.text)
        k++
      }
    } else {
      // The text of its line and the two lines after it (a label wrapped over lines, its words
      // perhaps spaced apart by a converter: "1. 申请人 无 正 当 理由逾期不补" / "正、行政机关…").
      // A line holding only a piece of a group label does not count among the two.
      let pieces = 0
      for (let j = i + 1; j < to && j - i <= 24; j++) {
        const t = nth(toks, j)
        if (t.line > tok.line + 2 + pieces) break
        if (!t.value && groupPiece(toks, j, tok.line)) {
          if (toks[j + 1]?.line !== t.line) pieces++
          continue
        }
        if (!t.value) window += matchForm(t.text)
        else if (!t.cell && t.line === tok.line && /^[\u3400-\u9fff]+$/u.test(t.text)) {
          inside.push({ tok: t, from: window.length, to: window.length + matchForm(t.text).length })
          window += matchForm(t.text)
        }
      }
    }
    let cursor = 0
    for (;;) {
      let best: { j: number; pos: number; len: number } | null = null
      // The first label may be any (an excerpt that starts inside a table), if it is long enough
      // to be certain; after it, labels come in the template's order, a few missing at most.
      const reach = hits.length === 0 && firstAnywhere ? anchors.length : Math.min(anchors.length, a + 3)
      for (let j = a; j < reach; j++) {
        for (const f of nth(anchors, j).forms) {
          if (hits.length === 0 && j > a + 2 && f.length < 6) continue
          const pos = window.indexOf(f, cursor)
          if (pos >= 0 && pos < own.length && (!best || pos < best.pos)) best = { j, pos, len: f.length }
        }
      }
      if (!best) break
      // A cell holds one label, at its start; what follows it there is explanation
      // ("其他对外管理服务事项(指…行政处罚、行政强制…)"), not more labels.
      if (tok.cell && best.pos > 0 && !/^[\d.、（）()一二三四五六七八九十]+$/u.test(own.slice(0, best.pos))) break
      hits.push({ anchor: best.j, tok: i, confidence: 1 })
      const [from, end] = [best.pos, best.pos + best.len]
      for (const w of inside) if (w.from > from && w.to < end) w.tok.value = false
      a = best.j + 1
      cursor = Math.min(own.length, best.pos + best.len)
      if (tok.cell || cursor >= own.length || a >= anchors.length) break
    }
    if (cursor === 0 && a < anchors.length) {
      // Fuzzy: the whole token, or with its continuation, close to the next label.
      for (let j = a; j < Math.min(anchors.length, a + 2); j++) {
        // Edit distance only where the lengths allow a score of 0.8 at all.
        const score = Math.max(
          0,
          ...nth(anchors, j)
            .forms.filter((f) => Math.abs(f.length - own.length) <= f.length * 0.25)
            .map((f) => similarity(own, f)),
        )
        if (score >= 0.8 && own.length >= 4) {
          hits.push({ anchor: j, tok: i, confidence: score })
          a = j + 1
          break
        }
      }
    }
  }
  // A label misprinted past recognition ("2.其他法律行政止公开") is still found by its number,
  // when it stands alone between the labels before and after it.
  for (let k = 0; k + 1 < hits.length; k++) {
    const h = nth(hits, k)
    const next = nth(hits, k + 1)
    if (next.anchor - h.anchor !== 2) continue
    const prefix = nth(anchors, h.anchor + 1).prefix
    if (!prefix) continue
    const between = toks
      .slice(h.tok + 1, next.tok)
      .map((t, n) => ({ t, n: h.tok + 1 + n }))
      .filter((x) => !x.t.value && matchForm(x.t.text).startsWith(matchForm(prefix)))
    const [only] = between
    // Alone: no other numbered row label between the two ("（六）" printed beside the 2021 rows
    // "1.申请人…", "2.申请人…", "3.其他" is the start of a group label, not the 2019 row; a
    // group's label such as "（四）无" beside a row may stand there).
    const numbered = toks
      .slice(h.tok + 1, next.tok)
      .some((t, n) => h.tok + 1 + n !== only?.n && !t.value && /^\d{1,2}[.．、]\s*[\u3400-\u9fff]/u.test(t.text))
    if (only && between.length === 1 && !numbered) hits.splice(k + 1, 0, { anchor: h.anchor + 1, tok: only.n, confidence: 0.5 })
  }
  // Every label found: the last row's values run on to the table's end.
  return { hits, end: a >= anchors.length ? to : i }
}

// Table 三's group labels, which a narrow merged cell wraps beside its rows' labels: in text
// laid out by columns (pdftotext -layout) a line reads "（六）    请" or "理      费用、行政…".
const T3_GROUP_FORMS = ['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理'].map(matchForm)

/**
 * Token `j` opens a line after `line` with a piece of a group label, alone there or with more
 * label text after it ("他处理", "（六）    请"): it is the group's, not part of the row label
 * wrapped onto that line. Left out of a label only where the rest then is the label exactly.
 */
function groupPiece(toks: readonly Tok[], j: number, line: number): boolean {
  const t = nth(toks, j)
  const before = toks[j - 1]
  const after = toks[j + 1]
  if (t.line <= line || (before && before.line === t.line) || (after && after.line === t.line && after.value)) return false
  const form = matchForm(t.text)
  return form.length > 0 && T3_GROUP_FORMS.some((g) => g.includes(form))
}

// A leaf row's own number and its first words ("2.其他法"); a group's number ("（三）不予公开")
// is not one: the values printed after a group label are its subtotal (see takeSubtotals).
const ROW_NUMBERED = /^\d{1,2}[.．、]\s*[\u3400-\u9fff“"]/u

const T3_HEADER_WORDS = matchForm('申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计')
// The note over its first column, in whatever pieces its lines wrap it into.
const T3_NOTE = matchForm('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')
/** A word of table 三's header, or one of its empty cells. */
function isT3Header(t: Tok): boolean {
  if (t.value) return t.cell === true && t.text === ''
  const f = matchForm(t.text)
  return f !== '' && (T3_HEADER_WORDS.includes(f) || T3_NOTE.includes(f) || /^[（(]?本列数据的勾稽关系/u.test(t.text.trim()))
}

/**
 * Token `i` is words on a line of their own, starting as a row label does ("其他主动公开文件(含…)"),
 * as a table pasted a paragraph a cell prints a row's label.
 */
function labelLine(toks: readonly Tok[], i: number): boolean {
  const t = nth(toks, i)
  return (
    !t.value &&
    toks[i - 1]?.line !== t.line &&
    toks[i + 1]?.line !== t.line &&
    /^(?:\d{1,2}[.．、]\s*)?[\u3400-\u9fff]{4}/u.test(t.text.trim())
  )
}

/**
 * The value tokens after a hit, up to the next hit (or the table's end). `columns`: the row's
 * count; a label line after that many values starts a row of its own (one the template does not
 * have), whose values are not this row's.
 */
function valuesAfter(toks: readonly Tok[], hits: readonly Hit[], k: number, end: number, subRows = false, columns?: number): Tok[] {
  const h = nth(hits, k)
  const next = hits[k + 1]
  const stop = next ? next.tok : end
  const out: Tok[] = []
  for (let i = h.tok + 1; i < stop; i++) {
    const t = nth(toks, i)
    if (t.value) out.push(t)
    // Table 二: a cell of words right after a row's label cell, before any value ("其他对外管理服务
    // 事项 |" then "行政检查 | 0 | 0 | 0"), is a row of its own under it: the values are that
    // row's, and the row above has none of its own (its figure is not the first sub-row's).
    else if (subRows && out.length === 0 && t.cell && nth(toks, h.tok).cell && /^[\u3400-\u9fff]/u.test(t.text.trim())) break
    // A cell of text after the values starts another row (one the template does not have).
    else if (t.cell && out.some((v) => !isBlankTok(v))) break
    // A numbered label after the values ("2.其他法律…", its words spaced apart past recognition)
    // starts the next row: its values are not this row's.
    else if (ROW_NUMBERED.test(t.text) && out.some((v) => !isBlankTok(v))) break
    else if (columns !== undefined && out.length === columns && labelLine(toks, i)) break
    else if (!next && endsTable(t)) break
    else if (!next && out.length > 0 && !/^[\u3400-\u9fff]{1,2}$/u.test(t.text.trim())) break
  }
  return out
}

/**
 * On a PDF page a row's numbers stand level with its label, not after it in reading order: a
 * label wrapped over three lines has its numbers beside the middle one. Each value goes to the
 * row whose label band (its first to its last line) it stands in, or the nearest one.
 */
function valuesByBand(toks: readonly Tok[], hits: readonly Hit[], end: number): Tok[][] {
  const bands = hits.map((h, k) => {
    const head = nth(toks, h.tok)
    const nextHit = hits[k + 1]
    const stop = nextHit?.tok ?? end
    const nextHead = nextHit ? nth(toks, nextHit.tok) : null
    // A label's lines end before the next label's line (a vertical group label's characters
    // stand on every line; they are not this label's continuation).
    const limit = nextHead && nextHead.page === head.page ? (nextHead.y ?? Infinity) - 2 : Infinity
    let y1 = head.y ?? 0
    for (let i = h.tok + 1; i < stop; i++) {
      const t = nth(toks, i)
      if (t.value || t.page !== head.page || (t.x ?? 0) < (head.x ?? 0) - 6 || (t.y ?? 0) >= limit) continue
      if ((t.y ?? 0) > y1 && (t.y ?? 0) - y1 < 2.2 * 12) y1 = t.y ?? y1
      else if ((t.y ?? 0) > y1) break
    }
    return { page: head.page, y0: head.y ?? 0, y1 }
  })
  const out: Tok[][] = hits.map(() => [])
  const from = Math.max(0, (hits[0]?.tok ?? 0) - 8)
  const lastStop = Math.max(end, ...hits.map((h) => h.tok + 1))
  for (let i = from; i < lastStop && i < toks.length; i++) {
    const v = nth(toks, i)
    const y = v.y
    if (!v.value || y === undefined) continue
    let best = -1
    let dist = Infinity
    bands.forEach((b, k) => {
      if (b.page !== v.page) return
      // Outside the band: how far; inside: a fraction, so the band whose middle is nearest wins.
      const d = y < b.y0 - 3 ? b.y0 - y : y > b.y1 + 3 ? y - b.y1 : Math.abs(y - (b.y0 + b.y1) / 2) / 100
      if (d < dist) {
        dist = d
        best = k
      }
    })
    if (best >= 0 && dist < 10) nth(out, best).push(v)
  }
  return out
}

interface ReadContext {
  toks: readonly Tok[]
  geometry: boolean
  prose: string
  /** Table 三 was read with each label after its values: the converter's order for the document. */
  valuesFirst?: boolean
}

/** Column centres per page, from the values' positions, when they form exactly `n` columns. */
function columnCentres(vals: readonly Tok[], n: number): Map<number, number[]> {
  const byPage = new Map<number, number[]>()
  for (const v of vals) {
    if (v.x === undefined || v.x2 === undefined || isBlankTok(v)) continue
    const list = byPage.get(v.page ?? 0) ?? []
    list.push((v.x + v.x2) / 2)
    byPage.set(v.page ?? 0, list)
  }
  const out = new Map<number, number[]>()
  for (const [page, xs] of byPage) {
    xs.sort((p, q) => p - q)
    const clusters: number[][] = []
    for (const x of xs) {
      const last = clusters[clusters.length - 1]
      const tail = last?.[last.length - 1]
      if (last && tail !== undefined && x - tail < 9) last.push(x)
      else clusters.push([x])
    }
    if (clusters.length === n)
      out.set(
        page,
        clusters.map((c) => c.reduce((s, x) => s + x, 0) / c.length),
      )
  }
  return out
}

/** Cluster x-centres that lie closer than `tol`; the mean of each cluster. */
function clusterCentres(xs: number[], tol: number): number[] {
  const sorted = [...xs].sort((p, q) => p - q)
  const clusters: number[][] = []
  for (const x of sorted) {
    const last = clusters[clusters.length - 1]
    const tail = last?.[last.length - 1]
    if (last && tail !== undefined && x - tail < tol) last.push(x)
    else clusters.push([x])
  }
  return clusters.map((c) => c.reduce((s, x) => s + x, 0) / c.length)
}

/**
 * Column centres from the header's own labels on each page (labels stacked over lines count by
 * their first line): the geometry a blank column cannot hide, unlike the values' positions.
 */
function headerCentres(
  toks: readonly Tok[],
  from: number,
  to: number,
  labels: readonly string[],
  rowTops: Map<number, number>,
): Map<number, number[]> {
  const out = new Map<number, number[]>()
  const pages = new Set(toks.slice(from, to).map((t) => t.page ?? 0))
  for (const page of pages) {
    // The header stands above the page's first row; row labels below it never count.
    const top = rowTops.get(page) ?? Infinity
    const heads = toks.slice(from, to).filter((t) => !t.value && (t.page ?? 0) === page && t.x !== undefined && (t.y ?? 0) < top)
    const found: number[] = []
    let at = -Infinity
    for (const label of labels) {
      const l = matchForm(label)
      const cands = heads.filter((t) => {
        const f = matchForm(t.text)
        return f.length >= 2 && l.startsWith(f) && centre(t) > at + 4
      })
      if (!cands.length) break
      // The leftmost candidate right of the previous column.
      const t = cands.reduce((b, c) => (centre(c) < centre(b) ? c : b))
      at = centre(t)
      found.push(at)
    }
    if (found.length === labels.length) out.set(page, found)
  }
  return out
}

/** The candidate readings of one row's values: one by position or by count, several when split. */
function rowCandidates(
  vals: readonly Tok[],
  n: number,
  ctx: ReadContext,
  centres: Map<number, number[]>,
  sumGroups: readonly number[] | null = null,
): { cands: Candidate[]; split: boolean; why: string | null; parts?: string[] } {
  const nonBlank = vals.filter((v) => !isBlankTok(v))
  const [firstVal] = nonBlank
  if (ctx.geometry && firstVal) {
    const cs = centres.get(firstVal.page ?? 0)
    if (cs && nonBlank.every((v) => v.page === firstVal.page)) {
      const cells: Candidate = Array.from({ length: n }, () => ({ text: '', tok: null }))
      const gap = Math.min(...gapsOf(cs))
      for (const v of nonBlank) {
        const c = centre(v)
        // The nearest column centre (the leftmost of equals).
        let k = 0
        let kx = cs[0] ?? NaN
        cs.forEach((x, idx) => {
          if (Math.abs(x - c) < Math.abs(kx - c)) {
            k = idx
            kx = x
          }
        })
        if (Math.abs(kx - c) > gap * 0.45) return { cands: [], split: false, why: 'a value between two columns' }
        if (nth(cells, k).tok) return { cands: [], split: false, why: 'two values in one column' }
        cells[k] = { text: v.text, tok: v }
      }
      return { cands: [cells], split: false, why: null }
    }
  }
  if (vals.length >= n && vals.slice(n).every(isBlankTok))
    return { cands: [vals.slice(0, n).map((v) => ({ text: v.text, tok: v }))], split: false, why: null }
  // A label merged over several columns, printed as the label and empty cells ("| 四、结转… | | |
  // 3 | 0 | …"): the empty cells before the row's own are padding, when only they can be.
  if (
    vals.length > n &&
    vals.every((v) => v.cell) &&
    vals.slice(0, vals.length - n).every(isBlankTok) &&
    !isBlankTok(nth(vals, vals.length - n))
  ) {
    return { cands: [vals.slice(vals.length - n).map((v) => ({ text: v.text, tok: v }))], split: false, why: null }
  }
  const [firstTok] = vals
  if (firstTok && vals.length < n && vals.every((v) => /^\d+$/.test(v.text) && !v.cell) && !ctx.geometry) {
    // A row made of groups that end in their own sum (tables 三 and 四) is split under those identities.
    const splits = sumGroups
      ? sumSplitsOf(
          vals.map((v) => v.text),
          sumGroups,
        )
      : splitsOf(
          vals.map((v) => v.text),
          n,
        )
    if (!splits) return { cands: [], split: true, why: 'too many ways to split' }
    return { cands: splits.map((s) => s.map((text) => ({ text, tok: firstTok }))), split: true, why: null, parts: vals.map((v) => v.text) }
  }
  return { cands: [], split: false, why: vals.length === 0 ? 'no values' : `${nonBlank.length} values for ${n} columns` }
}

const num = (t: string): number | null => {
  const p = parseCellText(t)
  if (!p.ok) return null
  if (p.cell.state === 'value') return p.cell.value
  if (p.cell.state === 'blank') return 0
  return null
}

function cellOf(text: string): Cell | null {
  const p = parseCellText(text)
  return p.ok ? p.cell : null
}

function provenanceOf(c: Candidate[number], how: 'split' | 'prose' | null): Provenance {
  const t = c.tok
  const prov: Provenance = { text: c.text }
  if (t) {
    if (t.page !== undefined && !t.layout) prov.page = t.page
    else prov.line = t.line + 1
    if (t.x !== undefined && t.y !== undefined && !t.layout)
      prov.box = { x: t.x, y: t.y, w: (t.x2 ?? t.x) - t.x, ...(t.h ? { h: t.h } : {}) }
  }
  if (how) prov.how = how
  return prov
}

interface RowReading {
  row: RowDef
  cands: Candidate[]
  split: boolean
  why: string | null
  label: string
  /** The digit runs a split was made from. */
  parts?: string[]
}

/** Accept the rows whose reading is certain; refuse and name the others. */
function settle(
  out: RecognizedTable,
  section: SectionDef,
  readings: RowReading[],
  check: ((pick: Map<string, number[] | null>) => boolean) | null,
  prose: string,
  splitsProved = false,
) {
  // A row with no reading at all takes no part in the identities (it is refused on its own);
  // it must not leave every other row without a consistent choice.
  const numeric = readings.map((r) =>
    r.cands.length ? r.cands.map((c) => c.map((x) => num(x.text) ?? Number.NaN)) : [section.columns.map(() => Number.NaN)],
  )
  let allowed: Array<Set<number>> | null = readings.map((r) => new Set(r.cands.map((_, i) => i)))
  if (check && readings.some((r) => r.cands.length > 1)) {
    allowed = consistentChoices(numeric, (choice) => {
      const pick = new Map<string, number[] | null>()
      readings.forEach((r, i) => {
        const c = nth(choice, i)
        pick.set(r.row.key, c.some((v) => Number.isNaN(v)) ? null : c)
      })
      return check(pick)
    })
  }
  readings.forEach((r, i) => {
    let options = r.cands.map((_, k) => k).filter((k) => allowed?.[i]?.has(k) ?? false)
    // A single reading that breaks the identities is still the reading: the validator reports it.
    if (r.cands.length === 1) options = [0]
    // Not a split where no identity holds the row (table 二): "2 14" for three columns is 2|1|4
    // only if no blank cell was lost, which nothing there can tell, unless the digits cannot be
    // read as fewer numbers at all ("000" is 0|0|0). Otherwise only the prose may confirm it.
    if (r.split && !check && !splitsProved && !(r.cands.length === 1 && r.parts && onlyAsMany(r.parts, section.columns.length)))
      options = []
    let how: 'split' | 'prose' | null = r.split ? 'split' : null
    if (options.length !== 1 && r.split) {
      const pool = check || splitsProved ? options : r.cands.map((_, k) => k)
      const stated = statedInProse(prose, r.row, section)
      const agree = pool.filter((k) => stated.every(([col, v]) => num(nth(nth(r.cands, k), col).text) === v))
      if (stated.length && agree.length === 1) {
        options = agree
        how = 'prose'
      }
    }
    if (options.length !== 1) {
      if (r.split) {
        const count = r.why === 'too many ways to split' ? 'many' : !check && !splitsProved ? 'unchecked' : options.length
        out.problems.push(
          problem('CELLS_RUN_TOGETHER', {
            table: out.table,
            row: r.label,
            count,
            digits: r.parts?.join(' ') ?? r.cands[0]?.map((c) => c.text).join('') ?? '',
            // Numbers printed apart but fewer than the columns: blank cells lost in a conversion.
            ...(r.parts && r.parts.length > 1 && r.parts.length < section.columns.length
              ? { values: r.parts.length, columns: section.columns.length }
              : {}),
          }),
        )
      } else out.problems.push(problem('ROW_UNREADABLE', { table: out.table, row: r.label, why: r.why ?? '' }))
      return
    }
    const cand = nth(r.cands, nth(options, 0))
    section.columns.forEach((col, k) => {
      const c = nth(cand, k)
      const cell = cellOf(c.text)
      const id = cellId(r.row.key, col.key)
      if (!cell) {
        out.problems.push(problem('CELL_UNREADABLE', { table: out.table, text: c.text, row: r.label, column: col.label }))
        return
      }
      if (cell.state === 'not_reported') return
      out.cells[id] = cell
      out.provenance[id] = provenanceOf(c, how)
    })
  })
}

// Figures a report states in words about table 二's rows ("现行有效行政规范性文件698件"): they
// confirm a split of run-together digits when the identities cannot (table 二 has none).
const ROW_WORDS: Record<string, string> = {
  rules: '规章',
  normative: '规范性文件',
  licensing: '行政许可',
  penalty: '行政处罚',
  compulsion: '行政强制',
}
const COLUMN_WORDS: Record<string, RegExp> = {
  issued: /制发|新制定|印发/u,
  repealed: /废止/u,
  in_force: /现行有效/u,
  made: /新制作|制发/u,
  total: /对外公开总/u,
}
function statedInProse(prose: string, row: RowDef, section: SectionDef): Array<[number, number]> {
  const word = ROW_WORDS[row.key.split('.')[1] ?? '']
  if (!word) return []
  const out: Array<[number, number]> = []
  for (const clause of prose.split(/[，。；,;！？\n]/u)) {
    if (!clause.includes(word)) continue
    section.columns.forEach((col, k) => {
      const re = COLUMN_WORDS[col.key]
      if (!re?.test(clause)) return
      const m = new RegExp(`${word}[^\\d，。]{0,6}?(\\d+)\\s*件`, 'u').exec(clause)
      if (m?.[1]) out.push([k, Number(m[1])])
    })
  }
  return out
}

function empty(table: TableId, template: TemplateId): RecognizedTable {
  return { table, template, cells: {}, extras: [], provenance: {}, signals: 0, score: 0, problems: [] }
}

/**
 * Every label there and not one value printed (a page whose numbers were lost in the scrape):
 * nothing was read, and the table is unreadable, never a table of blanks or zeros.
 */
function valuesLost(out: RecognizedTable): RecognizedTable {
  const cells = Object.values(out.cells)
  if (cells.length > 0 && cells.every((c) => c.state === 'blank' && !c.raw?.trim())) {
    out.cells = {}
    out.provenance = {}
  }
  return out
}

const T3_ROWS = (t: TemplateId) => singleSection(t, '三')

function t3Check(template: TemplateId) {
  const rows = T3_ROWS(template).rows
  const outcomes = rows.filter((r) => r.groups[0] === '三、本年度办理结果' && r.key !== 'total').map((r) => r.key)
  return (pick: Map<string, number[] | null>) => {
    for (const [, v] of pick) if (v && v.slice(0, 6).reduce((s, x) => s + x, 0) !== v[6]) return false
    for (let c = 0; c < 7; c++) {
      const get = (k: string) => pick.get(k)?.[c]
      const [n, ci, tot, co] = [get('new'), get('carried_in'), get('total'), get('carried_out')]
      if (n !== undefined && ci !== undefined && tot !== undefined && co !== undefined && n + ci !== tot + co) return false
      const parts = outcomes.map(get)
      if (tot !== undefined && parts.every((p) => p !== undefined) && parts.reduce((s, p) => s + p, 0) !== tot) return false
    }
    return true
  }
}

export interface LinearTables {
  tables: RecognizedTable[]
  /** Token ranges the tables took, to leave out of the prose. */
  spans: Array<{ from: number; to: number }>
}

/** A number inside a header's explanation ("本年增/减（…如-8）"): words, not a cell. */
function bracketed(toks: readonly Tok[], i: number): boolean {
  const before = toks[i - 1]
  const after = toks[i + 1]
  if (!before || !after || before.value || after.value) return false
  const open = (t: string) => Math.max(t.lastIndexOf('('), t.lastIndexOf('（')) > Math.max(t.lastIndexOf(')'), t.lastIndexOf('）'))
  return open(before.text) && /^[^（(]*[)）]/u.test(after.text)
}
/** Values printed as cells between two points of the stream (not numbers in a header's words). */
const printedValues = (toks: readonly Tok[], from: number, to: number) =>
  toks.slice(from, to).filter((t, k) => t.value && !isBlankTok(t) && !bracketed(toks, from + k))

/** Table 三's header words: what stands above the first row. */
const T3_HEADER_WORD = /自然人|商业|企业|科研|机构|公益|组织|法律|服务|其他|总计|申请人情况/u

/**
 * The start of values printed right after table 三's header and before its first row label,
 * or null. Only in a stream without page geometry: on a page, values go by their position.
 */
function leadingValues(ctx: ReadContext, first: number): number | null {
  if (ctx.geometry) return null
  let j = first - 1
  while (j >= 0 && nth(ctx.toks, j).value) j--
  const vals = printedValues(ctx.toks, j + 1, first)
  if (vals.length < 2 || j < 0 || !T3_HEADER_WORD.test(matchForm(nth(ctx.toks, j).text))) return null
  return j + 1
}

/**
 * A publisher's subtotal row in a stream ("（三）不予公开 2000002" before "1.属于国家秘密"): the
 * values after the group's label are its own, not the row above's. They are taken out of that
 * row and returned, to be kept as printed (T3-GRP checks them).
 */
function takeSubtotals(toks: readonly Tok[], hits: readonly Hit[], byRow: Tok[][]): Array<{ label: string; values: Tok[] }> {
  const out: Array<{ label: string; values: Tok[] }> = []
  hits.forEach((h, k) => {
    const stop = hits[k + 1]?.tok ?? h.tok + 1
    for (let i = h.tok + 1; i < stop; i++) {
      const t = nth(toks, i)
      const group = t.value ? undefined : SUBTOTAL_GROUPS.get(matchForm(t.text))
      if (!group) continue
      const own = nth(byRow, k).filter((v) => toks.indexOf(v) < i)
      const values = nth(byRow, k).filter((v) => toks.indexOf(v) > i)
      if (!values.length) return
      byRow[k] = own
      out.push({ label: group, values })
      return
    }
  })
  return out
}

/** T3-COL on one row as printed: the six applicant columns add up to the total (rows with a non-number pass). */
function t3RowAddsUp(row: readonly Tok[]): boolean {
  const v = row.map((t) => num(t.text))
  if (!v.every((x) => x !== null)) return true
  return v.slice(0, 6).reduce((s, x) => s + x, 0) === v[6]
}

/** Every order of `n` items (n! of them; table 三's seven columns make 5,040). */
function permutations(n: number): number[][] {
  if (n === 0) return [[]]
  const out: number[][] = []
  for (const rest of permutations(n - 1))
    for (let at = 0; at <= rest.length; at++) out.push([...rest.slice(0, at), n - 1, ...rest.slice(at)])
  return out
}

/**
 * Labels printed apart from their values: a converter that prints a run of row labels and then
 * all their values. Each run of labels without values of their own, ending at a label followed by
 * more than one row's values, takes those values by order, and only when there are exactly
 * labels × columns of them. The values may run row by row (most converters), or a column at a
 * time in no certain order of columns (pdfminer's text boxes put a page's "其他" column after its
 * "总计"). The rows are taken only when every one of those readings that the identities allow
 * (`addsUp`, table 三's T3-COL on each row) gives the same table; without identities (table 二),
 * only when there is one column, where every reading is the same. Anything else is refused by
 * name (`refuse`), never guessed.
 */
function labelsApart(
  byRow: Tok[][],
  n: number,
  addsUp: ((row: readonly Tok[]) => boolean) | null,
  refuse: (from: number, to: number, why: string) => void,
): void {
  let from = 0
  for (let k = 0; k < byRow.length; k++) {
    const vals = nth(byRow, k)
    if (vals.length === 0) continue
    const start = from
    from = k + 1
    if (k === start || vals.length <= n) continue
    const rows = k - start + 1
    // Empty cells a converter left after the last value are no cells of this run.
    const all = vals.filter((v, i, a) => !isBlankTok(v) || a.slice(i).some((x) => !isBlankTok(x)))
    if (all.length !== rows * n) {
      refuse(start, k, `labels and values printed apart, ${all.length} values for ${rows} rows × ${n}`)
      byRow[k] = []
      continue
    }
    const byRows = Array.from({ length: rows }, (_, r) => all.slice(r * n, (r + 1) * n))
    let pick: Tok[][] | null = null
    let why = ''
    if (n === 1) pick = byRows
    else if (!addsUp) why = 'labels and values printed apart: whether they run row by row or column by column cannot be told'
    else {
      const readings = new Map<string, Tok[][]>()
      const keep = (table: Tok[][]) => {
        if (table.every(addsUp)) readings.set(table.map((row) => row.map((t) => t.text).join(' ')).join('\n'), table)
      }
      keep(byRows)
      for (const order of permutations(n)) keep(Array.from({ length: rows }, (_, r) => order.map((c) => nth(all, c * rows + r))))
      if (readings.size === 1) pick = [...readings.values()][0] ?? null
      else
        why =
          readings.size === 0
            ? 'labels and values printed apart: the rows add up neither row by row nor column by column'
            : `labels and values printed apart: ${readings.size} orders of the values make every row add up`
    }
    if (!pick) {
      refuse(start, k, why)
      byRow[k] = []
      continue
    }
    pick.forEach((row, r) => (byRow[start + r] = row))
  }
}

/** A run of rows `labelsApart` could not place: one problem naming its first and last row. */
function refuseRun(
  out: RecognizedTable,
  table: TableId,
  anchors: readonly Anchor[],
  hits: readonly Hit[],
  from: number,
  to: number,
  why: string,
): void {
  const first = rowOf(anchors, nth(hits, from)).label
  const last = rowOf(anchors, nth(hits, to)).label
  out.problems.push(problem('ROW_UNREADABLE', { table, row: `${first} … ${last}`, why }))
}

function readTable3(ctx: ReadContext, template: TemplateId, from: number): { table: RecognizedTable; from: number; to: number } | null {
  const section = T3_ROWS(template)
  const anchors = anchorsOf(`三/${template}`, () => section.rows.map((r) => anchorFor('row', r.label, r.aliases, { row: r, section })))
  const { hits, end } = findHits(ctx.toks, from, ctx.toks.length, anchors, true)
  // One row is enough when its whole label was found (an excerpt that keeps only row 一).
  const [firstHit] = hits
  if (!firstHit || (hits.length === 1 && (firstHit.confidence < 1 || [...nth(anchors, firstHit.anchor).label].length < 6))) return null
  const out = empty('三', template)
  out.score = hits.length
  if (template === '2021' && hits.some((h) => rowOf(anchors, h).key.startsWith('other_'))) out.signals++
  const byRow = ctx.geometry ? valuesByBand(ctx.toks, hits, end) : hits.map((_, k) => valuesAfter(ctx.toks, hits, k, end))
  // A converter that printed the label column first and the values after it (pdfminer prints a
  // page's labels, then its values column by column): matched by order (see labelsApart).
  const n = section.columns.length
  if (!ctx.geometry) labelsApart(byRow, n, t3RowAddsUp, (from, to, why) => refuseRun(out, '三', anchors, hits, from, to, why))
  const lead = leadingValues(ctx, firstHit.tok)
  if (lead) {
    // Values stand between the header and the first row's label: this converter printed rows'
    // values before their labels (pdftotext does, for a one-line label beside a wrapped one).
    // Each label then takes the values before it, if that reading is whole and every identity
    // holds; otherwise no row can be told from its neighbour, and all are refused.
    const before = hits.map((h, k) => ctx.toks.slice(k === 0 ? lead : nth(hits, k - 1).tok + 1, h.tok).filter((t) => t.value))
    const picks = before.map((vals) => rowCandidates(vals, n, ctx, new Map()))
    const pick = new Map<string, number[] | null>()
    picks.forEach((p, k) =>
      pick.set(
        rowOf(anchors, nth(hits, k)).key,
        p.cands.length === 1 && !p.split ? nth(p.cands, 0).map((x) => num(x.text) ?? Number.NaN) : null,
      ),
    )
    const whole = [...pick.values()].every((v) => v && !v.some((x) => Number.isNaN(x))) && pick.size === section.rows.length
    if (whole && t3Check(template)(pick)) {
      before.forEach((vals, k) => (byRow[k] = vals))
      out.valuesFirst = true
    } else {
      out.problems.push(
        problem('ROW_UNREADABLE', {
          table: '三',
          row: '全部 all rows',
          why: 'values printed before their labels: which row each belongs to cannot be told',
        }),
      )
      hits.forEach((_, k) => (byRow[k] = []))
    }
  }
  // Values after a group's label are its subtotal's, unless every row's values come before its label.
  const subtotals = ctx.geometry || lead ? [] : takeSubtotals(ctx.toks, hits, byRow)
  const centres = columnCentres(byRow.flat(), section.columns.length)
  if (ctx.geometry) {
    // Columns from the values' positions and from the header must agree; where they do not, no
    // page geometry is trusted and a row is read by count alone (exactly seven values).
    const rowTops = new Map<number, number>()
    for (const h of hits) {
      const t = nth(ctx.toks, h.tok)
      rowTops.set(t.page ?? 0, Math.min(rowTops.get(t.page ?? 0) ?? Infinity, (t.y ?? 0) - 2))
    }
    const headers = headerCentres(
      ctx.toks,
      Math.max(0, firstHit.tok - 120),
      Math.max(end, nth(hits, hits.length - 1).tok + 1),
      ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
      rowTops,
    )
    const pages = [...new Set(byRow.flat().map((v) => v.page ?? 0))]
    for (const p of pages) {
      const hc = headers.get(p)
      const vc = centres.get(p)
      if (hc && vc) {
        const gap = Math.min(...gapsOf(hc))
        const agree = vc.every((x, i) => {
          const h = hc[i]
          return h !== undefined && Math.abs(x - h) < gap * 0.35
        })
        if (!agree) centres.delete(p)
      } else if (hc) centres.set(p, hc)
      else if (
        vc &&
        byRow.some((r) => r.some((v) => (v.page ?? 0) === p) && r.filter((v) => !isBlankTok(v)).length < section.columns.length)
      )
        centres.delete(p)
    }
  }
  const readings: RowReading[] = hits.map((h, k) => {
    const row = rowOf(anchors, h)
    const vals = nth(byRow, k)
    const first = rowCandidates(vals, section.columns.length, ctx, centres, [section.columns.length])
    const split = first.split
    let { cands, why } = first
    const colOk = (c: Candidate) => {
      const v = c.map((x) => num(x.text))
      if (!v.every((x) => x !== null)) return true
      return v.slice(0, 6).reduce((s, x) => s + x, 0) === v[6]
    }
    const one = cands.length === 1 ? cands[0] : undefined
    // A split must satisfy the row's own identity, T3-COL.
    if (split) cands = cands.filter(colOk)
    // Placed by position with blanks among the values: where T3-COL fails, a value may have gone
    // to the wrong column. Refused rather than published in the wrong place.
    else if (ctx.geometry && one && one.some((x) => x.text === '') && !colOk(one)) {
      cands = []
      why = 'columns uncertain: the row does not add up with these positions'
    }
    if (h.confidence < 1)
      out.problems.push(
        problem('LABEL_FUZZY', {
          table: '三',
          label: nth(ctx.toks, h.tok).text,
          matched: row.label,
          confidence: Math.round(h.confidence * 100) / 100,
        }),
      )
    return { row, cands, split, why, label: row.label, ...(first.parts ? { parts: first.parts } : {}) }
  })
  if (template === '2019' && readings.some((r) => r.row.key === 'other' && r.cands.length > 0)) out.signals++
  settle(out, section, readings, t3Check(template), ctx.prose)
  for (const sub of subtotals) {
    const read = rowCandidates(sub.values, section.columns.length, ctx, centres, [section.columns.length])
    if (read.cands.length !== 1) {
      out.problems.push(
        problem('ROW_UNREADABLE', {
          table: '三',
          row: sub.label,
          why: read.why ?? `${read.cands.length} ways to split ${read.parts?.join(' ') ?? ''}`,
        }),
      )
      continue
    }
    // Kept only where it is the sum of its rows as read: values after a group's label may also
    // be its first row's, printed before that row's label; which, only the sum can tell.
    const values = nth(read.cands, 0).map((c) => num(c.text))
    const children = section.rows.filter((r) => r.groups.includes(sub.label))
    const adds = section.columns.every((col, k) => {
      const parts = children.map((r) => out.cells[cellId(r.key, col.key)])
      return (
        parts.every((p) => p && (p.state === 'value' || p.state === 'blank')) &&
        parts.reduce((sum, p) => sum + (p?.state === 'value' ? p.value : 0), 0) === values[k]
      )
    })
    if (!adds) {
      out.problems.push(
        problem('ROW_UNREADABLE', {
          table: '三',
          row: sub.label,
          why: 'values after the group label that are not the sum of its rows: a subtotal, or its first row’s, cannot be told',
        }),
      )
      continue
    }
    nth(read.cands, 0).forEach((c, k) => {
      const cell = cellOf(c.text)
      const col = nth(section.columns, k)
      if (cell && cell.state !== 'blank' && cell.state !== 'not_reported')
        out.extras.push({ row: [sub.label], column: [...col.groups, col.label], cell })
    })
  }
  valuesLost(out)
  const lastHit = nth(hits, hits.length - 1)
  const lastVals = valuesAfter(ctx.toks, hits, hits.length - 1, end)
  const to = Math.max(lastHit.tok + 1, ...lastVals.map((v) => ctx.toks.indexOf(v) + 1))
  // The table starts at its header, printed before the first row: its words are the table's, not
  // the part's prose.
  // On a page the first row's values may stand before its label in reading order (a label
  // wrapped below them): the table starts at whichever comes first.
  let head = Math.min(firstHit.tok, ...(byRow[0] ?? []).map((v) => ctx.toks.indexOf(v)).filter((i) => i >= 0))
  while (head > 0 && isT3Header(nth(ctx.toks, head - 1))) head--
  // Empty cells before the header's first word may be the last cells of the table before.
  while (head < firstHit.tok && isBlankTok(nth(ctx.toks, head)) && nth(ctx.toks, head).cell) head++
  return { table: out, from: head, to }
}

function readTable2(
  ctx: ReadContext,
  template: TemplateId,
  from: number,
  to: number,
): { table: RecognizedTable; from: number; to: number } | null {
  const sections = TEMPLATES[template].tables['二'].sections
  const anchors = anchorsOf(`二/${template}`, () =>
    sections.flatMap((s) => [
      anchorFor('title', s.title ?? '', s.titleAliases, { section: s }),
      ...s.rows.map((r) => anchorFor('row', r.label, r.aliases, { row: r, section: s })),
    ]),
  )
  // Table 二 starts at its first block title or its first 信息内容 header.
  let start = from
  const opens = (t: Tok) => !t.value && !endsTable(t) && /^(?:[二2][、.]?.{0,12})?(?:第二十条|信息内容)/u.test(matchForm(t.text))
  while (start < to && !opens(nth(ctx.toks, start))) start++
  if (start >= to) return null
  const { hits, end } = findHits(ctx.toks, start, to, anchors)
  const rowHits = hits.filter((h) => nth(anchors, h.anchor).kind === 'row')
  if (rowHits.length < 2) return null
  const out = empty('二', template)
  out.score = rowHits.length
  // The columns a header names are this template's evidence: 本年制发件数 is 2021's alone.
  const region = ctx.toks
    .slice(start, Math.min(end, to))
    .filter((t) => !t.value)
    .map((t) => matchForm(t.text))
    .join('')
  const only = (t: TemplateId) =>
    sections
      .flatMap((s) => s.columns)
      .filter(
        (c) => !TEMPLATES[t === '2019' ? '2021' : '2019'].tables['二'].sections.some((o) => o.columns.some((oc) => oc.label === c.label)),
      )
  for (const c of only(template)) if ([c.label, ...c.aliases].some((l) => region.includes(matchForm(l)))) out.signals++
  const byRow = ctx.geometry
    ? valuesByBand(ctx.toks, hits, end)
    : hits.map((h, k) =>
        valuesAfter(
          ctx.toks,
          hits,
          k,
          end,
          true,
          nth(anchors, h.anchor).kind === 'row' ? nth(anchors, h.anchor).section?.columns.length : undefined,
        ),
      )
  // Per block, how many of its own column labels its header names (from its title to its rows).
  const evidence = new Map<string, number>()
  for (const s of sections) {
    const own = hits.filter((h) => nth(anchors, h.anchor).section === s)
    const [firstOwn] = own
    if (!firstOwn) continue
    const from = firstOwn.tok
    const firstRow = own.find((h) => nth(anchors, h.anchor).kind === 'row')?.tok ?? from
    const text = ctx.toks
      .slice(from, firstRow + 1)
      .filter((t) => !t.value)
      .map((t) => matchForm(t.text))
      .join('')
    evidence.set(s.key, s.columns.filter((c) => [c.label, ...c.aliases].some((l) => text.includes(matchForm(l)))).length / s.columns.length)
  }
  out.blocks = evidence
  const valuesFirstBlocks = new Set<string>()
  for (const s of sections) {
    const readings: RowReading[] = []
    const own = rowHits.filter((x) => nth(anchors, x.anchor).section === s)
    const [firstOwn] = own
    // Values between the block's header and its first row: printed before their labels. Table
    // 二 has no identities to confirm that order, so it is taken only where table 三 proved it.
    const blockStart = firstOwn
      ? Math.max(start, ...hits.filter((x) => x.tok <= firstOwn.tok && nth(anchors, x.anchor).kind === 'title').map((x) => x.tok))
      : start
    const firstBefore = firstOwn && !ctx.geometry ? printedValues(ctx.toks, blockStart, firstOwn.tok).length > 0 : false
    if (firstBefore) valuesFirstBlocks.add(s.key)
    // A money column whose header prints the unit ("采购总金额（万元）"): the unit is its cells'.
    const unit = firstOwn
      ? headerUnit(
          ctx.toks
            .slice(blockStart, firstOwn.tok)
            .filter((t) => !t.value)
            .map((t) => t.text)
            .join(''),
        )
      : null
    // The block's own header names fewer columns than the template's ("信息内容 | 本年新制作数量 |
    // 对外公开总数量" for three): the page has its own columns, and the values are not in the
    // template's places. Read by the header's columns where each row has a cell under each of them.
    const fewer = firstOwn && !ctx.geometry ? fewerColumns(ctx.toks, blockStart, firstOwn.tok, s) : null
    if (fewer) {
      readByHeader(
        out,
        s,
        fewer,
        own.map((h) => ({ row: rowOf(anchors, h), vals: nth(byRow, hits.indexOf(h)) })),
      )
      withUnit(out, s, unit)
      continue
    }
    // The block's labels printed apart from its values: matched by order where the order is
    // certain (table 二 has no identities, so only where row and column order agree).
    if (!ctx.geometry && !firstBefore) {
      const mine = own.map((h) => nth(byRow, hits.indexOf(h)))
      labelsApart(mine, s.columns.length, null, (a, b, why) => refuseRun(out, '二', anchors, own, a, b, why))
      own.forEach((h, i) => (byRow[hits.indexOf(h)] = nth(mine, i)))
    }
    for (const h of own) {
      const k = hits.indexOf(h)
      let vals = nth(byRow, k)
      if (firstBefore) {
        const prev = hits[k - 1]
        vals = ctx.valuesFirst ? ctx.toks.slice(prev ? prev.tok + 1 : blockStart, h.tok).filter((t) => t.value) : []
        if (!ctx.valuesFirst) {
          readings.push({
            row: rowOf(anchors, h),
            cands: [],
            split: false,
            why: 'values printed before their labels: which row each belongs to cannot be told',
            label: rowOf(anchors, h).label,
          })
          continue
        }
      }
      const { cands, split, why, parts } = rowCandidates(vals, s.columns.length, ctx, columnCentres(vals, s.columns.length))
      readings.push({ row: rowOf(anchors, h), cands, split, why, label: rowOf(anchors, h).label, ...(parts ? { parts } : {}) })
    }
    settle(out, s, readings, null, ctx.prose)
    withUnit(out, s, unit)
  }
  keepUnknownRows(ctx, hits, anchors, end, out, valuesFirstBlocks)
  valuesLost(out)
  const last = nth(hits, hits.length - 1)
  const lastVals = valuesAfter(ctx.toks, hits, hits.length - 1, end)
  return { table: out, from: start, to: Math.max(last.tok + 1, ...lastVals.map((v) => ctx.toks.indexOf(v) + 1)) }
}

/** The block's money cells read without a unit take the one its header prints (`withHeaderUnit`). */
function withUnit(out: RecognizedTable, s: SectionDef, unit: string | null) {
  if (!unit) return
  for (const col of s.columns)
    for (const row of s.rows) {
      const id = cellId(row.key, col.key)
      const cell = out.cells[id]
      if (cell) out.cells[id] = withHeaderUnit(cell, col, unit)
    }
}

/** A block's own header: its cells in order, each the template's column it names by its full label (or null). */
interface OwnHeader {
  cells: Array<{ text: string; column: ColumnDef | null }>
}

/**
 * A block of table 二 whose own header (the cells after its 信息内容, up to its first row) names
 * fewer columns than the template has, one of them at least by its full label: a page that prints
 * only some columns, or columns of its own. Null otherwise (a header split over more cells, or
 * lost, names no fewer).
 */
function fewerColumns(toks: readonly Tok[], from: number, to: number, section: SectionDef): OwnHeader | null {
  let at = -1
  for (let i = from; i < to; i++) if (matchForm(nth(toks, i).text) === matchForm('信息内容')) at = i
  if (at < 0) return null
  const texts = toks
    .slice(at + 1, to)
    .filter((t) => !t.value && t.text.trim())
    .map((t) => t.text.trim())
  if (texts.length === 0 || texts.length >= section.columns.length) return null
  const named = (t: string) => section.columns.find((c) => [c.label, ...c.aliases].some((l) => matchForm(l) === matchForm(t))) ?? null
  const cells = texts.map((text) => ({ text, column: named(text) }))
  if (
    !cells.some((c) => c.column) ||
    new Set(cells.flatMap((c) => (c.column ? [c.column] : []))).size !== cells.filter((c) => c.column).length
  )
    return null
  return { cells }
}

/**
 * The rows of a block under its own header (`fewerColumns`): a row whose cells (between `|`, so
 * certain) stand one under each header cell, blank ones after them aside, is read by the header's
 * columns; a header cell the template does not have is named and not read, nor are the template's
 * columns the header leaves out. Any other row is refused.
 */
function readByHeader(
  out: RecognizedTable,
  section: SectionDef,
  header: OwnHeader,
  rows: ReadonlyArray<{ row: RowDef; vals: readonly Tok[] }>,
) {
  const names = header.cells.map((c) => c.text).join('、')
  for (const c of header.cells)
    if (!c.column) out.problems.push(problem('COLUMN_UNKNOWN', { table: out.table, block: section.title ?? '', column: c.text }))
  for (const { row, vals } of rows) {
    let n = vals.length
    while (n > 0 && isBlankTok(nth(vals, n - 1))) n--
    const cells = vals.slice(0, Math.max(n, header.cells.length))
    if (cells.length !== header.cells.length || !cells.every((v) => v.cell)) {
      out.problems.push(
        problem('ROW_UNREADABLE', {
          table: out.table,
          row: row.label,
          why: `the page's own header has ${header.cells.length} columns (${names}), the row ${n} values: which column each value is cannot be told`,
        }),
      )
      continue
    }
    header.cells.forEach((h, k) => {
      const v = nth(cells, k)
      if (!h.column) return
      const cell = cellOf(v.text)
      const id = cellId(row.key, h.column.key)
      if (!cell) {
        out.problems.push(problem('CELL_UNREADABLE', { table: out.table, text: v.text, row: row.label, column: h.column.label }))
        return
      }
      if (cell.state === 'not_reported') return
      out.cells[id] = cell
      out.provenance[id] = provenanceOf({ text: v.text, tok: v }, null)
    })
  }
}

/**
 * A row the template does not have (a province's extra 其他主动公开文件), written as a cell of
 * text with its values after it: kept as published under its own label, never merged into the
 * row above. Only between `|` cells, where a row's cells are certain.
 */
function keepUnknownRows(
  ctx: ReadContext,
  hits: readonly Hit[],
  anchors: readonly Anchor[],
  end: number,
  out: RecognizedTable,
  skip: ReadonlySet<string>,
) {
  const hitToks = new Set(hits.map((h) => h.tok))
  for (const [k, h] of hits.entries()) {
    const section = nth(anchors, h.anchor).section
    // Values after a label are not its own in a block printed values first.
    if (!section || skip.has(section.key)) continue
    const stop = hits[k + 1]?.tok ?? end
    for (let i = h.tok + 1; i < stop; i++) {
      const t = nth(ctx.toks, i)
      // A cell of words, or a label on a line of its own after the row's values (a paragraph a cell).
      const own = t.cell || (labelLine(ctx.toks, i) && ctx.toks.slice(h.tok + 1, i).some((v) => v.value && !isBlankTok(v)))
      if (t.value || !own || hitToks.has(i) || endsTable(t) || /信息内容|第二十条/u.test(matchForm(t.text))) continue
      const vals: Tok[] = []
      let j = i + 1
      for (; j < stop; j++) {
        const v = nth(ctx.toks, j)
        if (!v.value) break
        vals.push(v)
      }
      const n = section.columns.length
      if (!vals.slice(0, n).some((v) => !isBlankTok(v)) || vals.slice(n).some((v) => !isBlankTok(v)) || vals.length < n) continue
      section.columns.forEach((col, c) => {
        const cell = cellOf(nth(vals, c).text)
        if (cell && cell.state !== 'not_reported') out.extras.push({ row: [section.title ?? '', t.text], column: [col.label], cell })
      })
      out.problems.push(problem('LABEL_UNKNOWN', { table: out.table, label: t.text }))
      i = j - 1
    }
  }
}

const T4_WORDS = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
const T4_CHARS = new Set([...T4_WORDS.join('')])
/** Table 四's header text, including labels printed one character per line. */
const isT4Header = (t: string) => {
  const f = matchForm(t)
  return f.length > 0 && [...f].every((ch) => T4_CHARS.has(ch) || /[、，]/.test(ch))
}

function readTable4(ctx: ReadContext, from: number): { table: RecognizedTable; from: number; to: number } | null {
  const section = singleSection('2021', '四')
  // The header: a token naming 行政复议 with 行政诉讼 or the leaf labels soon after it.
  let start = -1
  let headed = false
  for (let i = from; i < ctx.toks.length; i++) {
    const t = nth(ctx.toks, i)
    if (!t.value && matchForm(t.text).includes('行政复议')) {
      const ahead = ctx.toks
        .slice(i, i + 60)
        .filter((x) => !x.value)
        .map((x) => matchForm(x.text))
        .join('')
      const valuesSoon = ctx.toks.slice(i + 1, i + 40).filter((x) => x.value).length >= 5
      headed = /维持|纠正|审结/u.test(ahead)
      if (headed || /行政诉讼/u.test(ahead) || valuesSoon) {
        start = i
        break
      }
    }
  }
  if (start < 0) return null
  // The data row: a run of values after the header. A run that a sentence follows was prose
  // ("2020 年，…"), not the table.
  let vals: Tok[] = []
  let i = start + 1
  const limit = Math.min(ctx.toks.length, start + 200)
  for (; i < limit; i++) {
    const t = nth(ctx.toks, i)
    if (t.value) {
      vals.push(t)
      continue
    }
    if (isT4Header(t.text)) {
      // Empty cells before a header word are the header's own (a merged header cell's empty
      // continuation), not the start of the data row.
      if (vals.every(isBlankTok)) vals = []
      continue
    }
    if (vals.filter((v) => !isBlankTok(v)).length >= 15) break
    if (PART_HEADING.test(t.text) && !matchForm(t.text).includes('行政复议')) break
    vals = []
  }
  // Layout debris ("| | |") is not a row of blank cells: a row needs at least one printed value.
  if (!vals.some((v) => !isBlankTok(v))) {
    // The table's header printed whole, word by word (行政复议, 行政诉讼, 结果维持, 结果纠正, …), and
    // not one value after it before the next part (or the text's end): a page that lost its numbers. The table is in
    // the source, unread (TABLE_UNREADABLE), not "not in the source".
    const words = new Set(
      ctx.toks
        .slice(start, i)
        .filter((t) => !t.value && isT4Header(t.text))
        .map((t) => matchForm(t.text)),
    )
    const ended = i < limit || limit === ctx.toks.length
    if (!headed || !ended || T4_WORDS.filter((w) => words.has(matchForm(w))).length < 6) return null
    const lost = empty('四', '2021')
    lost.score = 1
    return { table: lost, from: start, to: i }
  }
  // Without its header's words, only a row of fifteen numbers (or their fifteen digits run
  // together) is table 四; numbers in a sentence about reconsideration are not.
  const printed = vals.filter((v) => !isBlankTok(v))
  if (!headed && !(printed.length >= 15 || (printed.length === 1 && /^\d{15,}$/.test(nth(printed, 0).text)))) return null
  // Blank cells beyond fifteen belong to the rows around (a header row's "| | |", a Word row's
  // end mark): which of them, before or after, is told by the row's own three sums, and when they
  // cannot tell, the row is refused rather than shifted.
  let ambiguous = false
  if (vals.length > 15 && !ctx.geometry) {
    const extra = vals.length - 15
    const ways: Tok[][] = []
    for (let lead = 0; lead <= extra; lead++) {
      const dropped = [...vals.slice(0, lead), ...vals.slice(vals.length - (extra - lead))]
      if (dropped.every(isBlankTok)) ways.push(vals.slice(lead, lead + 15))
    }
    const sums = (w: Tok[]) =>
      [0, 5, 10].every((g) => w.slice(g, g + 4).reduce((a, x) => a + (num(x.text) ?? 0), 0) === (num(nth(w, g + 4).text) ?? 0))
    const good = ways.filter(sums)
    const distinct = new Set(good.map((w) => w.map((x) => x.text).join('|')))
    if (distinct.size === 1) vals = nth(good, 0)
    else if (ways.length === 1) vals = nth(ways, 0)
    else if (ways.length > 1) ambiguous = true
  } else while (vals.length > 15 && isBlankTok(nth(vals, 0))) vals.shift()
  const out = empty('四', '2021')
  out.score = 1
  const centres = columnCentres(vals, 15)
  const [firstVal] = vals
  if (ctx.geometry && firstVal) {
    const page = firstVal.page ?? 0
    const heads = ctx.toks
      .slice(start, i)
      .filter(
        (t) =>
          !t.value &&
          (t.page ?? 0) === page &&
          isT4Header(t.text) &&
          !/行政复议|行政诉讼|直接起诉|复议后起诉/u.test(matchForm(t.text)) &&
          t.x !== undefined &&
          (t.y ?? 0) < (firstVal.y ?? 0),
      )
    const xs = clusterCentres(heads.map(centre), 8)
    if (xs.length === 15) centres.set(page, xs)
  }
  const read = ambiguous
    ? { cands: [], split: false, why: 'blank cells before and after the row: which are its own cannot be told' }
    : rowCandidates(vals, 15, ctx, centres, [5, 5, 5])
  const { split, why } = read
  let cands = read.cands
  const groupsOk = (c: Candidate) =>
    [0, 5, 10].every((g) => c.slice(g, g + 4).reduce((s, x) => s + (num(x.text) ?? 0), 0) === num(nth(c, g + 4).text))
  if (split) cands = cands.filter(groupsOk)
  const [row] = section.rows
  if (!row) throw new Error("the 2021 template's table 四 has no row")
  // Its splits are held by its own three sums (groupsOk).
  settle(
    out,
    section,
    [{ row, cands, split, why, label: '行政复议、行政诉讼', ...(read.parts ? { parts: read.parts } : {}) }],
    null,
    ctx.prose,
    true,
  )
  // The part's heading, where the header starts with it, stays in the prose.
  const first = nth(ctx.toks, start).text
  const spanFrom = PART_HEADING.test(first) || /^四\s*[、.，,]/u.test(first) ? start + 1 : start
  return { table: out, from: spanFrom, to: i }
}

/**
 * Table 二 read in both templates. Some reports print one block in the other layout (a 2022
 * report whose （一） block keeps the 2019 columns): the block whose header names the other
 * template's columns, and none of its own, is taken from that reading, as extras by label, so
 * its numbers are kept and never put into cells that mean something else.
 */
function mixBlocks<T extends { table: RecognizedTable }>(
  r19: T | null,
  r21: T | null,
  better: (a: T | null, b: T | null) => T | null,
): T | null {
  if (!r19 || !r21) return r19 ?? r21
  // The layout whose headers the blocks name most is the table's; the other fills in its blocks.
  const named = (r: T) => [...(r.table.blocks?.values() ?? [])].reduce((sum, x) => sum + x, 0)
  const base = named(r19) === named(r21) ? better(r19, r21) : named(r19) > named(r21) ? r19 : r21
  if (!base) throw new Error('of two readings, better() chose neither')
  const other = base === r19 ? r21 : r19
  for (const s of TEMPLATES[base.table.template].tables['二'].sections) {
    const mine = base.table.blocks?.get(s.key) ?? 1
    const theirs = other.table.blocks?.get(s.key) ?? 0
    if (mine > 0 || theirs === 0) continue
    const os = TEMPLATES[other.table.template].tables['二'].sections.find((x) => x.key === s.key)
    if (!os) throw new Error(`the ${other.table.template} template's table 二 has no block ${s.key}`)
    const labels = new Set(s.rows.map((r) => r.label))
    for (const r of s.rows)
      for (const c of s.columns) {
        delete base.table.cells[cellId(r.key, c.key)]
        delete base.table.provenance[cellId(r.key, c.key)]
      }
    base.table.problems = base.table.problems.filter((p) => !labels.has(String(p.where.row ?? '')))
    for (const r of os.rows) {
      for (const c of os.columns) {
        const cell = other.table.cells[cellId(r.key, c.key)]
        if (cell) base.table.extras.push({ row: [os.title ?? '', r.label], column: [c.label], cell })
      }
    }
    base.table.mixed = [...(base.table.mixed ?? []), os.title ?? '']
    base.table.problems.push(
      problem('TEMPLATE_MIXED', {
        detail: `表二${s.title}按${other.table.template}年格式印制，数值按原标签保留 / printed in the ${other.table.template} layout, kept under its own labels`,
      }),
    )
  }
  return base
}

/** Every statistic table found in the stream, each read in the template its labels fit best. */
export function readLinear(toks: readonly Tok[], options: { geometry?: boolean; prose?: string } = {}): LinearTables {
  const ctx: ReadContext = { toks, geometry: options.geometry ?? false, prose: options.prose ?? toks.map((t) => t.text).join('') }
  const tables: RecognizedTable[] = []
  const spans: Array<{ from: number; to: number }> = []
  const better = <T extends { table: RecognizedTable }>(a: T | null, b: T | null): T | null => {
    if (!a) return b
    if (!b) return a
    const key = (x: T) => Object.keys(x.table.cells).length * 10 + x.table.signals * 30 + x.table.score
    return key(b) > key(a) ? b : a
  }
  const table3From = (from: number) => better(readTable3(ctx, '2019', from), readTable3(ctx, '2021', from))
  const table2Before = (to: number) => mixBlocks(readTable2(ctx, '2019', 0, to), readTable2(ctx, '2021', 0, to), better)
  let t3 = table3From(0)
  ctx.valuesFirst = t3?.table.valuesFirst === true
  let t2 = table2Before(t3?.from ?? toks.length)
  // Table 二 comes before table 三 in every report. A "table 三" of which nothing was read, with
  // no table 二 before it but one after it, was words of the prose ("全年新收政府信息公开申请数量0件，
  // 上年结转政府信息公开申请数量0件"): table 三 is looked for again after table 二.
  if (!t2 && t3 && Object.keys(t3.table.cells).length === 0) {
    const later = table2Before(toks.length)
    if (later && later.from > t3.from) {
      t3 = table3From(later.to)
      ctx.valuesFirst = t3?.table.valuesFirst === true
      t2 = ctx.valuesFirst ? table2Before(t3?.from ?? toks.length) : later
    }
  }
  const t4 = readTable4(ctx, t3?.to ?? t2?.to ?? 0)
  for (const t of [t2, t3, t4]) {
    if (!t) continue
    tables.push(t.table)
    spans.push({ from: t.from, to: t.to })
  }
  return { tables, spans }
}

/** Table 三's cells as rows of numbers (blank as 0), for its identities. */
function t3Rows(t: RecognizedTable): Map<string, number[] | null> {
  const section = T3_ROWS(t.template)
  const pick = new Map<string, number[] | null>()
  for (const r of section.rows) {
    const v = section.columns.map((c) => {
      const cell = t.cells[cellId(r.key, c.key)]
      return !cell ? Number.NaN : cell.state === 'value' ? cell.value : cell.state === 'blank' ? 0 : Number.NaN
    })
    pick.set(r.key, v.some((x) => Number.isNaN(x)) ? null : v)
  }
  return pick
}

/**
 * Tables read with an empty line as an empty cell (`tokenizeLines`), kept only where that
 * reading is proved: table 三 whole, every identity holding, and cells standing on adjacent
 * lines (text that only spaces its lines apart never has two values on adjacent lines). Tables
 * 二 and 四 follow table 三; 四 also needs its own three groups to add up.
 */
export function readLineCells(toks: readonly Tok[]): RecognizedTable[] {
  const { tables } = readLinear(toks)
  const t3 = provedT3(tables)
  if (!t3) return []
  const lines = new Set(
    Object.values(t3.provenance)
      .map((p) => p.line)
      .filter((l): l is number => l !== undefined),
  )
  const adjacent = [...lines].filter((l) => lines.has(l + 1)).length
  if (adjacent < 3) return []
  return tables.filter((t) => t.table !== '四' || t4AddsUp(t))
}

/** Table 三 of a reading, if it was read whole, with no error, and every identity holds. */
function provedT3(tables: readonly RecognizedTable[]): RecognizedTable | null {
  const t3 = tables.find((t) => t.table === '三')
  if (!t3 || t3.problems.some((p) => p.severity === 'error')) return null
  const rows = t3Rows(t3)
  return [...rows.values()].some((v) => v === null) || !t3Check(t3.template)(rows) ? null : t3
}

/** Table 四 read whole and adding up in its three groups (复议, 直接起诉, 复议后起诉). */
function t4AddsUp(t: RecognizedTable): boolean {
  const v = singleSection('2021', '四').columns.map((c) => {
    const cell = t.cells[cellId('main', c.key)]
    return cell?.state === 'value' ? cell.value : cell?.state === 'blank' ? 0 : Number.NaN
  })
  return [0, 5, 10].every((g) => v.slice(g, g + 4).reduce((a, b) => a + b, 0) === v[g + 4])
}

/**
 * Tables read from text laid out in columns (`tokenizeLayout`), by position as on a page: kept
 * where table 三 reads whole and adds up (tables 二 and 四 follow it; 四 must add up too).
 */
export function readLayout(text: string, tokenize: (text: string, wide: boolean, left: boolean) => Tok[]): RecognizedTable[] {
  if (!/\S {2,}\S/.test(text)) return []
  for (const [wide, left] of [
    [false, false],
    [true, false],
    [true, true],
    [false, true],
  ] as const) {
    const { tables } = readLinear(tokenize(text, wide, left), { geometry: true, prose: text })
    const proved = proveTables(tables)
    if (proved.length) return proved
  }
  return []
}

/** The tables of a reading, if its table 三 is whole and every identity holds; else none. */
function proveTables(tables: RecognizedTable[]): RecognizedTable[] {
  if (!provedT3(tables)) return []
  return tables.filter((t) => (t.table === '四' ? t4AddsUp(t) : !t.problems.some((p) => p.severity === 'error')))
}

/**
 * Two readings of the same document (by grid, by labels in reading order): per table, the one
 * that read more cells with fewer refusals. The other's problems go with it.
 */
export function preferReadings(byGrid: readonly RecognizedTable[], byLabels: readonly RecognizedTable[]): RecognizedTable[] {
  const out: RecognizedTable[] = []
  const worth = (t: RecognizedTable) =>
    Object.values(t.cells).filter((c) => c.state !== 'blank' || c.raw).length * 4 +
    Object.keys(t.cells).length -
    t.problems.filter((p) => p.severity === 'error').length * 2
  for (const id of ['二', '三', '四'] as const) {
    const grid = byGrid.filter((t) => t.table === id)
    const labels = byLabels.filter((t) => t.table === id)
    const g = grid.reduce((s, t) => s + worth(t), 0)
    const l = labels.reduce((s, t) => s + worth(t), 0)
    out.push(...(labels.length && (l > g || !grid.length) ? labels : grid))
  }
  return out
}
