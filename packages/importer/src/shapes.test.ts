import {
  TABLE_IDS,
  cellDefs,
  generateTables,
  getCell,
  sampleReports,
  seededRandom,
  type Cell,
  type ReportDocument,
  type TemplateId,
} from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { reportHtml } from '../test/fixtures.ts'
import { parse } from 'node-html-parser'
import { importReport, tableGrid } from './index.ts'

// Complete reports in the shapes crawlers and converters leave them in, made from consistent
// sample reports whose every cell is known: whatever the shape, a cell is read right or not read
// at all (and then the import says so with an error). Never a wrong number.

type Shape = (rows: string[][]) => string
const SHAPES: Record<string, Shape> = {
  // A crawler's page text: each row's cells run together, rows one after another on one line.
  'cells run together': (rows) => rows.map((r) => r.join('')).join(' '),
  // A page converter: one row a line, "|" between cells, with "||" debris at the end.
  'rows with | and || debris': (rows) => rows.map((r) => `${r.join(' | ')} | ||`).join('\n'),
  // Another: every cell on a line of its own ending in " |", empty cells as a bare "|".
  'one cell per line': (rows) => rows.flatMap((r) => r.map((c) => (c ? `${c} |` : '|'))).join('\n'),
  // A table copied from a browser, Word or a spreadsheet: a row a line, tabs between cells.
  'tab-separated rows': (rows) => rows.map((r) => r.join('\t')).join('\n'),
  // Chrome's innerText of cells that hold paragraphs: each tab on a line of its own, blank
  // lines around every paragraph, an empty cell as four blank lines, a row break as one.
  'browser copy with paragraphs': (rows) =>
    rows
      .map((r) =>
        r
          .map((c) => `\n\n${c}\n\n`)
          .join('\t')
          .replace(/\t/g, '\n\t\n')
          .replace(/\n{3,}\t/g, (m) => m),
      )
      .join('\n'),
  // A Word file saved as text (LibreOffice, docx-to-text tools): a cell a line, an empty cell an
  // empty line.
  'a cell a line, empty lines for blank cells': (rows) => rows.flatMap((r) => r).join('\n'),
  // Text that spaces every line apart: blank lines mean nothing there.
  'a cell a line, every line spaced apart': (rows) => rows.flatMap((r) => r).join('\n\n'),
  // A converter that prints each row's values before its label, one a line.
  'values before labels': (rows) =>
    rows
      .map((r) =>
        (r.length > 1 && !/^[\d.]*$/.test(r[0]!) && r.slice(1).every((c) => /^[\d.]*$/.test(c)) ? [...r.slice(1), r[0]!] : r).join('\n'),
      )
      .join('\n'),
}

