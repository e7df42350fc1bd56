import { describe, expect, it } from 'vitest'
import { formatValue } from './format.ts'
import { formatDelta } from './phrases.ts'
import { donutLayout } from './donut.ts'
import { barLayout, legendBeside, legendLayout, legendMarks, stackLayout, waffleLayout } from './layout.ts'
import { textWidth, wrapText } from './text.ts'

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
    expect(l.ticks[0]).toMatchObject({ value: 0, x: l.labelWidth, text: '0' })
    expect(l.bars.every((b) => b.x + b.width <= 360)).toBe(true)
  })

  it('fits a 320 px phone', () => {
    const l = barLayout([{ label: '一个很长很长的类别标签', value: 11_000_000 }], { width: 320 })
    expect(l.labelWidth + l.plotWidth).toBeLessThanOrEqual(320)
  })

  const LONG = [
    { label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', value: 3 },
    { label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', value: 1 },
    { label: '其他', value: 2522.8759 },
  ]

  it('keeps every label, tick and value inside the chart, at any width and text size', () => {
    for (const width of [220, 241, 262, 300, 420, 600, 900]) {
      for (const fontSize of [12, 13, 16.5, 18]) {
        const values = LONG.map((d) => `${d.value.toLocaleString('en')} × 10,000 CNY`)
        const fmt = (n: number) => n.toLocaleString('en')
        const l = barLayout(LONG, { width, fontSize, values, tickFormat: fmt })
        const at = `${width}px, ${fontSize}px`
        for (const b of l.bars) {
          for (const line of b.lines) {
            const w = textWidth(line, fontSize)
            if (b.labelAnchor === 'end') expect(b.labelX - w, at).toBeGreaterThanOrEqual(0)
            else expect(b.labelX + w, at).toBeLessThanOrEqual(width)
          }
          expect(b.lines.length).toBeLessThanOrEqual(2)
          for (const line of b.valueLines) expect(b.valueX + textWidth(line, fontSize), at).toBeLessThanOrEqual(width)
          expect(b.valueLines.join(' ')).toBe(values[b.index])
        }
        let right = -Infinity
        for (const t of l.ticks) {
          expect(t.textX, at).toBeGreaterThan(right)
          right = t.textX + textWidth(t.text, l.tickFontSize)
          expect(right, at).toBeLessThanOrEqual(width)
        }
        expect(l.ticks.length, at).toBeGreaterThanOrEqual(2)
      }
    }
  })

  it('puts labels beside the bars when they fit there, and above them on a narrow chart', () => {
    const short = [
      { label: '自然人', value: 3 },
      { label: '商业企业', value: 1 },
    ]
    expect(barLayout(short, { width: 300 }).mode).toBe('side')
    expect(barLayout(LONG, { width: 300, fontSize: 13 }).mode).toBe('above')
  })

  it('drops tick labels that would run together instead of printing "5001,0001,500"', () => {
    const l = barLayout([{ label: 'a', value: 2522.8759 }], { width: 200, fontSize: 13, tickFormat: (n) => n.toLocaleString('en') })
    const texts = l.ticks.map((t) => t.text)
    expect(texts[0]).toBe('0')
    expect(texts.length).toBeLessThan(6)
  })
})

describe('wrapText', () => {
  it('breaks Chinese between characters, English between words, and marks what it had to cut', () => {
    expect(wrapText('一二三四五六', 4 * 12, 12).lines).toEqual(['一二三四', '五六'])
    expect(wrapText('not corrected in time', textWidth('not corrected', 12), 12).lines).toEqual(['not corrected', 'in time'])
    const cut = wrapText('一二三四五六七八九十', 3 * 12, 12, 2)
    expect(cut.fits).toBe(false)
    expect(cut.lines).toEqual(['一二三', '四五…'])
    // Closing punctuation never starts a line.
    expect(wrapText('一二三，四五', 3 * 12, 12, 3).lines[1]).not.toMatch(/^，/)
  })
})

describe('legendLayout', () => {
  it('uses two columns when the names fit, one when they do not', () => {
    expect(new Set(legendLayout(['结果维持', '结果纠正', '其他结果', '尚未审结'], { width: 300 }).items.map((i) => i.x)).size).toBe(2)
    expect(
      new Set(
        legendLayout(['Upheld', 'Corrected', 'Other outcome', 'Not yet concluded'], { width: 200, fontSize: 16.5 }).items.map((i) => i.x),
      ).size,
    ).toBe(1)
  })
})

describe('legendBeside and legendMarks', () => {
  const entries = ['网站 6,306条（88.6%）', '微博 71条（1.0%）', '微信 741条（10.4%）']

  it('puts the legend beside the figure when each entry fits on one line there', () => {
    const p = legendBeside(entries, { width: 600, fontSize: 12, figure: 150, sideY: 10, belowY: 150 })
    expect(p.x).toBe(162)
    expect(p.y).toBe(10)
    expect(p.legend.items.every((i) => i.lines.length === 1 && i.x === 0)).toBe(true)
    expect(p.height).toBe(Math.max(150, 10 + p.legend.height))
  })

  it('puts it below the figure on a phone-width chart, and counts its height in', () => {
    const p = legendBeside(entries, { width: 240, fontSize: 16, figure: 150, sideY: 10, belowY: 158 })
    expect(p.x).toBe(0)
    expect(p.y).toBe(158)
    expect(p.height).toBe(158 + p.legend.height)
    // Nothing runs past the chart's width.
    expect(p.legend.items.every((i) => i.x === 0)).toBe(true)
  })

  it('gives one keyboard mark per entry, over its text, with its spoken label', () => {
    const p = legendBeside(entries, { width: 600, fontSize: 12, figure: 150, sideY: 10, belowY: 150 })
    const marks = legendMarks(
      p,
      600,
      entries.map((_, i) => `第${i + 1}项`),
    )
    expect(marks.map((m) => m.label)).toEqual(['第1项', '第2项', '第3项'])
    expect(marks.map((m) => m.y)).toEqual(p.legend.items.map((i) => 10 + i.y))
    expect(marks.every((m) => m.x === 162 && m.width === 600 - 162 && m.height === p.legend.lineHeight)).toBe(true)
  })
})

describe('stackLayout', () => {
  it('puts rows on one scale and segments end to end', () => {
    const l = stackLayout(
      [
        {
          label: '行政复议',
          parts: [
            { label: '维持', value: 3 },
            { label: '纠正', value: 1 },
          ],
        },
        {
          label: '直接起诉',
          parts: [
            { label: '维持', value: 2 },
            { label: '纠正', value: 0 },
          ],
        },
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
    const l = donutLayout(
      [
        { label: '网站', value: 6306 },
        { label: '微博', value: 71 },
        { label: '微信', value: 741 },
        { label: '其他', value: 0 },
      ],
      50,
    )
    expect(l.total).toBe(7118)
    expect(l.arcs.map((a) => Math.round(a.share * 1000))).toEqual([886, 10, 104, 0])
    expect(l.arcs[3]!.d).toBe('')
    expect(l.arcs[0]!.d).toMatch(/^M/)
  })
})

describe('waffleLayout', () => {
  it('always draws exactly 100 squares, and a tiny non-zero part still gets one', () => {
    const w = waffleLayout([
      { label: 'a', value: 6306 },
      { label: 'b', value: 71 },
      { label: 'c', value: 741 },
    ])
    expect(w.squares).toHaveLength(100)
    expect(w.counts).toEqual([89, 1, 10])
    const tiny = waffleLayout([
      { label: 'a', value: 10_000 },
      { label: 'b', value: 1 },
      { label: 'c', value: 1 },
    ])
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
