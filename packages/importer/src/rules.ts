import { layGrid, mergedAreas, type Area, type Grid, type RawCell } from './grid.ts'

// Tables of a PDF read by their ruling lines. Word, WPS and LibreOffice draw a table's borders as
// lines or thin filled rectangles; where a table has them, they say exactly which cell every word
// is in, which cells are merged (the vertical label 三、本年度办理结果, the header's group cells)
// and where a wrapped label's lines belong. The table is rebuilt as the writer had it, rows and
// merged cells, and read like an HTML or DOCX table. Where the lines cannot say it with
// certainty (a word across a border, a merged area that is not a rectangle, too few lines) the
// table is left to the reading by text positions (pdf.ts), never guessed.

/** A straight stroke on a page, in points from the page's top left. */
export interface Segment {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** A word on the same page: `y` is its baseline from the page's top, `h` its height. */
export interface PlacedWord {
  text: string
  x: number
  x2: number
  y: number
  h: number
}

export interface RuledTable {
  grid: Grid
  /** Top and bottom of the table on its page. */
  top: number
  bottom: number
  /** Where its columns' borders are, left to right. */
  columns: number[]
  /** The same table laid onto other column borders (those of the page before, when it continues it). */
  withColumns: (columns: number[]) => RuledTable | null
}

/** Lines closer than this (points) are one line: double borders, rounding of writers. */
const SAME = 2.5
/** A border shorter than this is not one (a dash, a bullet's stroke). */
const MIN_LENGTH = 4

interface HLine {
  y: number
  a: number
  b: number
}
interface VLine {
  x: number
  a: number
  b: number
}

/** Horizontal and vertical lines, collinear pieces joined. Slanted strokes are no borders. */
function axisLines(segs: readonly Segment[]): { h: HLine[]; v: VLine[] } {
  const h: HLine[] = []
  const v: VLine[] = []
  for (const s of segs) {
    const dx = Math.abs(s.x1 - s.x0)
    const dy = Math.abs(s.y1 - s.y0)
    if (dy <= 1 && dx >= MIN_LENGTH) h.push({ y: (s.y0 + s.y1) / 2, a: Math.min(s.x0, s.x1), b: Math.max(s.x0, s.x1) })
    else if (dx <= 1 && dy >= MIN_LENGTH) v.push({ x: (s.x0 + s.x1) / 2, a: Math.min(s.y0, s.y1), b: Math.max(s.y0, s.y1) })
  }
  const join = <T extends { a: number; b: number }>(ls: T[], at: (l: T) => number): T[] => {
    ls.sort((p, q) => at(p) - at(q) || p.a - q.a)
    const out: T[] = []
    for (const l of ls) {
      const same = out.filter((o) => Math.abs(at(o) - at(l)) <= 1 && l.a <= o.b + SAME && l.b >= o.a - SAME)
      const [o] = same
      if (o) {
        o.a = Math.min(o.a, l.a)
        o.b = Math.max(o.b, l.b)
      } else out.push({ ...l })
    }
    return out
  }
  return { h: join(h, (l) => l.y), v: join(v, (l) => l.x) }
}

/** Positions closer than SAME are one; each cluster by its mean. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b)
  const groups: number[][] = []
  for (const x of sorted) {
    const g = groups[groups.length - 1]
    const last = g?.[g.length - 1]
    if (g && last !== undefined && x - last <= SAME) g.push(x)
    else groups.push([x])
  }
  return groups.map((g) => g.reduce((s, x) => s + x, 0) / g.length)
}

function find(parent: number[], i: number): number {
  const up = (k: number) => {
    const p = parent[k]
    if (p === undefined) throw new Error(`${k} is not in the union-find (${parent.length} elements)`)
    return p
  }
  while (up(i) !== i) i = parent[i] = up(up(i))
  return i
}

function union(parent: number[], a: number, b: number) {
  parent[find(parent, a)] = find(parent, b)
}

/** The border at `k` of a table's column or row borders, which the caller has kept in range. */
function stop(stops: readonly number[], k: number): number {
  const s = stops[k]
  if (s === undefined) throw new Error(`border ${k} of ${stops.length}`)
  return s
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef（）“”、，。：；]/u

/** A cell's words in reading order: lines by baseline, words left to right. */
function cellText(words: PlacedWord[]): string {
  const sorted = [...words].sort((p, q) => p.y - q.y || p.x - q.x)
  const lines: Array<[PlacedWord, ...PlacedWord[]]> = []
  for (const w of sorted) {
    const l = lines[lines.length - 1]
    if (l && Math.abs(w.y - l[0].y) < Math.max(1.5, w.h * 0.4)) l.push(w)
    else lines.push([w])
  }
  const glue = (left: string, right: string, sameLine: boolean) => {
    // Chinese wraps anywhere and has no spaces; Latin words keep theirs. Two numbers never
    // become one: "12" over "3" stays "12 3", which no cell parses, so it is refused by name.
    if (/\d$/.test(left) && /^\d/.test(right)) return ' '
    if (CJK.test(left.slice(-1)) || CJK.test(right[0] ?? '')) return ''
    return sameLine ? ' ' : ''
  }
  let out = ''
  for (const l of lines) {
    l.sort((p, q) => p.x - q.x)
    l.forEach((w, j) => {
      out += out === '' ? w.text : glue(out, w.text, j > 0) + w.text
    })
  }
  return out.trim()
}

/**
 * The ruled tables on one page: rows and merged cells rebuilt from the borders, each cell's text
 * from the words inside it. `words` are this page's words; a table whose borders do not place
 * every word inside it with certainty is not returned.
 */
export function ruledTables(segs: readonly Segment[], words: readonly PlacedWord[], page: number): RuledTable[] {
  const { h, v } = axisLines(segs)
  if (h.length < 2 || v.length < 3) return []
  // Tables: lines that touch, joined.
  const parent = [...h, ...v].map((_, i) => i)
  h.forEach((hl, i) =>
    v.forEach((vl, j) => {
      if (vl.x >= hl.a - SAME && vl.x <= hl.b + SAME && hl.y >= vl.a - SAME && hl.y <= vl.b + SAME) union(parent, i, h.length + j)
    }),
  )
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>()
  h.forEach((l, i) => {
    const k = find(parent, i)
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { h: [], v: [] }))
    g.h.push(l)
  })
  v.forEach((l, j) => {
    const k = find(parent, h.length + j)
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { h: [], v: [] }))
    g.v.push(l)
  })
  const out: RuledTable[] = []
  for (const g of groups.values()) {
    const t = rebuild(g.h, g.v, words, page)
    if (t) out.push(t)
  }
  return out.sort((a, b) => a.top - b.top)
}

