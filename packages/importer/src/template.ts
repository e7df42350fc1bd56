import {
  TABLE_IDS,
  cellDef,
  templateForYear,
  type Cell,
  type ExtraCell,
  type Provenance,
  type TableId,
  type TemplateId,
} from '@gongkai/schema'
import { problem, type ImportProblem } from './problems.ts'
import { everyNumberGone, type RecognizedTable } from './recognize.ts'

// The template is read from the table labels, not from the year: some 2021–2023 reports still
// print the 2019 tables. A report whose tables disagree is flagged; a table in the other
// template keeps its numbers as extras (by label) rather than being forced into the wrong cells.

type Tables = Record<TableId, { cells: Record<string, Cell>; extras: ExtraCell[]; provenance: Record<string, Provenance> }>

export function chooseTemplate(recognized: readonly RecognizedTable[], year: number) {
  const templateProblems: ImportProblem[] = []
  const votes: Record<TemplateId, number> = { '2019': 0, '2021': 0 }
  for (const t of recognized) votes[t.template] += t.signals
  let template: TemplateId
  if (votes['2019'] === 0 && votes['2021'] === 0) {
    template = templateForYear(year)
    templateProblems.push(problem('TEMPLATE_FROM_YEAR', { template, year }))
  } else {
    // Labels decide. When the tables disagree, the template due for the year decides between them.
    const mixed = votes['2019'] > 0 && votes['2021'] > 0
    template = mixed ? templateForYear(year) : votes['2021'] > 0 ? '2021' : '2019'
    const evidence = recognized
      .filter((t) => t.signals > 0)
      .map((t) => `表${t.table}:${t.template}`)
      .join(', ')
    templateProblems.push(problem('TEMPLATE_FROM_LABELS', { template, evidence }))
    const others = recognized.filter((t) => t.signals > 0 && t.template !== template)
    if (others.length) templateProblems.push(problem('TEMPLATE_MIXED', { detail: evidence }))
  }
  const tables: Tables = {
    二: { cells: {}, extras: [], provenance: {} },
    三: { cells: {}, extras: [], provenance: {} },
    四: { cells: {}, extras: [], provenance: {} },
  }
  for (const t of recognized) {
    templateProblems.push(...t.problems)
    const target = tables[t.table]
    target.extras.push(...t.extras)
    for (const [id, cell] of Object.entries(t.cells)) {
      const own = cellDef(t.template, t.table, id)
      if (t.template === template || cellDef(template, t.table, id)) {
        target.cells[id] = cell
        const provenance = t.provenance[id]
        if (provenance) target.provenance[id] = provenance
      } else if (own) {
        target.extras.push({ row: own.rowPath, column: own.columnPath, cell })
      }
    }
  }
  // Every label there, every number gone, though each of its grids was too small to say so.
  for (const t of TABLE_IDS) {
    if (everyNumberGone(Object.values(tables[t].cells))) {
      tables[t].cells = {}
      tables[t].provenance = {}
    }
  }
  return { template, tables, templateProblems }
}
