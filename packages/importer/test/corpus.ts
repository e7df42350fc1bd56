import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TABLE_IDS, cellDefs, fromCells, getCell, type Cell, type ReportDocument } from '@gongkai/schema'
import { ImportError, importReport, type ImportReportOptions } from '../src/index.ts'
import { matchForm } from '../src/normalize.ts'
import type { ImportProblem } from '../src/problems.ts'

// The real-document corpus (packages/importer/corpus): each document beside the cells read by
// hand from it. A cell is right when the importer gives the same state and value, wrong when it
// gives anything else, and missing when it read nothing there. A cell the expected file leaves
// out (a partial excerpt, a table the report never had) must not be read at all.

export const CORPUS_DIRS = ['real', 'generated'].map((d) => fileURLToPath(new URL(`../corpus/${d}/`, import.meta.url)))
/** Documents whose order cannot be read with certainty: each cell must be right or refused. */
export const HARD_DIR = fileURLToPath(new URL('../corpus/hard/', import.meta.url))

export interface CorpusEntry {
  name: string
  dir: string
  document: string
  expected: string | null
  source: Record<string, unknown>
}

export function corpusEntries(dirs: readonly string[] = CORPUS_DIRS): CorpusEntry[] {
  const out: CorpusEntry[] = []
  for (const dir of dirs) {
    let files: string[]
    try {
      files = readdirSync(dir)
    } catch {
      continue
    }
    for (const f of files.filter((x) => x.endsWith('.source.json')).sort()) {
      const base = f.slice(0, -'.source.json'.length)
      const source = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>
      const document = files.find(
        (x) => x.startsWith(`${base}.`) && !/\.(source|expected\.cells)\.json$/.test(x) && !x.endsWith('.docx.json'),
      )
      const preferred = typeof source.file === 'string' && files.includes(source.file) ? source.file : document
      if (!preferred) continue
      const expected = files.includes(`${base}.expected.cells.json`) ? `${base}.expected.cells.json` : null
      out.push({ name: base, dir, document: preferred, expected, source })
      // A generated report also comes as the Word file it was printed from.
      if (typeof source.docx === 'string' && files.includes(source.docx))
        out.push({ name: `${base}.docx`, dir, document: source.docx, expected, source: { ...source, format: 'docx' } })
    }
  }
  return out
}

const same = (a: Cell, b: Cell) =>
  a.state === b.state && (a.state !== 'value' || (b.state === 'value' && Math.abs(a.value - b.value) < 1e-9))

export interface CorpusResult {
  name: string
  format: string
  expectedCells: number
  right: number
  wrong: Array<{ table: string; id: string; expected: string; got: string }>
  missing: Array<{ table: string; id: string }>
  template: { expected: string | null; got: string }
  problems: ImportProblem[]
  exitCode: number
  /** Extras read (rows or columns the template lacks) that the expected cells do not hold as read. */
  wrongExtras: Array<{ table: string; row: string; column: string; got: string }>
}

const show = (c: Cell) => (c.state === 'value' ? String(c.value) : c.state)

export async function measure(entry: CorpusEntry, options: Pick<ImportReportOptions, 'pdfReadings'> = {}): Promise<CorpusResult> {
  const bytes = new Uint8Array(readFileSync(join(entry.dir, entry.document)))
  // An excerpt may not show the year; the user gives it then (--year), as here from the source.
  const read = (year?: number) => importReport(bytes, { filename: entry.document, ...options, ...(year ? { year } : {}) })
  const { document, problems } = await read().catch((e: unknown) => {
    if (e instanceof ImportError && e.code === 'NO_YEAR' && typeof entry.source.year === 'number') return read(entry.source.year)
    throw e
  })
  const expectedDoc: ReportDocument | null = entry.expected
    ? fromCells(JSON.parse(readFileSync(join(entry.dir, entry.expected), 'utf8')))
    : null
  const result: CorpusResult = {
    name: entry.name,
    format: String(entry.source.format ?? document.source.kind),
    expectedCells: 0,
    right: 0,
    wrong: [],
    missing: [],
    template: { expected: expectedDoc && expectedDoc.template, got: document.template },
    problems,
    exitCode: problems.some((p) => p.severity === 'error') ? 1 : 0,
    wrongExtras: [],
  }
  for (const table of TABLE_IDS) {
    const template = expectedDoc?.template ?? document.template
    for (const def of cellDefs(template, table)) {
      const want = expectedDoc ? getCell(expectedDoc, table, def.id) : { state: 'not_reported' as const }
      const got = document.template === template ? getCell(document, table, def.id) : { state: 'not_reported' as const }
      if (want.state === 'not_reported') {
        // Not in the source (or not in the excerpt): reading anything there is inventing it.
        if (got.state !== 'not_reported') result.wrong.push({ table, id: def.id, expected: 'not in source', got: show(got) })
        continue
      }
      result.expectedCells++
      if (got.state === 'not_reported') result.missing.push({ table, id: def.id })
      else if (same(want, got)) result.right++
      else result.wrong.push({ table, id: def.id, expected: show(want), got: show(got) })
    }
    // An extra is a number too: one the document does not print as read is as wrong as a cell.
    // Matched by its column and its row's own label, which the expected cells may give in its
    // canonical form, without the instructions a province printed after it.
    const last = (path: string[]) => matchForm(path[path.length - 1] ?? '')
    const wanted = expectedDoc?.tables[table].extras ?? []
    for (const e of document.tables[table].extras ?? []) {
      const w = wanted.find((x) => last(x.column) === last(e.column) && last(e.row).startsWith(last(x.row)) && last(x.row) !== '')
      if (!w || !same(w.cell, e.cell))
        result.wrongExtras.push({ table, row: e.row.join('/'), column: e.column.join('/'), got: show(e.cell) })
    }
  }
  return result
}

/** A corpus entry by name (a test's fixture: it throws when the corpus lacks it). */
export function corpusEntry(name: string): CorpusEntry {
  const entry = corpusEntries().find((e) => e.name === name)
  if (!entry) throw new Error(`the corpus holds no ${name}`)
  return entry
}

/**
 * The entry's document changed as another tool or CMS would have written it (its text in, its
 * text out), measured against the same expected cells.
 */
export async function measureChanged(entry: CorpusEntry, change: (text: string) => string): Promise<CorpusResult> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-changed-'))
  try {
    writeFileSync(join(dir, entry.document), change(readFileSync(join(entry.dir, entry.document), 'utf8')))
    if (entry.expected) copyFileSync(join(entry.dir, entry.expected), join(dir, entry.expected))
    return await measure({ ...entry, dir })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The entry's expected cells written out by `render` (as a converter or CMS would print that
 * report), imported as `filename`, and measured against the same cells.
 */
export async function measureRendered(
  entry: CorpusEntry,
  render: (doc: ReportDocument) => string,
  filename: string,
): Promise<CorpusResult> {
  if (!entry.expected) throw new Error(`${entry.name} has no expected cells`)
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-rendered-'))
  try {
    const doc = fromCells(JSON.parse(readFileSync(join(entry.dir, entry.expected), 'utf8')))
    writeFileSync(join(dir, filename), render(doc))
    copyFileSync(join(entry.dir, entry.expected), join(dir, entry.expected))
    return await measure({ ...entry, dir, document: filename })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