/**
 * A side of a table with no border of its own: a Word table styled without outer side borders,
 * or a table wider than the page printed from a web page ("save as PDF") and cut at the page's
 * edge. Its row borders then all run on past the outermost vertical border, to the same place:
 * that place is the side of the outermost column. Only when (nearly) every row border does so.
 */
function openEdges(hs: readonly HLine[], xs: number[]): number[] {
  const first = xs[0]
  const last = xs[xs.length - 1]
  if (first === undefined || last === undefined || hs.length < 3) return xs
  const side = (ends: number[]) => (ends.length >= hs.length * 0.8 && Math.max(...ends) - Math.min(...ends) <= SAME ? ends : null)
  const right = side(hs.filter((l) => l.b > last + 8).map((l) => l.b))
  const left = side(hs.filter((l) => l.a < first - 8).map((l) => l.a))
  return [...(left ? [Math.max(...left)] : []), ...xs, ...(right ? [Math.min(...right)] : [])]
}

function rebuild(hs: HLine[], vs: VLine[], words: readonly PlacedWord[], page: number, columns?: number[]): RuledTable | null {
  const xs = columns ?? openEdges(hs, cluster(vs.map((l) => l.x)))
  const left = xs[0]
  const right = xs[xs.length - 1]
  // At least two rows and two columns of cells: a box around a paragraph or a rule under a
  // heading is not a table.
  if (xs.length < 3 || left === undefined || right === undefined) return null
  // A table cut by a page break may have no border where it is cut: its side borders end
  // there, and so does the table.
  const ends = [Math.min(...vs.map((l) => l.a)), Math.max(...vs.map((l) => l.b))]
  hs = [...hs, ...ends.filter((y) => hs.every((l) => Math.abs(l.y - y) > SAME)).map((y) => ({ y, a: left, b: right }))]
  const ys = cluster(hs.map((l) => l.y))
  const top = ys[0]
  const bottom = ys[ys.length - 1]
  if (ys.length < 3 || top === undefined || bottom === undefined) return null
  const nr = ys.length - 1
  const nc = xs.length - 1
  // A border runs along a cell's side when a line there covers the side's middle half.
  const vAt = (k: number, r: number) => {
    const a = stop(ys, r)
    const b = stop(ys, r + 1)
    const q = (b - a) / 4
    const x = stop(xs, k)
    return vs.some((l) => Math.abs(l.x - x) <= SAME && l.a <= a + q && l.b >= b - q)
  }
  const hAt = (k: number, c: number) => {
    const a = stop(xs, c)
    const b = stop(xs, c + 1)
    const q = (b - a) / 4
    const y = stop(ys, k)
    return hs.some((l) => Math.abs(l.y - y) <= SAME && l.a <= a + q && l.b >= b - q)
  }
  // Cells with no border between them are one merged cell; each must be a rectangle, as in a Word table.
  const merged = mergedAreas(
    nr,
    nc,
    (r, c) => !vAt(c + 1, r),
    (r, c) => !hAt(r + 1, c),
  )
  if (!merged) return null
  const wordsIn = new Map<Area, PlacedWord[]>(merged.areas.map((a) => [a, []]))
  // The words inside the table, each in the cell its middle is in; none may cross a border.
  const index = (stops: number[], x: number) => {
    return stops.findIndex((s, i) => {
      const next = stops[i + 1]
      return next !== undefined && x >= s && x < next
    })
  }
  let placed = 0
  for (const w of words) {
    const cx = (w.x + w.x2) / 2
    const cy = w.y - w.h * 0.35
    if (cx < left || cx > right || cy < top || cy > bottom) continue
    const c = index(xs, cx)
    const r = index(ys, cy)
    if (c < 0 || r < 0) return null
    const a = merged.areaAt(r, c)
    const slack = Math.max(1.5, w.h * 0.25)
    if (w.x < stop(xs, a.c0) - slack || w.x2 > stop(xs, a.c1 + 1) + slack) return null
    wordsIn.get(a)?.push(w)
    placed++
  }
  if (placed === 0) return null
  // Rows as written: each merged cell where it starts, with its spans.
  const rows: RawCell[][] = Array.from({ length: nr }, () => [])
  for (const a of merged.areas) {
    const x = stop(xs, a.c0)
    const y = stop(ys, a.r0)
    rows[a.r0]?.push({
      text: cellText(wordsIn.get(a) ?? []),
      rowspan: a.r1 - a.r0 + 1,
      colspan: a.c1 - a.c0 + 1,
      at: { page, box: { x, y, w: stop(xs, a.c1 + 1) - x, h: stop(ys, a.r1 + 1) - y } },
    })
  }
  // Rows that hold nothing at all (a band between two close borders) are left out.
  return {
    grid: layGrid(rows).filter((row) => row.some((cell) => cell.text !== '')),
    top,
    bottom,
    columns: xs,
    withColumns: (stops) => rebuild(hs, vs, words, page, stops),
  }
}

