import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import BalanceFlow from './BalanceFlow.vue'
import BarChart from './BarChart.vue'
import DonutChart from './DonutChart.vue'
import KpiTile from './KpiTile.vue'
import StackedBar from './StackedBar.vue'
import WaffleChart from './WaffleChart.vue'

const data = [
  { label: '网站', value: 6306 },
  { label: '微博', value: 71 },
  { label: '微信', value: 741 },
]

function expectAccessible(w: ReturnType<typeof mount>, title: string) {
  const fig = w.find('figure')
  expect(fig.exists()).toBe(true)
  const svg = fig.find('svg[role="img"]')
  const titleId = svg.attributes('aria-labelledby')!
  expect(fig.find(`#${titleId}`).text()).toBe(title)
  expect(fig.find(`#${svg.attributes('aria-describedby')}`).text()).not.toBe('')
  // The image holds no focusable element; the marks layer does, each with its own label.
  expect(svg.findAll('[tabindex]')).toHaveLength(0)
  const marks = fig.findAll('.gk-chart-marks [tabindex="0"]')
  expect(marks.length).toBeGreaterThan(0)
  for (const m of marks) expect(m.attributes('aria-label')).toBeTruthy()
  return marks
}

describe('chart components', () => {
  it('BarChart draws one bar per known value and labels each mark', async () => {
    const w = mount(BarChart, {
      props: { title: '申请人', description: '自然人最多', data: [...data, { label: '其他', value: null }], unit: '条' },
    })
    const marks = expectAccessible(w, '申请人')
    expect(w.findAll('svg[role="img"] rect')).toHaveLength(3)
    expect(marks.map((m) => m.attributes('aria-label'))).toEqual(['网站：6,306条', '微博：71条', '微信：741条', '其他：未提供'])
    // The data as a table, on request.
    expect(w.find('table').exists()).toBe(false)
    await w.find('button.gk-chart-toggle').trigger('click')
    expect(w.find('button.gk-chart-toggle').attributes('aria-expanded')).toBe('true')
    expect(w.findAll('tbody tr').map((r) => r.text())).toEqual(['网站6,306条', '微博71条', '微信741条', '其他未提供'])
  })

  it('BarChart keeps blank, "/" and not reported apart from 0', () => {
    const w = mount(BarChart, {
      props: {
        title: 't',
        description: 'd',
        data: [
          { label: '零', value: 0, state: 'value' },
          { label: '空白', value: 0, state: 'blank' },
          { label: '不适用', value: null, state: 'na' },
          { label: '未提供', value: null, state: 'not_reported' },
        ],
        unit: '件',
      },
    })
    expect(w.findAll('.gk-chart-marks [tabindex]').map((m) => m.attributes('aria-label'))).toEqual([
      '零：0件',
      '空白：空白',
      '不适用：不适用（/）',
      '未提供：未提供',
    ])
  })

  it('DonutChart gives each part a pattern and states its share', () => {
    const w = mount(DonutChart, { props: { title: '渠道', description: '网站占大多数', data, unit: '条' } })
    expectAccessible(w, '渠道')
    expect(w.findAll('svg[role="img"] > g > path[d^="M"]')).toHaveLength(3)
    expect(w.findAll('pattern').length).toBeGreaterThan(0)
    expect(w.text()).toContain('网站 6,306条（88.6%）')
  })

  it('StackedBar stacks outcomes per row with a legend', () => {
    const parts = (a: number, b: number) => [
      { label: 'upheld', value: a },
      { label: 'corrected', value: b },
    ]
    const w = mount(StackedBar, {
      props: {
        title: 'Reviews',
        description: 'd',
        rows: [
          { label: 'Reconsideration', parts: parts(3, 1) },
          { label: 'Lawsuits', parts: parts(2, 0) },
        ],
        unit: 'cases',
        locale: 'en',
      },
    })
    const marks = expectAccessible(w, 'Reviews')
    // English sentences take English punctuation: no "，" or "：" in an English label.
    expect(marks.map((m) => m.attributes('aria-label'))).toContain('Reconsideration, upheld: 3 cases')
    expect(w.text()).toContain('Show the data as a table')
    expect(w.findAll('.gk-legend text').map((t) => t.text())).toEqual(['upheld', 'corrected'])
  })

  it('WaffleChart draws 100 squares', () => {
    const w = mount(WaffleChart, { props: { title: '占比', description: 'd', data } })
    expectAccessible(w, '占比')
    expect(w.findAll('svg[role="img"] > rect')).toHaveLength(100)
    // A legend entry per part, with its swatch, and a keyboard mark for each.
    expect(w.findAll('.gk-legend text').map((t) => t.text())).toEqual(['网站 6,306', '微博 71', '微信 741'])
    expect(w.findAll('.gk-legend rect')).toHaveLength(3)
    expect(w.findAll('.gk-chart-marks [tabindex="0"]').map((m) => m.attributes('aria-label'))).toEqual([
      '网站：6,306，89 / 100',
      '微博：71，1 / 100',
      '微信：741，10 / 100',
    ])
  })

  it('BalanceFlow says whether the table balances', () => {
    const mk = (out: number) =>
      mount(BalanceFlow, {
        props: {
          title: '勾稽',
          description: 'd',
          inflow: [
            { label: '新收', value: 30 },
            { label: '上年结转', value: 2 },
          ],
          outflow: [
            { label: '办结', value: 29 },
            { label: '结转下年', value: out },
          ],
          unit: '件',
        },
      })
    expect(mk(3).text()).toContain('收支平衡：收 32件 = 办 32件')
    expect(mk(4).text()).toContain('不平衡：收 32件 ≠ 办 33件')
    expectAccessible(mk(3), '勾稽')
  })

  it('KpiTile shows the change on last year in words', () => {
    const w = mount(KpiTile, { props: { label: '新收申请', value: 120, previous: 100, unit: '件' } })
    expect(w.text()).toContain('120件')
    expect(w.text()).toContain('比上年增加20（20%）')
    expect(mount(KpiTile, { props: { label: 'x', value: null } }).text()).toContain('未提供')
  })
})
