import { describe, expect, it } from 'vitest'
import { fixedTables, gridTables } from './fixed.ts'

const texts = (lines: string[]) => fixedTables(lines).map((t) => t.grid.map((r) => r.map((c) => c.text)))

describe('fixed-width tables under a ruler', () => {
  it('keeps an empty cell in its column, a CJK character counting two columns', () => {
    const lines = [
      '  ---------------- -------------- -------------- --------------',
      '  信息内容         本年制发件数   本年废止件数   现行有效件数',
      '',
      '  行政规范性文件   2                             14',
      '',
      '  ---------------- -------------- -------------- --------------',
    ]
    expect(texts(lines)).toEqual([
      [
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['行政规范性文件', '2', '', '14'],
      ],
    ])
  })

  it('joins a cell wrapped over lines, and reads a simple table whose header sits above the ruler', () => {
    const lines = ['', '  信息内容   件数', '  ---------- ------', '  行政处罚   12', '  行政强制   0', '', '正文']
    expect(texts(lines)).toEqual([
      [
        ['信息内容', '件数'],
        ['行政处罚', '12'],
        ['行政强制', '0'],
      ],
    ])
    const wrapped = ['  ---------- ------', '  （二）部分   3', '  公开', '', '  （一）予以   4', '  公开', '', '  ---------- ------']
    expect(texts(wrapped)).toEqual([
      [
        ['（二）部分公开', '3'],
        ['（一）予以公开', '4'],
      ],
    ])
  })

  it('leaves a table whose text runs outside the columns to the other readings', () => {
    const lines = ['  ------ ------', '  规章   3', '  行政规范性文件 2', '  ------ ------']
    expect(texts(lines)).toEqual([])
  })
})

const boxes = (lines: string[]) => gridTables(lines).map((t) => t.grid.map((r) => r.map((c) => (c.spanned ? '<' : c.text))))

describe('grid tables (pandoc plain text and Markdown)', () => {
  it('reads each row between two rules, joining a cell wrapped over lines', () => {
    const lines = [
      '+-------------+-------------+-------------+',
      '| 第二十条    |             |             |',
      '| 第（一）项  |             |             |',
      '+-------------+-------------+-------------+',
      '| 信息内容    | 本年新      | 对外        |',
      '|             | 制作数量    | 公开总数量  |',
      '+=============+=============+=============+',
      '| 规章        | 13          |             |',
      '+-------------+-------------+-------------+',
      '| Other rule  | 2           | 5           |',
      '| text        |             |             |',
      '+-------------+-------------+-------------+',
    ]
    expect(boxes(lines)).toEqual([
      [
        ['第二十条第（一）项', '', ''],
        ['信息内容', '本年新制作数量', '对外公开总数量'],
        ['规章', '13', ''],
        ['Other rule text', '2', '5'],
      ],
    ])
    expect(gridTables(lines)[0]).toMatchObject({ from: 0, to: lines.length })
  })

  it('reads a row that leaves out a | under a + on every line as one cell over those columns', () => {
    const lines = [
      '+------+------+------+',
      '| 第二十条第（八）项 |',
      '+------+------+------+',
      '| 收费 | 1    | 2    |',
      '+------+------+------+',
    ]
    expect(boxes(lines)).toEqual([
      [
        ['第二十条第（八）项', '<', '<'],
        ['收费', '1', '2'],
      ],
    ])
  })

  it('reads a rule that leaves out its dashes as a cell going on into the next row', () => {
    const gap = ['+------+------+', '| 三、 | 1    |', '|      +------+', '|      | 2    |', '+------+------+']
    expect(boxes(gap)).toEqual([
      [
        ['三、', '1'],
        ['<', '2'],
      ],
    ])
  })

  it("reads a text browser's box-drawn table (w3m), merged cells and all", () => {
    const w3m = [
      '┌──────────┬──────────────────┐',
      '│          │申请人情况        │',
      '│          ├────────┬─────────┤',
      '│          │自然人  │总计     │',
      '├──────────┼────────┼─────────┤',
      '│新收申请  │3       │3        │',
      '└──────────┴────────┴─────────┘',
    ]
    expect(boxes(w3m)).toEqual([
      [
        ['', '申请人情况', '<'],
        ['<', '自然人', '总计'],
        ['新收申请', '3', '3'],
      ],
    ])
  })

  it('leaves to the other readings a | where no + stands, or a rule dashed over part of a column', () => {
    const shifted = ['+------+------+', '| 规章 | 1  | |', '+------+------+', '| 规范 | 2    |', '+------+------+']
    const torn = ['+------+------+', '| 三、 | 1    |', '|   ---+------+', '|      | 2    |', '+------+------+']
    expect(gridTables(shifted)).toEqual([])
    expect(gridTables(torn)).toEqual([])
  })
})
