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
    const t = recognizeGrid(block([['规章', '13', '13', '524'], ['规范性文件', '60', '60', '368']]), 0, true)!
    expect(t.table).toBe('二')
    expect(t.cells['art20_1.rules|total']).toMatchObject({ state: 'value', value: 524 })
    expect(t.cells['art20_1.normative|total']).toMatchObject({ state: 'value', value: 368 })
    expect(t.cells['art20_5.licensing|decisions']).toMatchObject({ state: 'value', value: 0 })
    expect(t.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('refuses a cell with a value under each half, naming the row and the column', () => {
    const grid = block([['规章', '13', '13', '524'], ['规范性文件', '60', '60', '368']])
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