/** The page with its tables flattened into text by `shape`. */
function page(doc: ReportDocument, shape: Shape): string {
  const html = reportHtml(doc)
  const text = (s: string) =>
    s
      .replace(/<br>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&')
      .trim()
  return html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(
      /<table[\s\S]*?<\/table>/g,
      (t) =>
        `\n${shape([...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) => [...tr[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]!))))}\n`,
    )
    .replace(/<\/p>|<\/li>|<\/h1>|<\/div>/g, '\n')
    .replace(/<[^>]+>/g, '')
}

const same = (a: Cell, b: Cell) => a.state === b.state && (a.state !== 'value' || (b.state === 'value' && a.value === b.value))

describe('complete reports in the shapes real pages leave them in', () => {
  // The sample reports, and more made from seeds: small and large numbers, blanks, both templates.
  const samples = sampleReports().map((s) => s.document)
  const reports = [
    ...samples,
    ...Array.from({ length: 24 }, (_, i) => {
      const base = structuredClone(samples[i % samples.length]!)
      const template: TemplateId = i % 2 ? '2021' : '2019'
      return {
        ...base,
        template,
        year: template === '2021' ? 2022 : 2020,
        tables: generateTables(template, seededRandom(1000 + i), { scale: [0.3, 2, 15, 80][i % 4]! }).tables,
      }
    }),
  ]
  // Markdown written by a PDF or Word converter, its merged-cell tables kept as HTML <table>s.
  it('Markdown with HTML tables: every cell right', { timeout: 120_000 }, async () => {
    for (const doc of reports.slice(0, 8)) {
      const html = reportHtml(doc).replace(/<head>[\s\S]*?<\/head>/, '')
      const tables: string[] = []
      const md = html
        .replace(/<table[\s\S]*?<\/table>/g, (t) => `\n@@${tables.push(t) - 1}@@\n`)
        .replace(/<h1>([\s\S]*?)<\/h1>/g, '# $1\n')
        .replace(/<\/p>|<\/li>|<\/div>/g, '\n\n')
        .replace(/<[^>]+>/g, '')
        .replace(/@@(\d+)@@/g, (_, i: string) => tables[Number(i)]!)
      const { document, problems } = await importReport(md, { agency: doc.agency, year: doc.year })
      expect(problems.filter((p) => p.severity === 'error')).toEqual([])
      for (const t of TABLE_IDS)
        for (const def of cellDefs(doc.template, t))
          expect(same(getCell(doc, t, def.id), getCell(document, t, def.id)), `表${t} ${def.id}`).toBe(true)
      expect(document.parts['五'].length).toBeGreaterThan(0)
    }
  })

  // Text whose table columns are laid out with spaces (pandoc's plain text, pdftotext -layout).
  it('columns laid out with spaces: every cell right or refused, never wrong', { timeout: 120_000 }, async () => {
    const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u2e80-\uffef]/u.test(ch) ? 2 : 1), 0)
    let read = 0
    let total = 0
    for (const doc of reports) {
      const html = reportHtml(doc).replace(/<head>[\s\S]*?<\/head>/, '')
      const text = html
        .replace(/<table[\s\S]*?<\/table>/g, (t) => {
          const grid = tableGrid(parse(t).querySelector('table')!)
          const cols = Math.max(...grid.map((r) => r.length))
          const w = Array.from({ length: cols }, (_, c) =>
            Math.max(2, ...grid.map((r) => (r[c] && !r[c]!.spanned && r[c]!.colspan === 1 ? width(r[c]!.text) : 0))),
          )
          return `\n${grid
            .map((r) =>
              r
                .map((cell, c) => {
                  const t = cell.spanned ? '' : cell.text
                  return t + ' '.repeat(Math.max(2, w[c]! + 2 - width(t)))
                })
                .join('')
                .trimEnd(),
            )
            .join('\n')}\n`
        })
        .replace(/<\/p>|<\/li>|<\/h1>|<\/div>/g, '\n')
        .replace(/<[^>]+>/g, '')
      const { document } = await importReport(text, { agency: doc.agency, year: doc.year })
      for (const t of TABLE_IDS) {
        for (const def of cellDefs(doc.template, t)) {
          const got = getCell(document, t, def.id)
          total++
          if (got.state === 'not_reported') continue
          expect(same(getCell(doc, t, def.id), got), `${doc.agency.name} ${doc.year} 表${t} ${def.id}: ${JSON.stringify(got)}`).toBe(true)
          read++
        }
      }
    }
    expect(read).toBe(total)
  })

  // pandoc's Markdown and plain text of a Word file: multiline tables, a ruler of dashes drawing
  // each column's extent, rows parted by blank lines, a spanning label in its first column only.
  // Half the reports leave every 0 blank, so only the column extents place a number.
  it("pandoc's ruled tables, zeros left blank: every cell right", { timeout: 120_000 }, async () => {
    const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u2e80-\uffef]/u.test(ch) ? 2 : 1), 0)
    for (const [i, original] of reports.slice(0, 12).entries()) {
      const doc = structuredClone(original)
      if (i % 2)
        for (const t of TABLE_IDS)
          for (const [id, c] of Object.entries(doc.tables[t].cells))
            if (c.state === 'value' && c.value === 0) doc.tables[t].cells[id] = { state: 'blank' }
      const html = reportHtml(doc).replace(/<head>[\s\S]*?<\/head>/, '')
      const text = html
        .replace(/<table[\s\S]*?<\/table>/g, (t) => {
          const grid = tableGrid(parse(t).querySelector('table')!)
          const cols = Math.max(...grid.map((r) => r.length))
          // Column widths as pandoc sets them; a long label wraps inside its column.
          const w = Array.from({ length: cols }, (_, c) =>
            Math.min(c === 0 ? 24 : 16, Math.max(4, ...grid.map((r) => (r[c] && !r[c]!.spanned ? width(r[c]!.text) : 0)))),
          )
          const wrap = (s: string, n: number) => {
            const out: string[] = []
            let line = ''
            for (const ch of s) {
              if (width(line + ch) > n) {
                out.push(line)
                line = ''
              }
              line += ch
            }
            return [...out, line]
          }
          const ruler = `  ${w.map((n) => '-'.repeat(n)).join(' ')}`
          const rows = grid.map((r) => {
            const cells = w.map((n, c) => (r[c] && !r[c]!.spanned ? wrap(r[c]!.text, n) : ['']))
            const height = Math.max(...cells.map((x) => x.length))
            return Array.from({ length: height }, (_, k) =>
              `  ${cells
                .map((x, c) => {
                  const s = x[k] ?? ''
                  return s + ' '.repeat(w[c]! - width(s))
                })
                .join(' ')}`.trimEnd(),
            ).join('\n')
          })
          return `\n${ruler}\n${rows.join('\n\n')}\n${ruler}\n`
        })
        .replace(/<\/p>|<\/li>|<\/h1>|<\/div>/g, '\n')
        .replace(/<[^>]+>/g, '')
      const { document, problems } = await importReport(text, { agency: doc.agency, year: doc.year })
      expect(
        problems.filter((p) => p.severity === 'error'),
        `${doc.agency.name} ${doc.year}`,
      ).toEqual([])
      for (const t of TABLE_IDS)
        for (const def of cellDefs(doc.template, t))
          expect(same(getCell(doc, t, def.id), getCell(document, t, def.id)), `${doc.agency.name} ${doc.year} 表${t} ${def.id}`).toBe(true)
      expect(document.parts['五'].length).toBeGreaterThan(0)
    }
  })

  // HTML as CMS editors and Word's "save as web page" leave it: header cells as <th>, every cell
  // text in <p class=MsoNormal><span>…<o:p></o:p></span></p>, empty cells as &nbsp;, labels broken by <br>.
  it('CMS and Word-exported HTML markup: every cell right', { timeout: 120_000 }, async () => {
    for (const doc of reports.slice(0, 10)) {
      const html = reportHtml(doc)
        .replace(/<tr>/g, '<tr style="height:20pt">')
        .replace(/<td([^>]*)>([\s\S]*?)<\/td>/g, (_, attrs: string, text: string) => {
          const inner =
            text.trim() === ''
              ? '<p class=MsoNormal><o:p>&nbsp;</o:p></p>'
              : `<p class=MsoNormal align=center><span lang=EN-US style='font-size:10.5pt;font-family:宋体'>${text.replace(/(申请|公开)/, '$1<br>')}<o:p></o:p></span></p>`
          return `<td${attrs} valign=top style='border:solid windowtext 1.0pt'>${inner}</td>`
        })
        .replace(/<td([^>]*)>(<p class=MsoNormal align=center><span[^>]*>(?:信息内容|自然人|总计)<)/g, '<th$1>$2')
      const { document, problems } = await importReport(html, { agency: doc.agency, year: doc.year })
      expect(
        problems.filter((p) => p.severity === 'error'),
        `${doc.agency.name} ${doc.year}`,
      ).toEqual([])
      for (const t of TABLE_IDS)
        for (const def of cellDefs(doc.template, t))
          expect(same(getCell(doc, t, def.id), getCell(document, t, def.id)), `表${t} ${def.id}`).toBe(true)
    }
  })

  // An older CMS that lays the whole page out in a table (navigation in one cell, the article in
  // another) and frames each report table in a one-cell table of its own.
  it('a page laid out in tables, each report table framed: every cell right, the prose kept', { timeout: 120_000 }, async () => {
    for (const doc of reports.slice(0, 6)) {
      const html = reportHtml(doc)
        // No container a CMS names: the article is a cell of the page's layout table.
        .replace('<div class="main">', '<div>')
        .replace('<div id="zoom">', '<div>')
        .replace(/<table[\s\S]*?<\/table>/g, (t) => `<table class="frame" width="100%"><tr><td align="center">${t}</td></tr></table>`)
        .replace(
          '<body>',
          '<body><table width="980"><tr><td class="nav">首页 | 政务公开 | 政府信息公开年报</td></tr><tr><td class="article">',
        )
        .replace('</body>', '</td></tr><tr><td>主办：某某人民政府办公室</td></tr></table></body>')
      const { document, problems } = await importReport(html, { agency: doc.agency, year: doc.year })
      expect(
        problems.filter((p) => p.severity === 'error'),
        `${doc.agency.name} ${doc.year}`,
      ).toEqual([])
      for (const t of TABLE_IDS)
        for (const def of cellDefs(doc.template, t))
          expect(same(getCell(doc, t, def.id), getCell(document, t, def.id)), `表${t} ${def.id}`).toBe(true)
      expect(document.parts['一'].length).toBeGreaterThan(0)
      expect(document.parts['五'].length).toBeGreaterThan(0)
    }
  })

  // Word-made HTML where a page break split table 三 into two <table>s, the second with no header.
  it('table 三 split in two tables at a page break: every cell right', { timeout: 120_000 }, async () => {
    for (const doc of reports.slice(0, 10)) {
      let n = 0
      const html = reportHtml(doc).replace(/<table[\s\S]*?<\/table>/g, (t) => {
        if (++n !== 2) return t
        const rows = t.match(/<tr[\s\S]*?<\/tr>/g)!
        const open = t.slice(0, t.indexOf('<tr'))
        return `${open}${rows.slice(0, 14).join('')}</table>\n<p>- 3 -</p>\n${open}${rows.slice(14).join('')}</table>`
      })
      const { document, problems } = await importReport(html, { agency: doc.agency, year: doc.year })
      expect(
        problems.filter((p) => p.severity === 'error'),
        `${doc.agency.name} ${doc.year}`,
      ).toEqual([])
      for (const t of TABLE_IDS)
        for (const def of cellDefs(doc.template, t))
          expect(same(getCell(doc, t, def.id), getCell(document, t, def.id)), `表${t} ${def.id}`).toBe(true)
    }
  })

  // A CMS that lays its tables out in <div>s (no <table> at all), an empty cell an empty <div>.
  it('tables laid out in <div>s: every cell right or refused, never wrong', { timeout: 120_000 }, async () => {
    let read = 0
    let total = 0
    for (const doc of reports) {
      const html = reportHtml(doc)
        .replace(/<table[^>]*>/g, '<div class="table">')
        .replace(/<\/table>/g, '</div>')
        .replace(/<tr[^>]*>/g, '<div class="tr">')
        .replace(/<\/tr>/g, '</div>')
        .replace(/<td[^>]*>/g, '<div class="td">')
        .replace(/<\/td>/g, '</div>')
      const { document } = await importReport(html, { agency: doc.agency, year: doc.year })
      for (const t of TABLE_IDS) {
        for (const def of cellDefs(doc.template, t)) {
          const got = getCell(document, t, def.id)
          total++
          if (got.state === 'not_reported') continue
          expect(same(getCell(doc, t, def.id), got), `${doc.agency.name} ${doc.year} 表${t} ${def.id}`).toBe(true)
          read++
        }
      }
    }
    expect(read).toBe(total)
  })

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: every cell right or refused, never wrong`, { timeout: 120_000 }, async () => {
      let read = 0
      let total = 0
      const t3 = { read: 0, total: 0 }
      for (const doc of reports) {
        const { document, problems } = await importReport(page(doc, shape), { agency: doc.agency, year: doc.year })
        expect(document.template).toBe(doc.template)
        for (const t of TABLE_IDS) {
          // These pages print no row the template lacks: any extra is invented.
          expect(document.tables[t].extras ?? [], `${doc.agency.name} ${doc.year} 表${t} extras`).toEqual([])
          for (const def of cellDefs(doc.template, t)) {
            const want = getCell(doc, t, def.id)
            const got = getCell(document, t, def.id)
            total++
            if (t === '三') t3.total++
            if (got.state === 'not_reported') {
              expect(
                Object.keys(document.tables[t].unread ?? {}),
                `${doc.agency.name} ${doc.year} 表${t} ${def.id} missing but not marked unread`,
              ).toContain(def.id)
              expect(problems.some((p) => p.severity === 'error')).toBe(true)
              continue
            }
            expect(
              same(want, got),
              `${doc.agency.name} ${doc.year} 表${t} ${def.id}: ${JSON.stringify(want)} read as ${JSON.stringify(got)}`,
            ).toBe(true)
            read++
            if (t === '三') t3.read++
          }
        }
      }
      // Separated cells are all read; run-together ones as far as the identities allow.
      // Values printed before their labels are read where table 三's identities prove that order.
      // Table 三's rows, large numbers included, are split under their own sums and the columns'.
      if (name === 'cells run together') {
        expect(read).toBeGreaterThan(total * 0.7)
        expect(t3.read).toBeGreaterThan(t3.total * 0.97)
      } else if (name === 'values before labels') expect(read).toBeGreaterThan(total * 0.9)
      else if (name === 'a cell a line, every line spaced apart') expect(read).toBeGreaterThan(0)
      else expect(read).toBe(total)
    })
  }
})
