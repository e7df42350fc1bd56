import { parseCellText } from './cell-text.ts'
import { CellsImportError, type CellsProblem } from './cells.ts'
import { getCell, tableGiven } from './cell-access.ts'
import { PATH_SEP, ReportInputError, parseCsv, toCsv } from './csv.ts'
import { parseReportDocument, type Cell, type ReportDocument, type TableData } from './document.ts'
import { normalizeLabel, sameLabel } from './labels.ts'
import { PARTS, TABLE_IDS, TEMPLATES, cellId, type ColumnDef, type SectionDef, type TableId, type TemplateId } from './templates.ts'

// The official layout as CSV: the three tables as printed in the notice, one block after another,
// and read back (`gongkai import --format official-csv`).

/** What an official-layout cell prints: the number as published, "" for blank, "/" for n/a. */
export function officialCellText(cell: Cell): string {
  switch (cell.state) {
    case 'value':
      return cell.raw?.trim() || String(cell.value)
    case 'blank':
      return ''
    case 'na':
      return cell.raw?.trim() || '/'
    case 'not_reported':
      return '未提供'
  }
}

function headerLines(columns: readonly ColumnDef[]): string[][] {
  const depth = Math.max(...columns.map((c) => c.groups.length + 1))
  const paths = columns.map((c) => [...c.groups, c.label])
  return Array.from({ length: depth }, (_, level) =>
    paths.map((path, i) => {
      const label = path[level] ?? ''
      // A spanning group label is printed once, over its first column.
      const prev = i > 0 ? paths[i - 1] : undefined
      const sameSpan =
        prev && level < path.length - 1 && prev.slice(0, level + 1).join('\u0000') === path.slice(0, level + 1).join('\u0000')
      return sameSpan ? '' : label
    }),
  )
}

const NOT_GIVEN_LINE = '未在原文中提供 / not given in the source'
const EXTRA_SEP = ' × '

/** The header lines of a section, first cell included, exactly as `officialCsv` prints them. */
function sectionHeader(table: TableId, section: SectionDef, corner: string | null): string[][] {
  return headerLines(section.columns).map((h, i) => [i === 0 ? (table === '二' ? '信息内容' : (corner ?? '')) : '', ...h])
}

export function officialCsv(doc: ReportDocument): string {
  const lines: string[][] = [[doc.title], [`${doc.agency.name}`, `${doc.year}`, TEMPLATES[doc.template].name]]
  for (const table of TABLE_IDS) {
    const part = PARTS.find((p) => p.table === table)
    if (!part) throw new Error(`no part holds table ${table}`)
    lines.push([], [part.heading])
    if (!tableGiven(doc, table)) {
      lines.push([NOT_GIVEN_LINE])
      continue
    }
    const def = TEMPLATES[doc.template].tables[table]
    for (const section of def.sections) {
      if (section.title) lines.push([section.title])
      lines.push(...sectionHeader(table, section, def.corner))
      let openGroups: readonly string[] = []
      for (const row of section.rows) {
        const groups = row.groups.slice(section.title ? 1 : 0)
        groups.forEach((g, i) => {
          if (openGroups[i] !== g) lines.push([g])
        })
        openGroups = groups
        lines.push([row.label, ...section.columns.map((c) => officialCellText(getCell(doc, table, cellId(row.key, c.key))))])
      }
    }
    for (const extra of doc.tables[table].extras)
      lines.push([`${extra.row.join(PATH_SEP)}${EXTRA_SEP}${extra.column.join(PATH_SEP)}`, officialCellText(extra.cell)])
  }
  return toCsv(lines)
}

/** What the first two lines of an official-layout CSV say: the title, the agency's name, the year and the template. */
export function officialCsvHead(text: string): { title: string; agency: string; year: number; template: TemplateId } {
  const [first, second] = parseCsv(text).filter((r) => r.some((f) => f !== ''))
  const title = first?.[0]?.trim() ?? ''
  const [agency = '', year = '', name = ''] = (second ?? []).map((f) => f.trim())
  const template = (Object.keys(TEMPLATES) as TemplateId[]).find((id) => TEMPLATES[id].name === name)
  if (!title || !agency || !/^\d{4}$/.test(year) || !template) {
    throw new ReportInputError(
      'INVALID_CSV',
      '不是官方格式的 CSV：第一行应为报告标题，第二行应为机关名称、年度和格式名称',
      'not an official-layout CSV: the first line is the title, the second the agency, the year and the template name',
    )
  }
  return { title, agency, year: Number(year), template }
}

