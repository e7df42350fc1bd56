import { importText } from '@gongkai/importer'
import { sampleReports, validateReport, type ReportDocument } from '@gongkai/schema'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { datum, infographicModel, total } from './figures.ts'
import ReportInfographic from './ReportInfographic.vue'
import { plainSummary, summaryParts } from './summary.ts'
import seedText from '../../importer/fixtures/seed-hangzhou-spb-2020.txt?raw'

const seed = importText(seedText).document
const amr = sampleReports()
  .filter((s) => s.agency.code === 'demo-990100-amr')
  .map((s) => s.document) as [ReportDocument, ReportDocument, ReportDocument]
const cell = (doc: ReportDocument, t: '二' | '三' | '四', id: string) => {
  const c = doc.tables[t].cells[id]
  return c?.state === 'value' ? c.value : null
}

describe('infographic model', () => {
  it('takes every figure from the tables', () => {
    const [, y2021] = amr
    const m = infographicModel(y2021)
    expect(m.missing).toEqual([])
    expect(m.headline.find((h) => h.key === 'applications_new')!.value).toBe(cell(y2021, '三', 'new|total'))
    expect(m.headline.find((h) => h.key === 'lawsuits')!.value).toBe(
      cell(y2021, '四', 'main|ld_total')! + cell(y2021, '四', 'main|lr_total')!,
    )
    expect(total(m.applicants!)).toBe(cell(y2021, '三', 'new|total'))
    expect(m.outcomes!.reduce((s, g) => s + (total(g.items) ?? 0), 0)).toBe(cell(y2021, '三', 'total|total'))
    expect(m.outcomes!.at(-1)!.items).toHaveLength(3)
    const { inflow, outflow } = m.balance!
    expect(inflow[0].value + inflow[1].value).toBe(outflow[0].value + outflow[1].value)
    expect(m.reviews!.map((r) => total(r.parts))).toEqual([
      cell(y2021, '四', 'main|rv_total'),
      cell(y2021, '四', 'main|ld_total'),
      cell(y2021, '四', 'main|lr_total'),
    ])
    // Table 二 panels never share a scale, and 规章 "/" stays unknown rather than 0.
    expect(m.table2!.map((p) => p.title.zh)).toContain('第二十条第（五）项：本年处理决定数量')
    expect(m.table2!.find((p) => p.column === '本年制发件数')!.data[0]).toMatchObject({ label: { zh: '规章' }, value: null, state: 'na' })
  })

  it('names every figure in both languages, short on the chart and in full for the table', () => {
    const m = infographicModel(amr[1])
    const other = m.outcomes!.at(-1)!.items
    expect(other.map((i) => i.label.zh)).toEqual(['逾期不补正，不再处理', '逾期未缴费，不再处理', '其他'])
    expect(other[0]!.full.zh).toBe('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请')
    expect(datum(other[0]!, 'en')).toMatchObject({
      label: 'Not corrected in time',
      fullLabel: '1. Applicant did not correct the application in time; processing stopped',
    })
    const CJK = /[\u3400-\u9fff]/
    const all = [
      ...m.applicants!,
      ...m.outcomes!.flatMap((g) => g.items),
      ...m.reviews!.flatMap((r) => r.parts),
      ...m.table2!.flatMap((p) => p.data),
    ]
    for (const f of all) expect(`${f.label.en} ${f.full.en}`).not.toMatch(CJK)
    for (const p of m.table2!) expect(`${p.title.en} ${p.unit.en}`).not.toMatch(CJK)
  })

  it('gives the seed its narrative channels and no table figure at all', () => {
    const m = infographicModel(seed)
    expect(m.missing).toEqual(['二', '三', '四'])
    expect(m.headline.map((h) => [h.key, h.value])).toEqual([['proactive', 7118]])
    expect(m.channels!.map((c) => [c.label.zh, c.value])).toEqual([
      ['政府网站', 6306],
      ['政务微博', 71],
      ['政务微信', 741],
    ])
    expect([m.applicants, m.outcomes, m.balance, m.reviews, m.table2]).toEqual([null, null, null, null, null])
  })

  it('compares with last year only where the figures mean the same', () => {
    const [y2020, y2021] = amr
    const m = infographicModel(y2021, { previous: y2020 })
    expect(m.headline.find((h) => h.key === 'applications_new')!.previous).toBe(cell(y2020, '三', 'new|total'))
  })

  it('files validation errors under the figures they affect', () => {
    const broken = structuredClone(amr[1])
    broken.tables['四'].cells['main|rv_total'] = { state: 'value', value: 999 }
    const m = infographicModel(broken, { validation: validateReport(broken) })
    expect(m.problems.reviews?.map((f) => f.rule)).toEqual(['T4-RV'])
    expect(m.problems.applicants).toBeUndefined()
  })
})

