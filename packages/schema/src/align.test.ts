import { describe, expect, it } from 'vitest'
import { alignTable, alignTables } from './align.ts'
import { sampleReports } from './samples.ts'
import { cellId } from './templates.ts'

const samples = sampleReports()
const of = (code: string, year: number) =>
  structuredClone(samples.find((s) => s.agency.code === code && s.document.year === year)!.document)

describe('aligning the tables of several reports', () => {
  it('lines up a 2019-template report with 2021-template ones through the mapping', () => {
    const docs = [of('demo-990100-amr', 2020), of('demo-990100-amr', 2021), of('demo-990100', 2021)]
    const t3 = alignTable(docs, '三')
    const other = t3.find((l) => l.key === cellId('other', 'total'))!
    expect(other.mapping).toBe('merged')
    expect(other.row.zh).toContain('（六）其他处理')
    const sum21 = ['other_1', 'other_2', 'other_3'].reduce((s, r) => {
      const c = docs[1]!.tables['三'].cells[cellId(r, 'total')]!
      return s + (c.state === 'value' ? c.value : NaN)
    }, 0)
    expect(other.values[1]).toEqual({ state: 'sum', value: sum21 })
    expect(other.values[0]!.state).toBe('value')
    const detail = t3.find((l) => l.key === cellId('other_1', 'total'))!
    expect(detail.mapping).toBe('only_2021')
    expect(detail.values[0]).toEqual({ state: 'not_in_template', value: null })

    const t2 = alignTable(docs, '二')
    const issued = t2.find((l) => l.key === cellId('art20_1.normative', 'issued'))!
    expect(issued.mapping).toBe('renamed')
    expect(issued.values.every((v) => v.state === 'value')).toBe(true)
    // 对外公开总数量 (2019) and 现行有效件数 (2021) share a line but are never compared.
    const stock = t2.find((l) => l.key === cellId('art20_1.normative', 'in_force'))!
    expect(stock).toMatchObject({ mapping: 'different', differs: null })
    expect(t2.some((l) => l.mapping === 'only_2019' && l.key === cellId('art20_8.fees', 'prev_items'))).toBe(true)
  })

  it('marks the differences, and keeps blank, "/" and not reported apart from 0', () => {
    const a = of('demo-990100', 2022)
    const b = structuredClone(a)
    b.tables['三'].cells[cellId('new', 'natural')] = { state: 'blank' }
    b.tables['四'].cells[cellId('main', 'rv_total')] = { state: 'na', raw: '/' }
    const t = alignTables([a, b])
    const natural = t['三'].find((l) => l.key === cellId('new', 'natural'))!
    expect(natural.differs).toBe(true)
    expect(natural.values[1]).toEqual({ state: 'blank', value: null })
    expect(t['四'].find((l) => l.key === cellId('main', 'rv_total'))!.values[1]).toEqual({ state: 'na', value: null })
    expect(t['三'].find((l) => l.key === cellId('new', 'total'))!.differs).toBe(false)
    // Only 2021-template reports: no 2019-only lines.
    expect(t['二'].some((l) => l.mapping === 'only_2019')).toBe(false)
  })
})
