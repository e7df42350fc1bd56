import { describe, expect, it } from 'vitest'
import { fixedTables } from './fixed.ts'

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
