import { describe, expect, it } from 'vitest'
import { parseCellText } from './cell-text.ts'

const cell = (t: string) => {
  const r = parseCellText(t)
  if (!r.ok) throw new Error(r.message.en)
  return r.cell
}

describe('parseCellText', () => {
  it('reads every published form of docs/REPORT-FORMAT.md §9 into its state', () => {
    expect(cell('0')).toEqual({ state: 'value', value: 0, raw: '0' })
    expect(cell('')).toEqual({ state: 'blank', raw: '' })
    expect(cell('  ')).toEqual({ state: 'blank', raw: '  ' })
    expect(cell('/')).toEqual({ state: 'na', raw: '/' })
    expect(cell('-')).toEqual({ state: 'na', raw: '-' })
    expect(cell('—')).toEqual({ state: 'na', raw: '—' })
    // The underscore key's line, as some clerks fill a cell with nothing to count (深圳市龙华区, 2020).
    expect(cell('_')).toEqual({ state: 'na', raw: '_' })
    expect(cell('＿＿')).toEqual({ state: 'na', raw: '＿＿' })
    expect(parseCellText('_1').ok).toBe(false)
    expect(parseCellText('___').ok).toBe(false)
    expect(cell('减4')).toEqual({ state: 'value', value: -4, raw: '减4' })
    expect(cell('-8')).toEqual({ state: 'value', value: -8, raw: '-8' })
    expect(cell('79000.1元')).toEqual({ state: 'value', value: 79000.1, raw: '79000.1元', unit: '元' })
    expect(cell('52.15')).toEqual({ state: 'value', value: 52.15, raw: '52.15' })
    expect(cell('75.9260')).toEqual({ state: 'value', value: 75.926, raw: '75.9260' })
    expect(cell('１２３')).toEqual({ state: 'value', value: 123, raw: '１２３' })
    expect(cell('2,151,625')).toEqual({ state: 'value', value: 2151625, raw: '2,151,625' })
    expect(cell('未提供')).toEqual({ state: 'not_reported' })
    // Padding and a space before a unit are not a second number.
    expect(cell(' 12 ')).toEqual({ state: 'value', value: 12, raw: ' 12 ' })
    expect(cell('12 件')).toEqual({ state: 'value', value: 12, raw: '12 件', unit: '件' })
    // Cases and documents counted with their measure word (a real page: "200 | -76宗 | 124宗").
    expect(cell('124宗')).toEqual({ state: 'value', value: 124, raw: '124宗', unit: '宗' })
    expect(cell('-76宗')).toEqual({ state: 'value', value: -76, raw: '-76宗', unit: '宗' })
    expect(cell('3份')).toEqual({ state: 'value', value: 3, raw: '3份', unit: '份' })
  })

  it('refuses text that is not a number, rather than guessing', () => {
    // Two numbers in one cell ("12" over "3" in a PDF cell) are refused, never read as 123.
    for (const t of ['约30', '三', '12件左右', '1,23', '5-6', '12 3', '1\u30002', '3 4 5', '12\n3']) {
      const r = parseCellText(t)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message.zh).toContain(t)
    }
  })
})