/**
 * A table that runs over a page break is printed as two ruled tables: the one that ends a page
 * and the one that starts the next, with the same column borders and nothing between them but
 * the page's furniture (its number). They are joined into one; any other pair stays apart.
 */
export function joinAcrossPages(
  pages: ReadonlyArray<{ tables: RuledTable[]; before: (t: RuledTable) => boolean; after: (t: RuledTable) => boolean }>,
): Grid[] {
  const out: Grid[] = []
  // The parts of the table the last page ended with, as printed, and the borders they are laid on.
  let open: { parts: RuledTable[]; columns: number[] } | null = null
  const near = (a: number, b: number) => Math.abs(a - b) <= SAME
  // The same outer column borders.
  const sameSides = (a: readonly number[], b: readonly number[]) => {
    const [a0, a1, b0, b1] = [a[0], a.at(-1), b[0], b.at(-1)]
    return a0 !== undefined && a1 !== undefined && b0 !== undefined && b1 !== undefined && near(a0, b0) && near(a1, b1)
  }
  for (const { tables, before, after } of pages) {
    tables.forEach((t, i) => {
      const o: { parts: RuledTable[]; columns: number[] } | null = open
      let joined: { parts: RuledTable[]; columns: number[]; grid: Grid } | null = null
      if (o && i === 0 && before(t) && sameSides(o.columns, t.columns)) {
        if (t.columns.every((x) => o.columns.some((y) => near(x, y)))) {
          // Every inner border one the part above has (a part whose cells are merged across some
          // of its columns draws fewer): laid onto its columns.
          const cont = t.columns.length === o.columns.length ? t : t.withColumns(o.columns)
          if (cont) joined = { parts: [...o.parts, t], columns: o.columns, grid: [...(out[out.length - 1] ?? []), ...cont.grid] }
        } else {
          // Borders the part above lacks (its rows there were merged: table 三's header and first
          // row span the label columns a later page divides): every part laid onto all the borders.
          const columns = [...o.columns, ...t.columns.filter((x) => !o.columns.some((y) => near(x, y)))].sort((a, b) => a - b)
          const laid = [...o.parts, t].map((part) => part.withColumns(columns))
          if (laid.every((x) => x !== null)) joined = { parts: [...o.parts, t], columns, grid: laid.flatMap((x) => x?.grid ?? []) }
        }
      }
      if (joined) out[out.length - 1] = joined.grid
      else out.push([...t.grid])
      open = i === tables.length - 1 && after(t) ? (joined ?? { parts: [t], columns: t.columns }) : null
    })
    if (!tables.length) open = null
  }
  return out
}
