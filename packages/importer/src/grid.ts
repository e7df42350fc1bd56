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
