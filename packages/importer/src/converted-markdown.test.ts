import { describe, expect, it } from 'vitest'
import { corpusEntry, measureChanged, measureRendered } from '../test/corpus.ts'
import { reportConvertedMarkdown } from '../test/fixtures.ts'

// Real reports as a PDF-to-Markdown tool writes them (the shape of the corpus's 宿迁市 and 打浦桥
// excerpts, whole): table 二's blocks without their title rows, table 四's figures alone as one
// row of fifteen cells under its heading. Read whole, or refused by name; never a cell moved.
const whole = (r: Awaited<ReturnType<typeof measureChanged>>) => ({
  right: r.right,
  wrong: [...r.wrong, ...r.wrongExtras],
  missing: r.missing,
})
const codes = (r: Awaited<ReturnType<typeof measureRendered>>) => r.problems.map((p) => p.code)

describe('converter Markdown of real reports', () => {
  const reports = [
    'pingtan-zone-2022',
    'shanghai-gov-office-2019',
    'sample-ecology-bureau-2019-borderless',
    'sample-district-bureau-2024-ruled-blanks',
  ]
  for (const name of reports) {
    it(`${name}: table 二's blocks as separate tables without their titles are each read in their block`, async () => {
      const r = await measureRendered(corpusEntry(name), (d) => reportConvertedMarkdown(d, 'split'), 'report.md')
      expect(whole(r)).toEqual({ right: r.expectedCells, wrong: [], missing: [] })
    })

    it(`${name}: every block's rows in the first block's table, each as wide as its own block, are read in their block`, async () => {
      const r = await measureRendered(corpusEntry(name), (d) => reportConvertedMarkdown(d, 'one'), 'report.md')
      expect(whole(r)).toEqual({ right: r.expectedCells, wrong: [], missing: [] })
    })
  }

  it('reads table 四 from fifteen bare cells under its heading, blank cells kept where they are (not "not in the source")', async () => {
    const r = await measureRendered(corpusEntry('shanghai-gov-office-2019'), (d) => reportConvertedMarkdown(d, 'split'), 'report.md')
    expect(codes(r)).not.toContain('TABLE_MISSING')
    expect(r.missing.filter((m) => m.table === '四')).toEqual([])
  })

  it('refuses a row of another block whose width is not its block’s (2019 行政许可 with one figure for three columns)', async () => {
    const r = await measureRendered(
      corpusEntry('shanghai-gov-office-2019'),
      (d) => reportConvertedMarkdown(d, 'one').replace(/^\| 行政许可 \|.*$/m, '| 行政许可 | 5 |'),
      'report.md',
    )
    expect([...r.wrong, ...r.wrongExtras]).toEqual([])
    expect(r.missing.filter((m) => m.id.startsWith('art20_5.licensing')).length).toBe(3)
    expect(r.problems.find((p) => p.code === 'ROW_UNREADABLE' && p.where.row === '行政许可')).toBeDefined()
  })

  it('reads fifteen bare cells as table 四 only under its heading, and no other width', async () => {
    // Blank cells among them (上海市人民政府办公厅 2019): only the grid can place the figures.
    const elsewhere = await measureRendered(
      corpusEntry('shanghai-gov-office-2019'),
      (d) => {
        const md = reportConvertedMarkdown(d, 'split')
        const row = /^行政复议行政诉讼\n(\|.*\|)$/m.exec(md)?.[1] ?? ''
        return md.replace(`行政复议行政诉讼\n${row}`, '').replace(/(六、其他需要报告的事项)/, `${row}\n\n$1`)
      },
      'report.md',
    )
    expect([...elsewhere.wrong, ...elsewhere.wrongExtras]).toEqual([])
    expect(elsewhere.missing.filter((m) => m.table === '四').length).toBe(15)
    const narrow = await measureRendered(
      corpusEntry('pingtan-zone-2022'),
      (d) => reportConvertedMarkdown(d, 'split').replace(/^(行政复议行政诉讼\n)\| [^|]* \|/m, '$1|'),
      'report.md',
    )
    expect([...narrow.wrong, ...narrow.wrongExtras]).toEqual([])
    expect(narrow.missing.filter((m) => m.table === '四').length).toBe(15)
  })

  it('keeps a block left blank as blank, but a table whose every number is gone is unread, not blank', async () => {
    const entry = corpusEntry('sample-district-bureau-2024-ruled-blanks')
    const r = await measureRendered(entry, (d) => reportConvertedMarkdown(d, 'split'), 'report.md')
    expect(r.missing).toEqual([])
    const gone = await measureRendered(
      entry,
      (d) => {
        const md = reportConvertedMarkdown(d, 'split')
        const [before, rest = ''] = md.split('## 表二')
        const [t2 = '', after = ''] = rest.split('三、收到和处理')
        return `${before}## 表二${t2.replace(/\| [\d.]+ (?=\|)/g, '|  ')}三、收到和处理${after}`
      },
      'report.md',
    )
    expect([...gone.wrong, ...gone.wrongExtras]).toEqual([])
    expect(gone.missing.filter((m) => m.table === '二').length).toBe(10)
    expect(gone.problems.find((p) => p.code === 'TABLE_UNREADABLE' && p.where.table === '二')).toBeDefined()
  })
})

describe('a CMS page whose table 四 lost its header rows', () => {
  // 上海市人民政府办公厅 2019: table 四 with blank cells among its figures, its three header rows removed.
  const bare = (html: string) => {
    const start = html.indexOf('<table', html.indexOf('四、政府信息公开行政复议'))
    const end = html.indexOf('</table>', start)
    const rows = html.slice(start, end).match(/<tr[\s\S]*?<\/tr>/g) ?? []
    return `${html.slice(0, start)}<table border="1"><tbody>${rows[rows.length - 1] ?? ''}</tbody>${html.slice(end)}`
  }

  it('reads its fifteen figures, blanks in place, when they stand under part 四’s heading', async () => {
    const r = await measureChanged(corpusEntry('shanghai-gov-office-2019'), bare)
    expect(whole(r)).toEqual({ right: r.expectedCells, wrong: [], missing: [] })
  })

  it('reads no table 四 from such a row under another part’s heading', async () => {
    const r = await measureChanged(corpusEntry('shanghai-gov-office-2019'), (html) => {
      const cut = bare(html)
      const start = cut.indexOf('<table', cut.indexOf('四、政府信息公开行政复议'))
      const end = cut.indexOf('</table>', start) + '</table>'.length
      const table = cut.slice(start, end)
      const rest = cut.slice(0, start) + cut.slice(end)
      const six = rest.lastIndexOf('<p', rest.indexOf('六、其他需要报告'))
      return rest.slice(0, six) + table + rest.slice(six)
    })
    expect([...r.wrong, ...r.wrongExtras]).toEqual([])
    expect(r.missing.filter((m) => m.table === '四').length).toBe(15)
  })
})
