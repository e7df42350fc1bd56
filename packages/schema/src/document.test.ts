import { describe, expect, it } from 'vitest'
import { getCell, numericValue, tableGiven } from './cell-access.ts'
import { SchemaError, emptyDocument, parseReportDocument } from './document.ts'

const agency = { name: '示例市示例局', code: 'demo', level: 'city', kind: 'department', region: null } as const

describe('report document', () => {
  it('keeps blank, 0, "/" and not reported apart through a JSON round trip', () => {
    const doc = emptyDocument(agency, 2021, '2021')
    doc.tables['三'].cells['new|natural'] = { state: 'value', value: 0, raw: '0' }
    doc.tables['三'].cells['new|commercial'] = { state: 'blank', raw: '' }
    doc.tables['三'].cells['new|research'] = { state: 'na', raw: '/' }
    const back = parseReportDocument(JSON.parse(JSON.stringify(doc)))
    expect(getCell(back, '三', 'new|natural')).toEqual({ state: 'value', value: 0, raw: '0' })
    expect(getCell(back, '三', 'new|commercial')).toEqual({ state: 'blank', raw: '' })
    expect(getCell(back, '三', 'new|research')).toEqual({ state: 'na', raw: '/' })
    expect(getCell(back, '三', 'new|ngo')).toEqual({ state: 'not_reported' })
  })

  it('counts blank as 0 in sums without turning it into a value, and "/" and not reported as nothing', () => {
    expect(numericValue({ state: 'blank' })).toBe(0)
    expect(numericValue({ state: 'value', value: 7 })).toBe(7)
    expect(numericValue({ state: 'na' })).toBeNull()
    expect(numericValue({ state: 'not_reported' })).toBeNull()
  })

  it('knows a table is not given until one of its cells is', () => {
    const doc = emptyDocument(agency, 2020, '2019')
    expect(tableGiven(doc, '四')).toBe(false)
    doc.tables['四'].cells['main|rv_total'] = { state: 'blank' }
    expect(tableGiven(doc, '四')).toBe(true)
  })

  it('rejects a cell the template does not have, naming it', () => {
    const doc = emptyDocument(agency, 2020, '2019')
    const bad = { ...doc, tables: { ...doc.tables, 三: { cells: { 'other_1|natural': { state: 'value', value: 1 } }, extras: [] } } }
    expect(() => parseReportDocument(bad)).toThrow(SchemaError)
    try {
      parseReportDocument(bad)
    } catch (e) {
      const issue = (e as SchemaError).issues[0]!
      expect(issue.path).toEqual(['tables', '三', 'cells', 'other_1|natural'])
      expect(issue.message).toContain('other_1|natural')
    }
  })

  it('rejects a value cell without a number', () => {
    const doc = emptyDocument(agency, 2021, '2021')
    const bad = JSON.parse(JSON.stringify(doc))
    bad.tables['四'].cells['main|rv_total'] = { state: 'value', value: 'twelve' }
    expect(() => parseReportDocument(bad)).toThrow(/value/)
  })
})
