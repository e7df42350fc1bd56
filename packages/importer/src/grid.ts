// A table laid onto a grid: rowspan and colspan expanded, so every position knows its text and
// whether it repeats a spanning cell. Text is kept verbatim; nothing is inferred here.

export interface GridCell {
  text: string
  /** True where a spanning cell is repeated, not where it was written. */
  spanned: boolean
  /** Columns the written cell spans. */
  colspan: number
  /** Where the cell is printed, when a PDF's ruling lines drew it (to highlight its source). */
  at?: CellPlace
}

export interface CellPlace {
  page: number
  /** Points from the page's top left. */
  box: { x: number; y: number; w: number; h: number }
}

export type Grid = GridCell[][]

export interface RawCell {
  text: string
  rowspan: number
  colspan: number
  at?: CellPlace
}

/** Lay rows of cells (as written, with spans) onto a grid. */
export function layGrid(rows: RawCell[][]): Grid {
  const grid: Grid = []
  rows.forEach((row, r) => {
    const line = (grid[r] ??= [])
    let c = 0
    for (const cell of row) {
      while (line[c]) c++
      for (let dr = 0; dr < cell.rowspan; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          const target = (grid[r + dr] ??= [])
          target[c + dc] = { text: cell.text, spanned: dr > 0 || dc > 0, colspan: cell.colspan, ...(cell.at ? { at: cell.at } : {}) }
        }
      }
      c += cell.colspan
    }
  })
  // Fill holes left by ragged rows so every row is an array of cells, holes marked as absent.
  return grid.map((row) => Array.from({ length: row.length }, (_, i) => row[i] ?? { text: '', spanned: true, colspan: 1 }))
}

/** Pipe tables of Markdown and of PDF-to-text converters: `| a | b |`, separator rows skipped. */
export function pipeTableGrid(lines: readonly string[]): Grid {
  return layGrid(
    lines
      .filter((l) => !/^\s*\|?\s*:?-{2,}/.test(l))
      .map((l) =>
        l
          .trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((t) => ({ text: t.trim(), rowspan: 1, colspan: 1 })),
      ),
  )
}

/** A merged cell of a ruled grid: the rows and columns of units it covers. */
export interface Area {
  r0: number
  r1: number
  c0: number
  c1: number
}

/**
 * The units of an `rows` × `columns` grid joined into merged cells wherever no border parts them
 * (`right(r, c)`: unit (r, c) runs on into (r, c + 1); `down(r, c)`: into (r + 1, c)), by
 * union-find. Each merged cell must be a rectangle, as in a Word table: null otherwise. Shared by
 * a PDF's ruling lines and a text's grid tables.
 */
export function mergedAreas(
  rows: number,
  columns: number,
  right: (r: number, c: number) => boolean,
  down: (r: number, c: number) => boolean,
): { areas: Area[]; areaAt: (r: number, c: number) => Area } | null {
  const parent = Array.from({ length: rows * columns }, (_, k) => k)
  const find = (k: number): number => {
    while (parent[k] !== k) {
      const up = parent[k] ?? k
      k = parent[k] = parent[up] ?? up
    }
    return k
  }
  const id = (r: number, c: number) => r * columns + c
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (c + 1 < columns && right(r, c)) parent[find(id(r, c))] = find(id(r, c + 1))
      if (r + 1 < rows && down(r, c)) parent[find(id(r, c))] = find(id(r + 1, c))
    }
  }
  const byRoot = new Map<number, Area & { units: number }>()
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const k = find(id(r, c))
      const a = byRoot.get(k)
      if (!a) byRoot.set(k, { r0: r, r1: r, c0: c, c1: c, units: 1 })
      else {
        a.r0 = Math.min(a.r0, r)
        a.r1 = Math.max(a.r1, r)
        a.c0 = Math.min(a.c0, c)
        a.c1 = Math.max(a.c1, c)
        a.units++
      }
    }
  }
  const areas = [...byRoot.values()]
  if (areas.some((a) => a.units !== (a.r1 - a.r0 + 1) * (a.c1 - a.c0 + 1))) return null
  const areaAt = (r: number, c: number) => {
    const a = byRoot.get(find(id(r, c)))
    if (!a) throw new Error(`unit ${r},${c} of the grid is in no area`)
    return a
  }
  return { areas: areas.sort((x, y) => x.r0 - y.r0 || x.c0 - y.c0), areaAt }
}
