import { describe, expect, it } from 'vitest'
import { KEY_FIGURES, keyFigureValue } from './comparable.ts'
import type { ReportDocument } from './document.ts'
import { METRICS, computeMetric, computeMetrics, metricCatalogue, metricComparable, metricDef } from './metrics.ts'
import { sampleReports } from './samples.ts'
import { cellId, type TableId } from './templates.ts'

// Real-looking documents of both templates: the fictional 示例 reports, consistent by construction.
const samples = sampleReports()
const of = (code: string, year: number) =>
  structuredClone(samples.find((s) => s.agency.code === code && s.document.year === year)!.document)
const y2020 = () => of('demo-990100-amr', 2020) // 2019 template
const y2021 = () => of('demo-990100-amr', 2021) // 2021 template
const cell = (doc: ReportDocument, table: TableId, row: string, col: string) => {
  const c = doc.tables[table].cells[cellId(row, col)]
  return c?.state === 'value' ? c.value : NaN
}

describe('the metric catalogue', () => {
  it('gives every metric a unique id, a Chinese and English name, a unit and cells that exist in the template', () => {
    const ids = METRICS.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    const catalogue = metricCatalogue()
    for (const m of catalogue) {
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(m.en).toMatch(/[A-Za-z]/)
      expect(['件', '%', '万元', '项']).toContain(m.unit)
      if (m.kind === 'sum') expect(m.cells!['2019'] ?? m.cells!['2021']).not.toBeNull()
      else for (const id of [...m.ratio!.numerator, ...m.ratio!.denominator]) expect(metricDef(id)?.kind).toBe('sum')
    }
    const newApps = catalogue.find((m) => m.id === 'applications_new')!
    expect(newApps.cells!['2021']![0]).toMatchObject({ table: '三', row: '一、本年新收政府信息公开申请数量', column: '申请人情况 / 总计' })
  })

  it('agrees with the year-over-year key figures on the cells of every figure they share', () => {
    for (const doc of [y2020(), y2021()]) {
      const all = computeMetrics(doc)
      for (const k of KEY_FIGURES.filter((k) => k.key !== 'fees')) expect(all[k.key]!.value).toBe(keyFigureValue(doc, k))
    }
  })

  it('maps 2019 其他处理 onto the three 2021 rows, and keeps apart what changed meaning', () => {
    expect(metricDef('other_handling')!.mapping).toBe('merged')
    expect(metricDef('normative_stock')!.mapping).toBe('different')
    expect(metricComparable(metricDef('normative_stock')!, '2019', '2021')).toBe(false)
    expect(metricComparable(metricDef('normative_stock')!, '2021', '2021')).toBe(true)
    expect(metricComparable(metricDef('other_handling')!, '2019', '2021')).toBe(true)
    const d21 = y2021()
    const sum = ['other_1', 'other_2', 'other_3'].reduce((s, r) => s + cell(d21, '三', r, 'total'), 0)
    expect(computeMetric(d21, 'other_handling').value).toBe(sum)
    expect(computeMetric(y2020(), 'other_handling').value).toBe(cell(y2020(), '三', 'other', 'total'))
  })

  it('computes 予以公开率 as (予以公开 + 部分公开) ÷ 办理结果总计, in percent', () => {
    for (const doc of [y2020(), y2021()]) {
      const disclosed = cell(doc, '三', 'disclosed', 'total')
      const partial = cell(doc, '三', 'partial', 'total')
      const total = cell(doc, '三', 'total', 'total')
      const rate = computeMetric(doc, 'disclosure_rate')
      expect(rate).toMatchObject({ reason: null, numerator: disclosed + partial, denominator: total })
      expect(rate.value).toBeCloseTo(((disclosed + partial) / total) * 100, 3)
    }
  })

  it('computes 纠错率 over concluded cases only (pending cases are not in the denominator)', () => {
    const doc = y2021()
    const cells = doc.tables['四'].cells
    const put = (col: string, n: number) => (cells[cellId('main', col)] = { state: 'value', value: n, raw: String(n) })
    put('rv_upheld', 6)
    put('rv_corrected', 2)
    put('rv_other', 0)
    put('rv_pending', 9)
    put('rv_total', 17)
    expect(computeMetric(doc, 'review_correction_rate')).toMatchObject({ value: 25, numerator: 2, denominator: 8 })
    put('rv_upheld', 0)
    put('rv_corrected', 0)
    expect(computeMetric(doc, 'review_correction_rate')).toMatchObject({ value: null, reason: 'zero_denominator' })
  })

  it('gives null with the reason, never 0, for a blank, "/" or unreported cell', () => {
    const doc = y2021()
    doc.tables['三'].cells[cellId('new', 'natural')] = { state: 'blank', raw: '' }
    expect(computeMetric(doc, 'applications_new_natural')).toEqual({ value: null, reason: 'blank', cells: ['三:new|natural'] })
    // The total cell is still given, so the total is still known.
    expect(computeMetric(doc, 'applications_new').value).toBe(cell(doc, '三', 'new', 'total'))

    doc.tables['三'].cells[cellId('withheld_3', 'total')] = { state: 'na', raw: '/' }
    expect(computeMetric(doc, 'withheld')).toEqual({ value: null, reason: 'na', cells: ['三:withheld_3|total'] })

    delete doc.tables['三'].cells[cellId('partial', 'total')]
    expect(computeMetric(doc, 'disclosure_rate')).toEqual({ value: null, reason: 'not_reported', cells: ['三:partial|total'] })

    // A lost table: every metric drawn from it is unknown, not zero.
    doc.tables['四'] = { cells: {}, extras: [] }
    const all = computeMetrics(doc)
    for (const id of ['reviews', 'lawsuits', 'reviews_corrected', 'review_correction_rate', 'lawsuit_correction_rate']) {
      expect(all[id]).toMatchObject({ value: null, reason: 'not_reported' })
    }
  })

  it('says a figure is not in the template instead of inventing it', () => {
    expect(computeMetric(y2020(), 'fee_amount')).toEqual({ value: null, reason: 'not_in_template', cells: [] })
    expect(computeMetric(y2020(), 'fee_items').value).toBe(cell(y2020(), '二', 'art20_8.fees', 'prev_items'))
    expect(computeMetric(y2021(), 'fee_items').reason).toBe('not_in_template')
    expect(computeMetric(y2021(), 'normative_issued').value).toBe(cell(y2021(), '二', 'art20_1.normative', 'issued'))
    expect(computeMetric(y2020(), 'normative_issued').value).toBe(cell(y2020(), '二', 'art20_1.normative', 'made'))
  })

  it('splits new applications by applicant type, adding up to the total', () => {
    const all = computeMetrics(y2021())
    const orgs = ['commercial', 'research', 'ngo', 'legal', 'other'].reduce((s, k) => s + all[`applications_new_${k}`]!.value!, 0)
    expect(all.applications_new_organisations!.value).toBe(orgs)
    expect(all.applications_new_natural!.value! + orgs).toBe(all.applications_new!.value)
  })
})
