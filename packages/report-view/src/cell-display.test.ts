import { describe, expect, it } from 'vitest'
import { cellDisplay } from './cell-display.ts'

describe('cell display', () => {
  it('never shows blank, 0, "/" and not reported alike', () => {
    const shown = [
      cellDisplay({ state: 'value', value: 0, raw: '0' }, 'zh-CN'),
      cellDisplay({ state: 'blank' }, 'zh-CN'),
      cellDisplay({ state: 'na', raw: '/' }, 'zh-CN'),
      cellDisplay({ state: 'not_reported' }, 'zh-CN'),
    ]
    expect(new Set(shown.map((s) => s.text)).size).toBe(4)
    expect(new Set(shown.map((s) => s.kind)).size).toBe(4)
    expect(shown.map((s) => s.text)).toEqual(['0', '空白', '/', '未提供'])
  })

  it('shows a value as published, unit and sign included', () => {
    expect(cellDisplay({ state: 'value', value: -4, raw: '减4' }, 'zh-CN').text).toBe('减4')
    expect(cellDisplay({ state: 'value', value: 79000.1, raw: '79000.1元', unit: '元' }, 'en').text).toBe('79000.1元')
    expect(cellDisplay({ state: 'value', value: 2151625 }, 'en').text).toBe('2,151,625')
  })

  it('speaks the state in English too', () => {
    expect(cellDisplay({ state: 'na', raw: '/' }, 'en').label).toBe('not applicable')
    expect(cellDisplay({ state: 'not_reported' }, 'en').text).toBe('not reported')
  })
})