/**
 * An official-layout CSV as a report, the inverse of `officialCsv`: the title, agency name, year
 * and template from its first lines, the tables from its blocks (`fromOfficialCsv`), everything
 * the CSV does not carry (the agency's level, kind and code, the period, the prose) from `base`.
 */
export function readOfficialCsv(text: string, base: ReportDocument): ReportDocument {
  const head = officialCsvHead(text)
  return fromOfficialCsv(text, {
    ...base,
    title: head.title,
    year: head.year,
    template: head.template,
    agency: { ...base.agency, name: head.agency },
  })
}

/**
 * Read an official-layout CSV (as exported, or filled in from it in Excel or WPS) back into the
 * tables of `base`. Headers must match the template; a row whose cell count does not fit is
 * refused, never shifted; every unreadable cell is named.
 */
export function fromOfficialCsv(text: string, base: ReportDocument): ReportDocument {
  const rows = parseCsv(text).map((r) => (r.length === 1 && r[0] === '' ? [] : r))
  const template = TEMPLATES[base.template]
  const tables: Record<TableId, TableData> = { 二: { cells: {}, extras: [] }, 三: { cells: {}, extras: [] }, 四: { cells: {}, extras: [] } }
  const problems: CellsProblem[] = []
  const fail = (index: number, table: string, label: string, zh: string, en: string) =>
    problems.push({
      code: 'CELL_INVALID',
      index,
      table,
      row: [label],
      column: [],
      message: { zh: `第${index + 1}行：${zh}`, en: `Line ${index + 1}: ${en}` },
    })
  let table: TableId | null = null
  let section: SectionDef | null = null
  let headerLeft: string[][] = []
  rows.forEach((row, index) => {
    const first = row[0] ?? ''
    if (row.every((f) => f === '')) return
    const part = PARTS.find((p) => p.table && (sameLabel(first, p.heading) || p.aliases.some((a) => sameLabel(first, a))))
    if (part?.table) {
      table = part.table
      const sections = template.tables[table].sections
      section = sections.length === 1 ? (sections[0] ?? null) : null
      headerLeft = section ? sectionHeader(table, section, template.tables[table].corner) : []
      return
    }
    if (!table) return
    const t: TableId = table
    if (first === NOT_GIVEN_LINE) return
    const titled = template.tables[t].sections.find(
      (s) => s.title && (sameLabel(first, s.title) || s.titleAliases.some((a) => sameLabel(first, a))),
    )
    if (titled) {
      section = titled
      headerLeft = sectionHeader(t, titled, null)
      return
    }
    if (!section) return
    const sec: SectionDef = section
    const expected = headerLeft.shift()
    if (expected) {
      const same = expected.length === row.length && expected.every((h, i) => normalizeLabel(h) === normalizeLabel(row[i] ?? ''))
      if (!same) fail(index, t, first, `表${t}的表头与模板不符`, `the header of table ${t} does not match the template`)
      return
    }
    if (first.includes(EXTRA_SEP)) {
      // `first` holds the separator, so both sides are there.
      const [r = '', c = ''] = first.split(EXTRA_SEP)
      const parsed = parseCellText(row[1] ?? '')
      if (parsed.ok) tables[t].extras.push({ row: r.split(PATH_SEP), column: c.split(PATH_SEP), cell: parsed.cell })
      else fail(index, t, first, parsed.message.zh, parsed.message.en)
      return
    }
    if (row.length === 1 && sec.rows.some((r) => r.groups.some((g) => sameLabel(g, first)))) return
    const rowDef = sec.rows.find((r) => sameLabel(first, r.label) || r.aliases.some((a) => sameLabel(first, a)))
    if (!rowDef) {
      fail(index, t, first, `表${t}没有“${first}”这一行`, `table ${t} has no row "${first}"`)
      return
    }
    if (row.length !== sec.columns.length + 1) {
      fail(
        index,
        t,
        first,
        `“${first}”有 ${row.length - 1} 个数据单元格，应为 ${sec.columns.length} 个（不会移位猜测）`,
        `"${first}" has ${row.length - 1} data cells where ${sec.columns.length} are expected (values are not shifted to fit)`,
      )
      return
    }
    sec.columns.forEach((col, i) => {
      const parsed = parseCellText(row[i + 1] ?? '')
      if (!parsed.ok) return fail(index, t, first, `「${col.label}」${parsed.message.zh}`, `"${col.en}": ${parsed.message.en}`)
      if (parsed.cell.state !== 'not_reported') tables[t].cells[cellId(rowDef.key, col.key)] = parsed.cell
    })
  })
  if (problems.length) throw new CellsImportError(problems)
  return parseReportDocument({ ...base, tables })
}
