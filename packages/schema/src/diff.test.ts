import { describe, expect, it } from 'vitest'
import { diffDocuments } from './diff.ts'
import { sampleReports } from './samples.ts'

const base = sampleReports()[0]!.document

describe('diffDocuments', () => {
  it('finds nothing between a document and its copy', () => {
    expect(diffDocuments(base, structuredClone(base))).toEqual({ meta: [], paragraphs: [], cells: [] })
  })

  it('names a corrected cell by its label paths, with both states', () => {
    const after = structuredClone(base)
    after.tables['三'].cells['new|natural'] = { state: 'blank' }
    const diff = diffDocuments(base, after)
    expect(diff.cells).toHaveLength(1)
    expect(diff.cells[0]).toMatchObject({
      table: '三',
      row: ['一、本年新收政府信息公开申请数量'],
      column: ['申请人情况', '自然人'],
      after: { state: 'blank', value: null },
    })
    expect(diff.cells[0]!.before.state).toBe('value')
  })

  it('aligns paragraphs: a changed one, an added one and a removed one', () => {
    const after = structuredClone(base)
    after.parts['一'] = [...after.parts['一']]
    const first = after.parts['一'][0]!
    after.parts['一'][0] = { type: 'paragraph', text: `${first.type === 'paragraph' ? first.text : ''}（已更正）` }
    after.parts['五'] = [...after.parts['五'], { type: 'paragraph', text: '新增一段。' }]
    after.parts['六'] = []
    const diff = diffDocuments(base, after)
    expect(diff.paragraphs.map((p) => [p.part, p.change])).toEqual([
      ['一', 'changed'],
      ['五', 'added'],
      ['六', 'removed'],
    ])
    expect(diff.paragraphs[0]!.after).toContain('（已更正）')
  })

  it('reports a title change as metadata', () => {
    expect(diffDocuments(base, { ...base, title: '新标题' }).meta).toEqual([{ field: 'title', before: base.title, after: '新标题' }])
  })
})
