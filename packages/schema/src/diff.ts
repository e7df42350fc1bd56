import { toCells, type CellRecord } from './cells.ts'
import type { Block, ReportDocument } from './document.ts'
import { PART_IDS, type PartId, type TableId } from './templates.ts'

// What changed between two revisions: paragraphs (per part, aligned by longest common
// subsequence) and cells (by label path, so even a template change compares cell by cell).

export interface ParagraphChange {
  part: PartId | 'preamble'
  change: 'added' | 'removed' | 'changed'
  before: string | null
  after: string | null
}

export interface CellChange {
  table: TableId
  row: string[]
  column: string[]
  before: Pick<CellRecord, 'state' | 'value' | 'raw' | 'unit'>
  after: Pick<CellRecord, 'state' | 'value' | 'raw' | 'unit'>
}

export interface MetaChange {
  field: 'title' | 'agency' | 'year' | 'template' | 'period'
  before: string
  after: string
}

export interface DocumentDiff {
  meta: MetaChange[]
  paragraphs: ParagraphChange[]
  cells: CellChange[]
}

function blockText(b: Block): string {
  if (b.type === 'list') return b.items.map((i) => `· ${i}`).join('\n')
  return b.text
}

/** Align two lists of paragraphs; unmatched neighbours pair up as changes. */
function diffTexts(part: ParagraphChange['part'], a: string[], b: string[]): ParagraphChange[] {
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  // The longest common run of a[i..] and b[j..]; 0 past either end.
  const len = (i: number, j: number): number => lcs[i]?.[j] ?? 0
  for (let i = n - 1; i >= 0; i--) {
    const row = new Array<number>(m + 1).fill(0)
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? len(i + 1, j + 1) + 1 : Math.max(len(i + 1, j), row[j + 1] ?? 0)
    lcs[i] = row
  }
  const out: ParagraphChange[] = []
  let removed: string[] = []
  let added: string[] = []
  const flush = () => {
    // Removed and added paragraphs pair up in order; the rest are removed or added alone.
    removed.forEach((before, k) => {
      const after = added[k]
      out.push(after === undefined ? { part, change: 'removed', before, after: null } : { part, change: 'changed', before, after })
    })
    for (const x of added.slice(removed.length)) out.push({ part, change: 'added', before: null, after: x })
    removed = []
    added = []
  }
  let i = 0
  let j = 0
  for (;;) {
    const x = a[i]
    const y = b[j]
    if (x !== undefined && x === y) {
      flush()
      i++
      j++
    } else if (x !== undefined && (y === undefined || len(i + 1, j) >= len(i, j + 1))) {
      removed.push(x)
      i++
    } else if (y !== undefined) {
      added.push(y)
      j++
    } else break
  }
  flush()
  return out
}

const cellKey = (r: CellRecord) => JSON.stringify([r.table, r.row, r.column])
const cellValue = (r: CellRecord | undefined): CellChange['before'] =>
  r ? { state: r.state, value: r.value, raw: r.raw, unit: r.unit } : { state: 'not_reported', value: null, raw: null, unit: null }

export function diffDocuments(before: ReportDocument, after: ReportDocument): DocumentDiff {
  const meta: MetaChange[] = []
  const cmp = (field: MetaChange['field'], a: string, b: string) => a !== b && meta.push({ field, before: a, after: b })
  cmp('title', before.title, after.title)
  cmp('agency', before.agency.name, after.agency.name)
  cmp('year', String(before.year), String(after.year))
  cmp('template', before.template, after.template)
  cmp('period', JSON.stringify(before.period), JSON.stringify(after.period))

  const paragraphs = [
    ...diffTexts('preamble', before.preamble.map(blockText), after.preamble.map(blockText)),
    ...PART_IDS.flatMap((p) => diffTexts(p, before.parts[p].map(blockText), after.parts[p].map(blockText))),
  ]

  const a = new Map(toCells(before).cells.map((r) => [cellKey(r), r]))
  const b = new Map(toCells(after).cells.map((r) => [cellKey(r), r]))
  const cells: CellChange[] = []
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = cellValue(a.get(key))
    const y = cellValue(b.get(key))
    if (JSON.stringify(x) === JSON.stringify(y)) continue
    const [table, row, column] = JSON.parse(key) as [TableId, string[], string[]]
    cells.push({ table, row, column, before: x, after: y })
  }
  return { meta, paragraphs, cells }
}