describe('plain-language summary', () => {
  it('says the seed’s figures and that its tables are not given', () => {
    const zh = plainSummary(seed, infographicModel(seed), 'zh-CN')
    expect(zh).toBe(
      '杭州市行政审批服务管理办公室2020年度报告。全年主动公开政府信息7,118条。表二未在原文中提供，相关数据不可得。表三未在原文中提供，相关数据不可得。表四未在原文中提供，相关数据不可得。',
    )
    const en = plainSummary(seed, infographicModel(seed), 'en')
    expect(en).toContain('published 7,118 items of information proactively')
    expect(en).toContain('Table 3 is not given in the source')
    expect(en).toMatch(/^杭州市行政审批服务管理办公室, report for 2020\. /)
    expect(summaryParts(seed, infographicModel(seed), 'en').rest).not.toMatch(/[\u3400-\u9fff]/)
  })

  it('states a complete report’s numbers, with the change on last year', () => {
    const [y2020, y2021] = amr
    const m = infographicModel(y2021, { previous: y2020 })
    const zh = plainSummary(y2021, m, 'zh-CN')
    expect(zh).toContain(`新收政府信息公开申请${cell(y2021, '三', 'new|total')}件`)
    expect(zh).toMatch(/比上年(增加|减少)\d+|与上年持平/)
    expect(zh).toContain(`办理完毕${cell(y2021, '三', 'total|total')}件`)
    expect(zh).toContain(`被申请行政复议${cell(y2021, '四', 'main|rv_total')}件`)
  })
})

describe('ReportInfographic', () => {
  it('shows "not given in the source" for the seed instead of empty charts or zeros', () => {
    const w = mount(ReportInfographic, { props: { doc: seed } })
    expect(w.findAll('.gk-not-given')).toHaveLength(3)
    expect(w.findAll('figure')).toHaveLength(1)
    expect(w.find('figure').text()).toContain('政府网站')
    expect(w.find('#tu-summary p').text()).toContain('7,118')
  })

  it('draws every chart of a complete report, each with its title and table toggle', () => {
    const w = mount(ReportInfographic, { props: { doc: amr[1], previous: amr[0], locale: 'en' } })
    const figures = w.findAll('figure')
    expect(figures.length).toBeGreaterThanOrEqual(9)
    for (const f of figures) {
      expect(f.find('svg[role="img"]').attributes('aria-labelledby')).toBeTruthy()
      expect(f.find('button.gk-chart-toggle').exists()).toBe(true)
    }
    expect(w.findAll('.gk-kpi')).toHaveLength(5)
    expect(w.text()).toContain('Balanced')
    // English mode: no Chinese outside what is marked as Chinese (the title and the agency's name).
    const clone = w.element.cloneNode(true) as HTMLElement
    for (const el of clone.querySelectorAll('[lang="zh-CN"]')) el.remove()
    expect(clone.textContent).not.toMatch(/[\u3400-\u9fff]/)
    // …and no Chinese punctuation inside English sentences ("Outcome：Not disclosed").
    expect(clone.textContent).not.toMatch(/[，：（）]/)
  })
})
