import { describe, expect, it } from 'vitest'
import type { Grid, GridCell } from './grid.ts'
import { recognizeGrid } from './recognize.ts'

// Grids as the text-position reading of a PDF rebuilds them: a header word over two columns of
// numbers names both (the second marked spanned, holding the word), and each number stands in
// the column nearest to it.
const cell = (text: string, spanned = false): GridCell => ({ text, spanned, colspan: 1 })
const row = (...texts: Array<string | [string, 'spanned']>) => texts.map((t) => (Array.isArray(t) ? cell(t[0], true) : cell(t)))

function block(values: Array<[string, string, string, string]>): Grid {
  return [
    row('', '第二十条第（一）项', '', '', ''),
    row('信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', ['对外公开总数量', 'spanned']),
    ...values.map(([label, made, published, total]) => row(label, made, published, '', total)),
    row('', '第二十条第（五）项', '', '', ''),
    row('信息内容', '上一年项目数量', '本年增/减', '处理决定数量', ['处理决定数量', 'spanned']),
    row('行政许可', '0', '0', '', '0'),
  ]
}

describe('a header over two columns of text positions', () => {
  it('reads the one value under either half as the column’s', () => {
    const t = recognizeGrid(
      block([
        ['规章', '13', '13', '524'],
        ['规范性文件', '60', '60', '368'],
      ]),
      0,
      true,
    )!
    expect(t.table).toBe('二')
    expect(t.cells['art20_1.rules|total']).toMatchObject({ state: 'value', value: 524 })
    expect(t.cells['art20_1.normative|total']).toMatchObject({ state: 'value', value: 368 })
    expect(t.cells['art20_5.licensing|decisions']).toMatchObject({ state: 'value', value: 0 })
    expect(t.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('refuses a cell with a value under each half, naming the row and the column', () => {
    const grid = block([
      ['规章', '13', '13', '524'],
      ['规范性文件', '60', '60', '368'],
    ])
    grid[3]![3] = cell('7')
    const t = recognizeGrid(grid, 0, true)!
    expect(t.cells['art20_1.normative|total']).toBeUndefined()
    const p = t.problems.find((x) => x.code === 'CELL_AMBIGUOUS')!
    expect(p.where).toMatchObject({ table: '二', row: '规范性文件', column: '对外公开总数量', text: '7 | 368' })
    expect(p.message.en).toContain('more than one value')
    // The other rows are read.
    expect(t.cells['art20_1.rules|total']).toMatchObject({ state: 'value', value: 524 })
  })
})

describe('what a publisher adds to table 三', () => {
  // A Word or HTML table: the template's rows and columns, plus a 小计 column under 法人或其他组织
  // and a subtotal row for （三）不予公开.
  function table(): Grid {
    const header = [
      row(
        '',
        '申请人情况',
        ['申请人情况', 'spanned'],
        ['申请人情况', 'spanned'],
        ['申请人情况', 'spanned'],
        ['申请人情况', 'spanned'],
        ['申请人情况', 'spanned'],
        ['申请人情况', 'spanned'],
        ['申请人情况', 'spanned'],
      ),
      row(
        ['', 'spanned'],
        '自然人',
        '法人或其他组织',
        ['法人或其他组织', 'spanned'],
        ['法人或其他组织', 'spanned'],
        ['法人或其他组织', 'spanned'],
        ['法人或其他组织', 'spanned'],
        ['法人或其他组织', 'spanned'],
        '总计',
      ),
      row(['', 'spanned'], ['自然人', 'spanned'], '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '小计', [
        '总计',
        'spanned',
      ]),
    ]
    header[1]![2]!.colspan = 6
    header[0]![1]!.colspan = 8
    return [
      ...header,
      row('一、本年新收政府信息公开申请数量', '12', '3', '0', '0', '1', '0', '4', '16'),
      row('二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '0', '0', '0', '1'),
      row('（三）不予公开', '2', '0', '0', '0', '0', '0', '0', '2'),
      row('1.属于国家秘密', '2', '0', '0', '0', '0', '0', '0', '2'),
    ]
  }

  it('keeps a 小计 column and a subtotal row as printed, outside the template’s cells', () => {
    const t = recognizeGrid(table(), 0)!
    expect(t.table).toBe('三')
    expect(t.cells['new|natural']).toMatchObject({ value: 12 })
    expect(t.cells['new|total']).toMatchObject({ value: 16 })
    expect(t.extras).toContainEqual({
      row: ['一、本年新收政府信息公开申请数量'],
      column: ['申请人情况', '法人或其他组织', '小计'],
      cell: { state: 'value', value: 4, raw: '4' },
    })
    expect(t.extras).toContainEqual({
      row: ['（三）不予公开'],
      column: ['申请人情况', '自然人'],
      cell: { state: 'value', value: 2, raw: '2' },
    })
    // Nothing of either went into a template cell.
    expect(t.cells['withheld_1|natural']).toMatchObject({ value: 2 })
    expect(t.problems.filter((p) => p.severity === 'error')).toEqual([])
  })
})

describe('a row label a couple of points off its values (text positions)', () => {
  it('refuses the row whose line holds no value when the line beside it holds values under no row label', () => {
    const header = [row('', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计')]
    const zeros = ['0', '0', '0', '0', '0', '0', '0']
    const grid: Grid = [
      ...header,
      row('一、本年新收政府信息公开申请数量', '3', '0', '0', '0', '0', '0', '3'),
      row('（五）不1.信访举报投诉类申请', '1', '0', '0', '0', '0', '0', '1'),
      // The group label's second line took the values of 2.重复申请, a point above its label.
      row('予处理', '2', '0', '0', '0', '0', '0', '2'),
      row('2.重复申请', '', '', '', '', '', '', ''),
      row('3.要求提供公开出版物', ...zeros),
    ]
    const t = recognizeGrid(grid, 0, true)!
    expect(t.cells['not_processed_2|natural']).toBeUndefined()
    expect(t.problems.find((p) => p.code === 'ROW_UNREADABLE')?.where.row).toBe('2.重复申请')
    expect(t.cells['not_processed_3|natural']).toMatchObject({ state: 'value', value: 0 })
    // A row whose cells are really empty, between rows with labels, stays blank; a label with its
    // group's fragment glued before it is still that row's.
    grid.splice(3, 1)
    const read = recognizeGrid(grid, 0, true)!
    expect(read.cells['not_processed_2|natural']).toMatchObject({ state: 'blank' })
    expect(read.cells['not_processed_1|natural']).toMatchObject({ state: 'value', value: 1 })
    expect(read.problems.filter((p) => p.severity === 'error')).toEqual([])
  })
})

describe('rows of a table 二 grid that are not rows of the block they stand in', () => {
  // Block （一） (2019) with its 规章 row, then the rows given.
  const block1 = (...rows: GridCell[][]): Grid => [
    row('第二十条第（一）项', '', '', ''),
    row('信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'),
    row('规章', '1', '1', '5'),
    ...rows,
  ]
  it('refuses a row of another block under this block’s columns in a grid rebuilt from text (its title lost), and keeps no extra', () => {
    const grid = block1(row('规范性文件', '4', '4', '27'), row('行政许可', '18', '2', '1342'))
    const t = recognizeGrid(grid, 0, true)!
    expect(t.cells['art20_1.normative|total']).toMatchObject({ value: 27 })
    expect(t.cells['art20_5.licensing|decisions']).toBeUndefined()
    expect(t.extras).toEqual([])
    expect(t.problems.map((p) => [p.code, p.where.row])).toContainEqual(['ROW_UNREADABLE', '行政许可'])
  })
  it('reads a row of another block in a table’s own cells in that block’s columns when it has exactly as many, and refuses it otherwise', () => {
    const exact = recognizeGrid(block1(row('规范性文件', '4', '4', '27'), row('行政许可', '18', '2', '1342')), 0, false)!
    expect(exact.cells['art20_5.licensing|prev_items']).toMatchObject({ value: 18 })
    expect(exact.cells['art20_5.licensing|change']).toMatchObject({ value: 2 })
    expect(exact.cells['art20_5.licensing|decisions']).toMatchObject({ value: 1342 })
    const short: Grid = [
      ...block1(row('规范性文件', '4', '4', '27')),
      [
        { text: '行政许可', spanned: false, colspan: 1 },
        { text: '1342', spanned: false, colspan: 1 },
      ],
    ]
    const t = recognizeGrid(short, 0, false)!
    expect(Object.keys(t.cells).filter((id) => id.startsWith('art20_5'))).toEqual([])
    expect(t.problems.map((p) => [p.code, p.where.row])).toContainEqual(['ROW_UNREADABLE', '行政许可'])
  })
  it('refuses a label run into a page number or another row label, and takes no number for a label', () => {
    const grid = block1(row('规范性文件-2 -', '4', '4', '27'), row('550', '550', '', ''))
    const t = recognizeGrid(grid, 0, false)!
    expect(t.extras).toEqual([])
    expect(t.problems.map((p) => [p.code, p.where.row])).toContainEqual(['ROW_UNREADABLE', '规范性文件-2 -'])
  })
  it('keeps a row of its own whose explanation names another row, as a province printed it', () => {
    const extra = '其他主动公开文件(含以本单位名义正式签发的、除规范性文件以外的主动公开文件)'
    const grid = block1(row('规范性文件', '4', '4', '27'), row(extra, '186', '86', '255'))
    const t = recognizeGrid(grid, 0, false)!
    expect(t.extras.map((e) => [e.row[0], e.cell.state === 'value' ? e.cell.value : null])).toEqual([
      [extra, 186],
      [extra, 86],
      [extra, 255],
    ])
  })
})

describe('a value under no header', () => {
  // pandoc's plain text of a page whose 本年增/减 header spans two columns: the header printed
  // over the first, its values under the second, where no header stands.
  const grid: Grid = [
    row('第二十条第（五）项', '', '', '', ''),
    row('信息内容', '上一年项目数量', '本年增/减', '', '处理决定数量'),
    row('行政许可', '0', '', '0', '0'),
    row('其他对外管理服务事项', '3', '', '1', '4'),
  ]

  it('refuses the row by name, never reads 本年增/减 as blank', () => {
    const t = recognizeGrid(grid, 0)
    expect(t?.cells['art20_5.licensing|change']).toBeUndefined()
    expect(t?.cells['art20_5.other_services|change']).toBeUndefined()
    expect(t?.problems.filter((p) => p.code === 'ROW_UNREADABLE').map((p) => p.where?.label ?? p.where)).toHaveLength(2)
  })

  it('still reads a row whose unheaded column is empty', () => {
    const t = recognizeGrid([...grid.slice(0, 2), row('行政许可', '0', '2', '', '0')], 0)
    expect(t?.cells['art20_5.licensing|change']).toMatchObject({ state: 'value', value: 2 })
  })
})
