import { describe, expect, it } from 'vitest'
import { formatDelta, formatValue } from './format.ts'
import { barLayout, donutLayout, stackLayout, waffleLayout } from './layout.ts'

describe('barLayout', () => {
  it('scales bars to the largest value and leaves unknown values without a bar', () => {
    const l = barLayout(
      [
        { label: '自然人', value: 26 },
        { label: '商业企业', value: 13 },
        { label: '科研机构', value: 0 },
        { label: '其他', value: null },
      ],
      { width: 360 },
    )
    expect(l.bars[0]!.width).toBeGreaterThan(l.bars[1]!.width)
    expect(l.bars[1]!.width / l.bars[0]!.width).toBeCloseTo(13 / 26, 5)
    expect(l.bars[2]!.width).toBe(0)
    expect(l.bars[3]).toMatchObject({ width: 0, value: null })
    expect(l.ticks[0]).toEqual({ value: 0, x: l.labelWidth })
    expect(l.bars.every((b) => b.x + b.width <= 360)).toBe(true)
  })

  it('fits a 320 px phone', () => {
    const l = barLayout([{ label: '一个很长很长的类别标签', value: 11_000_000 }], { width: 320 })
    expect(l.labelWidth + l.plotWidth).toBeLessThanOrEqual(320)
  })
})

describe('stackLayout', () => {
  it('puts rows on one scale and segments end to end', () => {
    const l = stackLayout(
      [
        { label: '行政复议', parts: [{ label: '维持', value: 3 }, { label: '纠正', value: 1 }] },
        { label: '直接起诉', parts: [{ label: '维持', value: 2 }, { label: '纠正', value: 0 }] },
      ],
      { width: 360 },
    )
    const [a, b] = l.rows
    expect(a!.total).toBe(4)
    expect(a!.segments[1]!.x).toBeCloseTo(a!.segments[0]!.x + a!.segments[0]!.width)
    expect(b!.segments[0]!.width / a!.segments[0]!.width).toBeCloseTo(2 / 3)
  })
})

describe('donutLayout', () => {
  it('gives each non-zero part an arc whose share is its part of the total', () => {
    const l = donutLayout([{ label: '网站', value: 6306 }, { label: '微博', value: 71 }, { label: '微信', value: 741 }, { label: '其他', value: 0 }], 50)
    expect(l.total).toBe(7118)
    expect(l.arcs.map((a) => Math.round(a.share * 1000))).toEqual([886, 10, 104, 0])
    expect(l.arcs[3]!.d).toBe('')
    expect(l.arcs[0]!.d).toMatch(/^M/)
  })
})

describe('waffleLayout', () => {
  it('always draws exactly 100 squares, and a tiny non-zero part still gets one', () => {
    const w = waffleLayout([{ label: 'a', value: 6306 }, { label: 'b', value: 71 }, { label: 'c', value: 741 }])
    expect(w.squares).toHaveLength(100)
    expect(w.counts).toEqual([89, 1, 10])
    const tiny = waffleLayout([{ label: 'a', value: 10_000 }, { label: 'b', value: 1 }, { label: 'c', value: 1 }])
    expect(tiny.counts).toEqual([98, 1, 1])
  })

  it('draws nothing for an all-zero total', () => {
    expect(waffleLayout([{ label: 'a', value: 0 }]).squares).toEqual([])
  })
})

describe('formatting', () => {
  it('says a year-over-year change in words, both languages', () => {
    expect(formatDelta(120, 100, 'zh-CN')).toEqual({ text: '比上年增加20（20%）', direction: 'up' })
    expect(formatDelta(80, 100, 'en')).toEqual({ text: 'down 20 (20%) on last year', direction: 'down' })
    expect(formatDelta(5, 0, 'zh-CN').text).toBe('比上年增加5')
    expect(formatValue(null, '件', 'zh-CN')).toBe('未提供')
    expect(formatValue(2151625, '人次', 'zh-CN')).toBe('2,151,625人次')
  })
})
