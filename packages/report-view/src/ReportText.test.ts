import { emptyDocument } from '@gongkai/schema'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ReportText from './ReportText.vue'

const agency = { name: '示例县示例局', code: 'demo', level: 'county', kind: 'department', region: null } as const

describe('ReportText', () => {
  it('says a table is not given instead of printing zeros', () => {
    const doc = emptyDocument(agency, 2021, '2021')
    const w = mount(ReportText, { props: { doc } })
    expect(w.findAll('h2').map((h) => h.text())).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ])
    expect(w.findAll('table')).toHaveLength(0)
    expect(w.findAll('.gk-not-given')).toHaveLength(3)
    expect(w.text()).not.toMatch(/\b0\b/)
  })

  it('prints a given table in the official layout with each cell in its state', () => {
    const doc = emptyDocument(agency, 2021, '2021')
    doc.tables['三'].cells['new|natural'] = { state: 'value', value: 12, raw: '12' }
    doc.tables['三'].cells['new|commercial'] = { state: 'blank' }
    doc.tables['三'].cells['new|research'] = { state: 'value', value: 0, raw: '0' }
    const w = mount(ReportText, { props: { doc } })
    const table = w.find('#table-三 table')
    expect(table.exists()).toBe(true)
    expect(table.find('thead').text()).toContain('法人或其他组织')
    const cell = (id: string) => table.find(`[data-cell="三:${id}"]`)
    expect(cell('new|natural').text()).toBe('12')
    expect(cell('new|commercial').classes()).toContain('gk-cell--blank')
    expect(cell('new|research').classes()).toContain('gk-cell--zero')
    expect(cell('new|ngo').classes()).toContain('gk-cell--not-reported')
    // Each data cell names its row and column headers for screen readers.
    expect(cell('new|commercial').attributes('headers')?.split(' ')).toHaveLength(4)
    expect(w.findAll('.gk-not-given')).toHaveLength(2)
  })

  it('renders prose as text, never as HTML', () => {
    const doc = emptyDocument(agency, 2021, '2021')
    doc.parts['六'] = [{ type: 'paragraph', text: '<img src=x onerror=alert(1)>无。' }]
    const w = mount(ReportText, { props: { doc } })
    expect(w.find('#part-6 img').exists()).toBe(false)
    expect(w.find('#part-6 p').text()).toBe('<img src=x onerror=alert(1)>无。')
  })
  it('names every part, table, row and column in English in English mode', () => {
    const doc = emptyDocument(agency, 2021, '2021')
    doc.tables['三'].cells['new|natural'] = { state: 'value', value: 12, raw: '12' }
    doc.tables['二'].cells['art20_8.fees|fee_amount'] = { state: 'value', value: 2522.8759, raw: '2522.8759' }
    doc.tables['四'].cells['main|rv_total'] = { state: 'value', value: 0, raw: '0' }
    doc.parts['一'] = [{ type: 'paragraph', text: '本年度工作总体情况。' }]
    const w = mount(ReportText, { props: { doc, locale: 'en' } })
    expect(w.find('#part-3-h').text()).toContain('III. Applications received and handled')
    expect(w.find('#table-三 thead').text()).toContain('Legal persons and other organisations')
    expect(w.find('#table-三 tbody').text()).toContain('(6) Other handling')
    expect(w.find('#table-二').text()).toContain('Fees collected this year (10,000 CNY)')
    expect(w.find('[data-cell="二:art20_8.fees|fee_amount"]').text()).toBe('2522.8759')
    const clone = w.element.cloneNode(true) as HTMLElement
    for (const el of clone.querySelectorAll('[lang="zh-CN"]')) el.remove()
    expect(clone.textContent).not.toMatch(/[\u3400-\u9fff]/)
    // The prose stays as published, marked Chinese.
    expect(w.find('#part-1 [lang="zh-CN"] p').text()).toBe('本年度工作总体情况。')
  })
})
