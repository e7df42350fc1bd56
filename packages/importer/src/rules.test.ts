import { describe, expect, it } from 'vitest'
import { parseCellText } from '@gongkai/schema'
import { readFileSync } from 'node:fs'
import { importReport } from './index.ts'
import { joinAcrossPages, ruledTables, type PlacedWord, type Segment } from './rules.ts'

// A table's borders as a PDF writer draws them: full lines, or pieces of lines per cell.
const hline = (y: number, x0: number, x1: number): Segment => ({ x0, y0: y, x1, y1: y })
const vline = (x: number, y0: number, y1: number): Segment => ({ x0: x, y0, x1: x, y1 })
const word = (text: string, x: number, y: number, w = text.length * 6): PlacedWord => ({ text, x, x2: x + w, y, h: 10 })
const texts = (grid: { text: string; spanned: boolean }[][]) => grid.map((row) => row.map((c) => (c.spanned ? `^${c.text}` : c.text)))

/** Three columns (label, two numbers) and three rows; the header's first cell spans two rows. */
function smallTable(): Segment[] {
  return [
    hline(100, 50, 350),
    hline(130, 150, 350),
    hline(160, 50, 350),
    hline(190, 50, 350),
    vline(50, 100, 190),
    vline(150, 100, 190),
    vline(250, 130, 190),
    vline(350, 100, 190),
  ]
}

