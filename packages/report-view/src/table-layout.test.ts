import { TEMPLATES, type TemplateId } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { bodyLines, headerRows } from './table-layout.ts'

const section = (t: TemplateId, table: '二' | '三' | '四', i = 0) => TEMPLATES[t].tables[table].sections[i]!
const simple = (rows: ReturnType<typeof headerRows>) => rows.map((r) => r.map((c) => `${c.label}:${c.colspan}x${c.rowspan}`))

describe('official table layout', () => {
  it('prints table 三’s header with the spans of the notice', () => {
    expect(simple(headerRows(section('2019', '三').columns))).toEqual([
      ['申请人情况:7x1'],
      ['自然人:1x2', '法人或其他组织:5x1', '总计:1x2'],
      ['商业企业:1x1', '科研机构:1x1', '社会公益组织:1x1', '法律服务机构:1x1', '其他:1x1'],
    ])
  })

  it('prints table 四’s header: review with five columns, litigation split in two', () => {
    const rows = simple(headerRows(section('2021', '四').columns))
    expect(rows[0]).toEqual(['行政复议:5x1', '行政诉讼:10x1'])
    expect(rows[1]).toEqual([
      '结果维持:1x2',
      '结果纠正:1x2',
      '其他结果:1x2',
      '尚未审结:1x2',
      '总计:1x2',
      '未经复议直接起诉:5x1',
      '复议后起诉:5x1',
    ])
    expect(rows[2]).toHaveLength(10)
  })

  it('opens each group of table 三 once, with its depth', () => {
    const lines = bodyLines(section('2021', '三').rows)
    const groups = lines.filter((l) => l.kind === 'group').map((l) => (l.kind === 'group' ? `${l.depth}:${l.label}` : ''))
    expect(groups).toEqual(['0:三、本年度办理结果', '1:（三）不予公开', '1:（四）无法提供', '1:（五）不予处理', '1:（六）其他处理'])
    const total = lines.find((l) => l.kind === 'row' && l.row.key === 'total')
    expect(total?.depth).toBe(1)
    const last = lines[lines.length - 1]!
    expect(last.kind === 'row' && last.row.label).toBe('四、结转下年度继续办理')
    expect(last.depth).toBe(0)
  })

  it('leaves table 二’s block title to the caption', () => {
    const lines = bodyLines(section('2019', '二', 0).rows, 1)
    expect(lines.every((l) => l.kind === 'row' && l.depth === 0)).toBe(true)
  })
})
