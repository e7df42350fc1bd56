import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateReport } from '@gongkai/schema'
import { HARD_DIR, corpusEntries, measure } from '../test/corpus.ts'
import { importReport } from './index.ts'

// The real-document corpus (packages/importer/corpus, `pnpm corpus` prints the table). Every file
// must read with no wrong cell and the right template. Each file reads at 100%, except the known
// gaps below, each at least at the floor it has reached: a file may only get better, and a new
// file must read completely. Shrink this list; never raise a floor to hide a regression.
const KNOWN_GAPS: Record<string, { right: number; why: string; quiet?: true }> = {
  'p-hengnan-yjj-2020-own-columns': {
    right: 3,
    why: 'a cell holding a long sentence ends table 二 there: the rows of （六） after it (行政处罚 201件, 行政强制 6项) are not reached',
  },
}

describe('the real-document corpus', () => {
  for (const entry of corpusEntries()) {
    it(
      `${entry.name}: no wrong cell, the right template, ${KNOWN_GAPS[entry.name] ? `at least ${KNOWN_GAPS[entry.name]!.right} cells` : 'every cell'}`,
      { timeout: 60_000 },
      async () => {
        const r = await measure(entry)
        expect(r.wrong).toEqual([])
        expect(r.wrongExtras).toEqual([])
        if (r.template.expected) expect(r.template.got).toBe(r.template.expected)
        const gap = KNOWN_GAPS[entry.name]
        if (gap) expect(r.right).toBeGreaterThanOrEqual(gap.right)
        else expect(r.missing).toEqual([])
        // A failed read is never "not in the source": the import is an error when cells are missing.
        if (r.missing.length && !gap?.quiet) expect(r.exitCode).toBe(1)
      },
    )
  }

  // Text whose reading order mixes rows (corpus/hard): every cell right or refused by name, and
  // the 洪泽区 texts at least as well read as they are now.
  // Floors: what each reads now (a pdftohtml page is read by position, as its PDF is).
  const HARD_FLOOR: Record<string, number> = {
    'hongze-district-2023.pdftotext-default': 23,
    'hongze-district-2024.pdftotext-default': 24,
    // pdfminer: values a column at a time in no certain column order; table 二's one-column blocks and table 四.
    'hongze-district-2024.pdfminer': 19,
    'sample-county-2022-ruled.pdftohtml': 200,
    'sample-education-bureau-2023-borderless.pdftohtml': 197,
    'sample-district-bureau-2024-ruled-blanks.pdftohtml': 72,
  }
  for (const entry of corpusEntries([HARD_DIR])) {
    it(`${entry.name}: no wrong cell; what is not read is marked unread, with an error`, { timeout: 60_000 }, async () => {
      const r = await measure(entry)
      expect(r.wrong).toEqual([])
      expect(r.wrongExtras).toEqual([])
      if (r.template.expected) expect(r.template.got).toBe(r.template.expected)
      if (r.missing.length) expect(r.exitCode).toBe(1)
      expect(r.right).toBeGreaterThanOrEqual(HARD_FLOOR[entry.name] ?? 0)
    })
  }

  // A PDF's tables are read three ways (by ruling lines, by text positions, by labels in reading
  // order) and the best reading per table is kept. Each reading on its own must be right or
  // refuse: none may be the one that brings a wrong cell in. Where a table has ruling lines,
  // they alone read it (the WPS-made PDFs print one misspelt row label, "2.其他法律行政止公开", found by its number between its neighbours).
  const RULED_FLOOR: Record<string, number> = {
    'hongze-district-2023': 179,
    'hongze-district-2024': 179,
    'sample-county-2022-ruled': 200,
    'sample-county-2022-ruled.rotated': 200,
    'sample-county-2022-ruled.turned-content': 200,
    'sample-district-bureau-2024-ruled-blanks': 200,
    'sample-finance-bureau-2021-template-widths': 200,
    'sample-town-2020-ruled': 198,
  }
  for (const entry of corpusEntries().filter((e) => e.document.endsWith('.pdf'))) {
    for (const reading of ['rules', 'positions', 'labels'] as const) {
      const floor = reading === 'rules' ? RULED_FLOOR[entry.name] : undefined
      it(
        `${entry.name}: read by ${reading} alone, no wrong cell${floor ? `, at least ${floor} cells` : ''}`,
        { timeout: 60_000 },
        async () => {
          const r = await measure(entry, { pdfReadings: [reading] })
          expect(r.wrong).toEqual([])
          expect(r.wrongExtras).toEqual([])
          if (floor) expect(r.right).toBeGreaterThanOrEqual(floor)
        },
      )
    }
  }

  // A page whose content is drawn turned (its turn flattened into the content) is read in a view
  // that sets its text upright; each cell's box is given back in the page's own coordinates,
  // where the admin draws the page: the same cell's box turned a quarter.
  it('reads content drawn turned, and boxes each cell where that page has it', { timeout: 60_000 }, async () => {
    const read = async (file: string) =>
      (await importReport(new Uint8Array(readFileSync(new URL(`../corpus/generated/${file}`, import.meta.url))))).document.tables['三']
    const turned = await read('sample-county-2022-ruled.turned-content.pdf')
    const plain = await read('sample-county-2022-ruled.pdf')
    expect(turned.cells).toEqual(plain.cells)
    // A row's cells, side by side on the plain page, stand one under the other on the turned
    // one, as far apart, each box turned (pdftotext -x/-y/-W/-H over these boxes prints 54, 11).
    const box = (t: typeof plain, id: string) => {
      const b = t.provenance?.[id]?.box
      if (!b) throw new Error(`no box for ${id}`)
      return b
    }
    const [a1, a2] = [box(plain, 'new|natural'), box(plain, 'new|commercial')]
    const [b1, b2] = [box(turned, 'new|natural'), box(turned, 'new|commercial')]
    expect(Math.abs(b1.x - b2.x)).toBeLessThan(0.5)
    expect(Math.abs(b2.y - b1.y - (a2.x - a1.x))).toBeLessThan(0.5)
    expect(Math.abs(b1.w - (a1.h ?? 0))).toBeLessThan(0.5)
    expect(Math.abs((b1.h ?? 0) - a1.w)).toBeLessThan(0.5)
  })

  // The admin's review outlines each cell on its page (PdfPage.vue): whichever reading is kept,
  // every cell read from a PDF says where it is printed (a blank, where nothing is printed, aside).
  it('places every cell read from a PDF on its page', { timeout: 60_000 }, async () => {
    for (const e of corpusEntries().filter((x) => x.document.endsWith('.pdf'))) {
      const { document } = await importReport(new Uint8Array(readFileSync(join(e.dir, e.document))), { filename: e.document })
      for (const t of ['二', '三', '四'] as const) {
        const provenance = document.tables[t].provenance ?? {}
        for (const [id, cell] of Object.entries(document.tables[t].cells)) {
          // A blank cell has nothing printed to outline.
          if (cell.state === 'blank' && !cell.raw?.trim()) continue
          const p = provenance[id]
          expect(p?.page !== undefined && p.box !== undefined, `${e.name} 表${t} ${id}: ${JSON.stringify(p)}`).toBe(true)
        }
      }
    }
  })

  // A page turned by /Rotate is read in its content's coordinates, and the admin's review draws
  // it so (PdfPage.vue): each cell's box is the box of the same cell in the unturned file.
  it('places each cell of a turned page where the unturned page has it', { timeout: 60_000 }, async () => {
    const read = async (file: string) =>
      (await importReport(new Uint8Array(readFileSync(new URL(`../corpus/generated/${file}`, import.meta.url))))).document.tables['三']
        .provenance
    const turned = await read('sample-county-2022-ruled.rotated.pdf')
    const plain = await read('sample-county-2022-ruled.pdf')
    expect(Object.keys(turned ?? {}).length).toBeGreaterThan(100)
    expect(turned).toEqual(plain)
  })

  // Prose-versus-table warnings, on the real sentences of real reports: a warning that is usually
  // wrong teaches clerks to acknowledge warnings unread.
  it('warns on no prose figure that agrees with its table, read either way real reports mean it', async () => {
    const read = async (file: string, year: number) =>
      (await importReport(new Uint8Array(readFileSync(new URL(`../corpus/real/${file}`, import.meta.url))), { year })).document
    // 平潭 2022: "全区收到政府信息公开申请75件" (74 new + 1 carried in), "行政诉讼案件1件、行政复议案件2件".
    const pingtan = await read('pingtan-zone-2022.page.txt', 2022)
    expect(pingtan.keyFigures.filter((f) => f.metric).map((f) => [f.metric, f.value])).toEqual(
      expect.arrayContaining([
        ['applications_received', 75],
        ['lawsuits_total', 1],
        ['reviews_total', 2],
      ]),
    )
    // 洪泽区 2023: "全区受理政府信息公开申请 21 件" (21 new). 上海 2019: "共受理政府信息公开申请859件".
    const hongze = await read('hongze-district-2023.pdf', 2023)
    const shanghai = await read('shanghai-gov-office-2019.html', 2019)
    for (const doc of [pingtan, hongze, shanghai]) {
      const prose = validateReport(doc).findings.filter((i) => i.rule.startsWith('N-'))
      expect(prose, doc.agency.name).toEqual([])
    }
    // A figure that agrees with neither reading is still said.
    const wrong = structuredClone(pingtan)
    wrong.keyFigures = wrong.keyFigures.map((f) => (f.metric === 'applications_received' ? { ...f, value: 80 } : f))
    expect(validateReport(wrong).findings.map((i) => i.rule)).toContain('N-APPLICATIONS')
  })

  // The 文字版 shows a report's parts as paragraphs: the words of its tables (header words,
  // labels, values) and the page numbers printed between them are not paragraphs.
  it('keeps no table debris or page number in the prose of a PDF, in any reading', async () => {
    const DEBRIS = /申请人情况|本年制发件数|本年处理决定数量|信息内容|结果维持|法人或其他组织|本列数据|^[-—]\s*\d+\s*[-—]$|^\d+$/u
    for (const file of [
      'real/hongze-district-2023.pdf',
      'real/hongze-district-2024.pdf',
      'real/shanghai-gov-office-2019.chrome-print.pdf',
      'generated/sample-county-2022-ruled.pdf',
      'generated/sample-town-2020-ruled.pdf',
      'real/hongze-district-2024.pdftotext-raw.txt',
      'real/hongze-district-2024.pdftohtml.html',
    ]) {
      const { document } = await importReport(new Uint8Array(readFileSync(new URL(`../corpus/${file}`, import.meta.url))))
      const paragraphs = Object.values(document.parts).flatMap((blocks) => blocks.flatMap((b) => (b.type === 'list' ? b.items : [b.text])))
      expect(
        paragraphs.filter((t) => DEBRIS.test(t)),
        file,
      ).toEqual([])
    }
  })

  it('keeps the report from before the national format as prose, with no table made up', async () => {
    const entry = corpusEntries().find((e) => e.name === 'pingtan-zone-2018-before-national-format')!
    const r = await measure(entry)
    expect(r.wrong).toEqual([])
    expect(r.wrongExtras).toEqual([])
    expect(r.problems.map((p) => p.code)).toContain('NOT_NATIONAL_FORMAT')
    expect(r.problems.map((p) => p.code)).not.toContain('TABLE_MISSING')
  })
})