describe('tables by their ruling lines', () => {
  it('rebuilds rows and merged cells, each word in the cell its borders enclose', () => {
    const words = [
      word('信息内容', 60, 150),
      word('本年处理决定数量', 160, 120),
      word('件数', 160, 150),
      word('金额', 260, 150),
      word('行政许可', 60, 180),
      word('12', 190, 180),
      word('3.5', 290, 180),
    ]
    const [t] = ruledTables(smallTable(), words, 2)
    expect(texts(t!.grid)).toEqual([
      ['信息内容', '本年处理决定数量', '^本年处理决定数量'],
      ['^信息内容', '件数', '金额'],
      ['行政许可', '12', '3.5'],
    ])
    // Every cell knows where it is printed, to highlight it beside the table.
    expect(t!.grid[2]![1]!.at).toEqual({ page: 2, box: { x: 150, y: 160, w: 100, h: 30 } })
  })

  it('joins a label wrapped over lines, and keeps a blank cell blank', () => {
    const words = [word('（二）部分公开（区分处理', 55, 172, 90), word('的）', 55, 184, 12), word('7', 195, 178)]
    const segs = [
      hline(160, 50, 350),
      hline(190, 50, 350),
      hline(220, 50, 350),
      vline(50, 160, 220),
      vline(150, 160, 220),
      vline(250, 160, 220),
      vline(350, 160, 220),
    ]
    const [t] = ruledTables(segs, [...words, word('一、本年新收', 55, 210), word('0', 195, 210), word('0', 295, 210)], 1)
    expect(texts(t!.grid)).toEqual([
      ['（二）部分公开（区分处理的）', '7', ''],
      ['一、本年新收', '0', '0'],
    ])
  })

  it('reads a table cut at the page edge: the edge where every row border ends is its last column’s side', () => {
    // Saved as PDF from a browser, a table wider than the page loses its right border: the row
    // borders run on to the edge (x 400), the last vertical border stands at 350.
    const segs = [
      hline(100, 50, 400),
      hline(130, 50, 400),
      hline(160, 50, 400),
      vline(50, 100, 160),
      vline(150, 100, 160),
      vline(250, 100, 160),
      vline(350, 100, 160),
    ]
    const words = [
      word('自然人', 160, 120),
      word('其他', 260, 120),
      word('总计', 360, 120),
      word('一、本年新收', 55, 150),
      word('821', 190, 150),
      word('1', 290, 150),
      word('822', 360, 150),
    ]
    const [t] = ruledTables(segs, words, 1)
    expect(texts(t!.grid)).toEqual([
      ['', '自然人', '其他', '总计'],
      ['一、本年新收', '821', '1', '822'],
    ])
    // A Word table without outer side borders: its row borders run past both outer columns.
    const open = [
      hline(100, 10, 400),
      hline(130, 10, 400),
      hline(160, 10, 400),
      vline(50, 100, 160),
      vline(150, 100, 160),
      vline(250, 100, 160),
      vline(350, 100, 160),
    ]
    expect(texts(ruledTables(open, [...words, word('规章', 15, 150)], 1)[0]!.grid)).toEqual([
      ['', '', '自然人', '其他', '总计'],
      ['规章', '一、本年新收', '821', '1', '822'],
    ])
    // One border running on (a rule to the margin) is no cut edge: the table ends at 350.
    const one = [
      hline(100, 50, 350),
      hline(130, 50, 400),
      hline(160, 50, 350),
      vline(50, 100, 160),
      vline(150, 100, 160),
      vline(250, 100, 160),
      vline(350, 100, 160),
    ]
    expect(texts(ruledTables(one, words.slice(0, 2).concat(words.slice(3, 6)), 1)[0]!.grid)).toEqual([
      ['', '自然人', '其他'],
      ['一、本年新收', '821', '1'],
    ])
  })

  it('never puts two numbers of one cell together', () => {
    const segs = [
      hline(160, 50, 350),
      hline(190, 50, 350),
      hline(220, 50, 350),
      vline(50, 160, 220),
      vline(150, 160, 220),
      vline(250, 160, 220),
      vline(350, 160, 220),
    ]
    const [t] = ruledTables(
      segs,
      [word('规章', 55, 175), word('12', 195, 172), word('3', 195, 186), word('0', 295, 175), word('规范', 55, 205)],
      1,
    )
    expect(t!.grid[0]![1]!.text).toBe('12 3')
    // …which no cell reads as one number.
    expect(parseCellText('12 3').ok).toBe(false)
  })

  it('leaves a table to the other readings when a word crosses a border or a merged area is no rectangle', () => {
    expect(ruledTables(smallTable(), [word('行政许可12', 60, 180, 120)], 1)).toEqual([])
    // An L-shaped area: the border between two cells is missing in one row only, and the one
    // below in one column only.
    const lShape = [
      hline(100, 50, 350),
      hline(130, 150, 350),
      hline(160, 50, 350),
      vline(50, 100, 160),
      vline(150, 100, 130),
      vline(250, 100, 160),
      vline(350, 100, 160),
    ]
    expect(ruledTables(lShape, [word('甲', 60, 120)], 1)).toEqual([])
    // A box around a paragraph is not a table.
    expect(
      ruledTables([hline(100, 50, 350), hline(300, 50, 350), vline(50, 100, 300), vline(350, 100, 300)], [word('正文', 60, 120)], 1),
    ).toEqual([])
  })

  it('closes a table cut by a page break where its side borders end', () => {
    // The last row on the page has no bottom border: its sides run down to where it ends.
    const segs = [
      hline(100, 50, 350),
      hline(130, 50, 350),
      vline(50, 100, 160),
      vline(150, 100, 160),
      vline(250, 100, 160),
      vline(350, 100, 160),
    ]
    const [t] = ruledTables(
      segs,
      [
        word('规章', 55, 120),
        word('1', 195, 120),
        word('2', 295, 120),
        word('行政规范性文件', 55, 150),
        word('3', 195, 150),
        word('4', 295, 150),
      ],
      1,
    )
    expect(texts(t!.grid)).toEqual([
      ['规章', '1', '2'],
      ['行政规范性文件', '3', '4'],
    ])
  })

  it('continues a table on the next page, even where that part merges some of its columns', () => {
    const page1 = ruledTables(
      [
        hline(700, 50, 350),
        hline(730, 50, 350),
        hline(760, 50, 350),
        vline(50, 700, 760),
        vline(150, 700, 760),
        vline(250, 700, 760),
        vline(350, 700, 760),
      ],
      [word('规章', 55, 720), word('1', 195, 720), word('2', 295, 720), word('信息内容', 55, 750), word('本年处理决定数量', 160, 750)],
      1,
    )
    // On page 2 the block's value cell spans both number columns: its inner border is missing.
    const page2 = ruledTables(
      [hline(80, 50, 350), hline(110, 50, 350), hline(140, 50, 350), vline(50, 80, 140), vline(150, 80, 140), vline(350, 80, 140)],
      [word('行政许可', 55, 100), word('9487', 230, 100), word('行政处罚', 55, 130), word('12', 230, 130)],
      2,
    )
    const yes = () => true
    const grids = joinAcrossPages([
      { tables: page1, before: yes, after: yes },
      { tables: page2, before: yes, after: yes },
    ])
    expect(grids).toHaveLength(1)
    expect(texts(grids[0]!).slice(2)).toEqual([
      ['行政许可', '9487', '^9487'],
      ['行政处罚', '12', '^12'],
    ])
    // Text between the two parts (a heading, a paragraph): two tables.
    const no = () => false
    expect(
      joinAcrossPages([
        { tables: page1, before: yes, after: no },
        { tables: page2, before: yes, after: yes },
      ]),
    ).toHaveLength(2)
  })

  it('continues a table whose next page divides columns the page before had merged (table 三 cut after its first row)', () => {
    // Page 1: the header and first row, whose label spans both label columns (no border at 150).
    const page1 = ruledTables(
      [hline(700, 50, 350), hline(730, 50, 350), hline(760, 50, 350), vline(50, 700, 760), vline(250, 700, 760), vline(350, 700, 760)],
      [word('（本列数据的勾稽关系）', 55, 720), word('自然人', 260, 720), word('一、本年新收', 55, 750), word('821', 295, 750)],
      1,
    )
    // Page 2: the group label in its own column, the rows' labels beside it.
    const page2 = ruledTables(
      [
        hline(80, 50, 350),
        hline(110, 50, 350),
        hline(140, 50, 350),
        vline(50, 80, 140),
        vline(150, 80, 140),
        vline(250, 80, 140),
        vline(350, 80, 140),
      ],
      [
        word('（三）不予公开', 55, 100),
        word('1.属于国家秘密', 160, 100),
        word('14', 295, 100),
        word('（四）无法提供', 55, 130),
        word('1.本机关不掌握', 160, 130),
        word('252', 295, 130),
      ],
      2,
    )
    const yes = () => true
    const grids = joinAcrossPages([
      { tables: page1, before: yes, after: yes },
      { tables: page2, before: yes, after: yes },
    ])
    expect(grids).toHaveLength(1)
    expect(texts(grids[0]!)).toEqual([
      ['（本列数据的勾稽关系）', '^（本列数据的勾稽关系）', '自然人'],
      ['一、本年新收', '^一、本年新收', '821'],
      ['（三）不予公开', '1.属于国家秘密', '14'],
      ['（四）无法提供', '1.本机关不掌握', '252'],
    ])
  })

  it('reads a Word-made PDF by its borders and says on which page, where, each cell is printed', async () => {
    const file = new URL('../corpus/generated/sample-county-2022-ruled.pdf', import.meta.url)
    const { document } = await importReport(new Uint8Array(readFileSync(file)), {
      filename: 'sample-county-2022-ruled.pdf',
      pdfReadings: ['rules'],
    })
    const prov = document.tables['三'].provenance!['new|natural']!
    expect(prov.page).toBeGreaterThanOrEqual(1)
    expect(prov.box).toMatchObject({ x: expect.any(Number), y: expect.any(Number), w: expect.any(Number), h: expect.any(Number) })
    expect(prov.box!.w).toBeGreaterThan(10)
  })
})
