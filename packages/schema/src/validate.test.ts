import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyDocument, type Cell, type ReportDocument, type ValidationInput } from './document.ts'
import { generateTables, sampleReports, seededRandom } from './samples.ts'
import { cellDefs, cellId, type TableId, type TemplateId } from './templates.ts'
import { validateReport } from './validate.ts'

const agency = { name: '示例市示例局', code: 'demo', level: 'city', kind: 'department', region: null } as const

/** A consistent report of a template: every exact identity holds. */
function consistent(template: TemplateId, seed = 1, scale = 2): ReportDocument {
  const year = template === '2019' ? 2020 : 2022
  const doc = emptyDocument(agency, year, template)
  doc.tables = generateTables(template, seededRandom(seed), { scale }).tables
  doc.period = { start: `${year}-01-01`, end: `${year}-12-31` }
  return doc
}

function setValue(doc: ReportDocument, table: TableId, id: string, value: number): ReportDocument {
  const copy = structuredClone(doc)
  copy.tables[table].cells[id] = { state: 'value', value, raw: String(value) }
  return copy
}

function numberAt(doc: ReportDocument, table: TableId, id: string): number {
  const cell = doc.tables[table].cells[id]
  if (cell?.state !== 'value') throw new Error(`${table}:${id} has no value`)
  return cell.value
}

const rulesOf = (doc: ReportDocument, previous?: ReportDocument) =>
  validateReport(doc, previous ? { previous } : {}).findings.map((f) => f.rule)

describe('a consistent report', () => {
  for (const template of ['2019', '2021'] as const) {
    it(`passes every check (${template})`, () => {
      const result = validateReport(consistent(template))
      expect(result.findings).toEqual([])
      expect(result.ok).toBe(true)
    })
  }
})

describe('exact identities (errors)', () => {
  it('T3-BAL: 一 + 二 ≠ （七）总计 + 四 in one column gives exactly one T3-BAL error, naming that column', () => {
    const doc = consistent('2021')
    const broken = setValue(doc, '三', 'new|legal', numberAt(doc, '三', 'new|legal') + 2)
    const findings = validateReport(broken).findings
    const bal = findings.filter((f) => f.rule === 'T3-BAL')
    expect(bal).toHaveLength(1)
    expect(bal[0]!.severity).toBe('error')
    expect(bal[0]!.cells.every((c) => c.column.at(-1) === '法律服务机构')).toBe(true)
    expect(bal[0]!.cells.map((c) => c.id)).toContain('new|legal')
    expect(bal[0]!.message.zh).toContain('法律服务机构')
    expect(bal[0]!.message.en).toContain('legal-service institutions')
    expect(bal[0]!.expected).toBe(bal[0]!.actual! + 2)
    // The row no longer adds up either; that is T3-COL's finding, not a second T3-BAL.
    expect(findings.map((f) => f.rule).sort()).toEqual(['T3-BAL', 'T3-COL'])
  })

  it('T3-BAL in the 总计 column names 总计', () => {
    const doc = consistent('2019', 3)
    const broken = setValue(doc, '三', 'new|total', numberAt(doc, '三', 'new|total') + 1)
    const bal = validateReport(broken).findings.filter((f) => f.rule === 'T3-BAL')
    expect(bal).toHaveLength(1)
    expect(bal[0]!.cells.every((c) => c.column.at(-1) === '总计')).toBe(true)
  })

  it('T3-COL points at the row total and its parts', () => {
    const broken = setValue(consistent('2021'), '三', 'disclosed|total', 999)
    const f = validateReport(broken).findings.find((x) => x.rule === 'T3-COL')!
    expect(f.cells[0]).toMatchObject({
      table: '三',
      id: 'disclosed|total',
      row: ['三、本年度办理结果', '（一）予以公开'],
      column: ['申请人情况', '总计'],
    })
    expect(f.actual).toBe(999)
    expect(f.cells).toHaveLength(7)
  })

  it('T3-SUM: （七）总计 must equal the outcomes, including 2021’s three 其他处理 rows', () => {
    const doc = consistent('2021')
    const broken = setValue(doc, '三', 'other_2|natural', numberAt(doc, '三', 'other_2|natural') + 1)
    const sum = validateReport(broken).findings.filter((f) => f.rule === 'T3-SUM')
    expect(sum).toHaveLength(1)
    expect(sum[0]!.cells[0]!.id).toBe('total|natural')
    expect(sum[0]!.cells.map((c) => c.id)).toContain('other_2|natural')
  })

  it('reports a blank total as missing, not as wrong, and does not pile on', () => {
    const doc = consistent('2019', 5)
    expect(numberAt(doc, '三', 'disclosed|total')).toBeGreaterThan(0)
    const broken = structuredClone(doc)
    broken.tables['三'].cells['disclosed|total'] = { state: 'blank' }
    const findings = validateReport(broken).findings
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      rule: 'T3-COL',
      kind: 'missing_total',
      expected: numberAt(doc, '三', 'disclosed|total'),
      actual: null,
    })
    expect(findings[0]!.message.zh).toContain('未填写')
    expect(findings[0]!.message.en).toContain('missing total')
    // The blank is never rewritten.
    expect(broken.tables['三'].cells['disclosed|total']).toEqual({ state: 'blank' })
  })

  it('a whole blank 总计 column gives missing totals and no balance errors', () => {
    const doc = consistent('2021', 7, 4)
    for (const d of cellDefs('2021', '三').filter((x) => x.column.key === 'total')) doc.tables['三'].cells[d.id] = { state: 'blank' }
    const findings = validateReport(doc).findings
    expect(findings.every((f) => f.kind === 'missing_total')).toBe(true)
    expect(findings.some((f) => f.rule === 'T3-BAL')).toBe(false)
  })

  it('T3-GRP checks a publisher’s subtotal row and column', () => {
    const doc = consistent('2021')
    const withheld = cellDefs('2021', '三').filter((d) => d.row.groups.includes('（三）不予公开') && d.column.key === 'natural')
    const right = withheld.reduce((s, d) => s + numberAt(doc, '三', d.id), 0)
    doc.tables['三'].extras = [
      { row: ['三、本年度办理结果', '（三）不予公开'], column: ['申请人情况', '自然人'], cell: { state: 'value', value: right } },
      { row: ['一、本年新收政府信息公开申请数量'], column: ['申请人情况', '法人或其他组织'], cell: { state: 'value', value: 10_000 } },
    ]
    const grp = validateReport(doc).findings.filter((f) => f.rule === 'T3-GRP')
    expect(grp).toHaveLength(1)
    expect(grp[0]!.cells[0]!.id).toBe('extra:1')
    // A 小计 (or 合计) column under 法人或其他组织 is that group's total too.
    doc.tables['三'].extras = [
      { row: ['（一）予以公开'], column: ['申请人情况', '法人或其他组织', '小计'], cell: { state: 'value', value: 10_000 } },
    ]
    expect(
      validateReport(doc)
        .findings.filter((f) => f.rule === 'T3-GRP')
        .map((f) => f.cells[0]!.id),
    ).toEqual(['extra:0'])
  })

  for (const [rule, prefix] of [
    ['T4-RV', 'rv'],
    ['T4-LD', 'ld'],
    ['T4-LR', 'lr'],
  ] as const) {
    it(`${rule}: the ${prefix} total must equal its four outcomes`, () => {
      const doc = consistent('2019')
      const broken = setValue(doc, '四', `main|${prefix}_pending`, numberAt(doc, '四', `main|${prefix}_pending`) + 3)
      const f = validateReport(broken).findings.filter((x) => x.rule === rule)
      expect(f).toHaveLength(1)
      expect(f[0]!.cells[0]!.id).toBe(`main|${prefix}_total`)
      expect(rulesOf(doc)).not.toContain(rule)
    })
  }

  it('DOM: counts are whole and non-negative, 本年增/减 may be negative, and "/" does not belong in table 三', () => {
    const doc = consistent('2019')
    expect(rulesOf(setValue(doc, '二', 'art20_5.licensing|change', -8))).not.toContain('DOM')
    const neg = validateReport(setValue(doc, '四', 'main|rv_upheld', -1)).findings.filter((f) => f.rule === 'DOM')
    expect(neg).toHaveLength(1)
    expect(neg[0]!.cells[0]!.id).toBe('main|rv_upheld')
    expect(rulesOf(setValue(doc, '三', 'new|natural', 1.5))).toContain('DOM')
    const slash = structuredClone(doc)
    slash.tables['三'].cells['new|research'] = { state: 'na', raw: '/' }
    const dom = validateReport(slash).findings.filter((f) => f.rule === 'DOM')
    expect(dom).toHaveLength(1)
    expect(dom[0]!.severity).toBe('warning')
    // A table filled with "/" (a real 2021 page did) is one finding naming every such cell, not one per cell.
    const filled = structuredClone(doc)
    const ids = Object.keys(filled.tables['三'].cells).filter((id) => /^(new|carried_in)\|/.test(id))
    for (const id of ids) filled.tables['三'].cells[id] = { state: 'na', raw: '/' }
    const one = validateReport(filled).findings.filter((f) => f.rule === 'DOM')
    expect(one).toHaveLength(1)
    expect(one[0]!.cells.map((x) => x.id).sort()).toEqual([...ids].sort())
    expect(one[0]!.message.zh).toMatch(new RegExp(`^表三有 ${ids.length} 个单元格填写了“/”`))
  })
})

describe('usual rules (warnings)', () => {
  it('MISSING-TABLE: the seed-like document with no tables says so three times, and nothing else', () => {
    const doc = emptyDocument(agency, 2020, '2019')
    const result = validateReport(doc)
    expect(result.findings.map((f) => f.rule)).toEqual(['MISSING-TABLE', 'MISSING-TABLE', 'MISSING-TABLE'])
    expect(result.ok).toBe(true)
  })

  it('N-APPLICATIONS: prose that disagrees with table 三', () => {
    const doc = consistent('2021')
    const n = numberAt(doc, '三', 'new|total')
    const say = (value: number) => ({
      label: '收到申请',
      value,
      unit: '件',
      sentence: `共收到申请${value}件。`,
      part: '一' as const,
      metric: 'applications_received' as const,
    })
    doc.keyFigures = [say(n)]
    expect(rulesOf(doc)).not.toContain('N-APPLICATIONS')
    doc.keyFigures = [say(n + 1)]
    const f = validateReport(doc).findings.find((x) => x.rule === 'N-APPLICATIONS')!
    expect(f).toMatchObject({ expected: n, actual: n + 1, severity: 'warning' })
    expect(f.message.zh).toContain(`共收到申请${n + 1}件。`)
  })

  it('N-REVIEWS and N-LAWSUITS compare with table 四, lawsuits as direct + after review', () => {
    const doc = consistent('2019')
    const lawsuits = numberAt(doc, '四', 'main|ld_total') + numberAt(doc, '四', 'main|lr_total')
    const fig = (metric: 'reviews_total' | 'lawsuits_total', value: number) => ({
      label: metric,
      value,
      unit: '件',
      sentence: 's',
      part: '一' as const,
      metric,
    })
    doc.keyFigures = [fig('reviews_total', numberAt(doc, '四', 'main|rv_total')), fig('lawsuits_total', lawsuits)]
    expect(rulesOf(doc)).toEqual([])
    doc.keyFigures = [fig('reviews_total', 9999), fig('lawsuits_total', lawsuits + 1)]
    expect(rulesOf(doc)).toEqual(['N-REVIEWS', 'N-LAWSUITS'])
  })

  it('N-FEES compares 行政事业性收费 in the prose with table 二, converting 元 to 万元', () => {
    const doc = consistent('2021')
    doc.tables['二'].cells['art20_8.fees|fee_amount'] = { state: 'value', value: 0.04, raw: '0.0400', unit: '万元' }
    doc.keyFigures = [
      { label: '行政事业性收费', value: 400, unit: '元', sentence: '全年行政事业性收费400元。', part: '二', metric: 'admin_fees' },
    ]
    expect(rulesOf(doc)).not.toContain('N-FEES')
    doc.keyFigures[0]!.value = 500
    expect(rulesOf(doc)).toContain('N-FEES')
  })

  it('N-FEES never compares the 信息处理费 of part 六 with table 二 (a real report: 3940元 against 96171.6万元)', () => {
    const doc = consistent('2021')
    doc.tables['二'].cells['art20_8.fees|fee_amount'] = { state: 'value', value: 96171.6, raw: '96171.6' }
    doc.keyFigures = [
      { label: '信息处理费', value: 3940, unit: '元', sentence: '全年共收取信息处理费3940元。', part: '六', metric: 'fees_collected' },
    ]
    expect(rulesOf(doc)).not.toContain('N-FEES')
  })

  it('PCT: a percentage on applications received instead of the total handled', () => {
    const doc = emptyDocument(agency, 2022, '2021')
    doc.tables = generateTables('2021', seededRandom(9), { scale: 3 }).tables
    const set = (id: string, n: number) => (doc.tables['三'].cells[id] = { state: 'value', value: n })
    // 10 received and 8 handled, 4 of them disclosed: 50% of handled, 40% of received.
    for (const d of cellDefs('2021', '三')) doc.tables['三'].cells[d.id] = { state: 'value', value: 0 }
    set('new|natural', 10)
    set('new|total', 10)
    set('disclosed|natural', 4)
    set('disclosed|total', 4)
    set('unable_1|natural', 4)
    set('unable_1|total', 4)
    set('total|natural', 8)
    set('total|total', 8)
    set('carried_out|natural', 2)
    set('carried_out|total', 2)
    const pct = (value: number) => [{ label: '公开率', value, unit: '%', sentence: `公开率${value}%。`, part: '三' as const, metric: null }]
    doc.keyFigures = pct(50)
    expect(rulesOf(doc)).toEqual([])
    doc.keyFigures = pct(40)
    const f = validateReport(doc).findings
    expect(f.map((x) => x.rule)).toEqual(['PCT'])
    expect(f[0]!.message.zh).toContain('以收到申请数为基数')
  })

  it('YOY-CARRY: last year’s carried forward must be this year’s carried in, across the 2021 change', () => {
    const [y2020, y2021] = sampleReports()
      .filter((s) => s.agency.code === 'demo-990100-amr')
      .map((s) => s.document)
    expect(y2020!.template).toBe('2019')
    expect(y2021!.template).toBe('2021')
    expect(rulesOf(y2021!, y2020!)).toEqual([])
    const off = structuredClone(y2020!)
    off.tables['三'].cells['carried_out|ngo'] = { state: 'value', value: numberAt(y2020!, '三', 'carried_out|ngo') + 1 }
    const f = validateReport(y2021!, { previous: off }).findings
    expect(f.map((x) => x.rule)).toEqual(['YOY-CARRY'])
    expect(f[0]!.cells[0]!.id).toBe('carried_in|ngo')
  })

  it('YOY-STOCK-2021 and YOY-ITEMS-2019 chain table 二 within a template', () => {
    const province = sampleReports()
      .filter((s) => s.agency.code === 'demo-990000')
      .map((s) => s.document)
    const [y2019, y2020, , y2022, y2023] = province
    expect(rulesOf(y2020!, y2019!)).toEqual([])
    expect(rulesOf(y2023!, y2022!)).toEqual([])
    const stock = setValue(y2023!, '二', 'art20_1.normative|in_force', numberAt(y2023!, '二', 'art20_1.normative|in_force') + 1)
    expect(rulesOf(stock, y2022!)).toEqual(['YOY-STOCK-2021'])
    const items = setValue(y2020!, '二', 'art20_6.penalty|prev_items', numberAt(y2020!, '二', 'art20_6.penalty|prev_items') + 1)
    expect(rulesOf(items, y2019!)).toEqual(['YOY-ITEMS-2019'])
  })

  it('T2-ORD: a flow larger than its stock', () => {
    const doc = consistent('2021')
    expect(rulesOf(setValue(doc, '二', 'art20_1.normative|issued', 10_000))).toContain('T2-ORD')
    const d2019 = consistent('2019')
    expect(rulesOf(setValue(d2019, '二', 'art20_1.normative|published', 10_000))).toContain('T2-ORD')
  })

  it('T2-MISREAD-2019: decisions that systematically equal items + change', () => {
    const doc = consistent('2019')
    const misread = structuredClone(doc)
    for (const row of ['art20_5.licensing', 'art20_6.penalty']) {
      const n = numberAt(doc, '二', `${row}|prev_items`) + numberAt(doc, '二', `${row}|change`)
      misread.tables['二'].cells[`${row}|decisions`] = { state: 'value', value: n }
    }
    const f = validateReport(misread).findings.filter((x) => x.rule === 'T2-MISREAD-2019')
    expect(f).toHaveLength(1)
    expect(f[0]!.cells.map((c) => c.id)).toEqual(['art20_5.licensing|decisions', 'art20_6.penalty|decisions'])
    expect(rulesOf(doc)).not.toContain('T2-MISREAD-2019')
  })

  it('LVL-规章: a township that reports 规章', () => {
    const doc = consistent('2021')
    doc.agency = { ...doc.agency, level: 'township', kind: 'government' }
    expect(rulesOf(doc)).not.toContain('LVL-规章')
    expect(rulesOf(setValue(doc, '二', 'art20_1.rules|in_force', 3))).toContain('LVL-规章')
    const province = setValue(
      { ...doc, agency: { ...doc.agency, level: 'province', kind: 'government' } },
      '二',
      'art20_1.rules|in_force',
      3,
    )
    expect(rulesOf(province)).not.toContain('LVL-规章')
    // A city government and a State Council department may enact 规章; a city's department or a
    // province's general office may not (it may be reporting its government's: the warning asks
    // it to say so), nor may a county bureau.
    expect(rulesOf({ ...province, agency: { ...province.agency, level: 'city', kind: 'government' } })).not.toContain('LVL-规章')
    expect(rulesOf({ ...province, agency: { ...province.agency, level: 'national', kind: 'department' } })).not.toContain('LVL-规章')
    for (const [level, kind] of [
      ['city', 'department'],
      ['province', 'department'],
      ['county', 'department'],
    ] as const) {
      expect(rulesOf({ ...province, agency: { ...province.agency, level, kind } })).toContain('LVL-规章')
    }
    const office = validateReport({ ...province, agency: { ...province.agency, level: 'province', kind: 'department' } }).findings.find(
      (f) => f.rule === 'LVL-规章',
    )!
    expect(office.message.en).toContain("if they are its government's rules")
  })

  it('LVL-规章 is skipped, and says so in both languages, when the agency has no level or kind; every other rule runs', () => {
    // A county department reporting 规章, with one broken balance.
    const county = consistent('2021')
    county.agency = { ...county.agency, level: 'county', kind: 'department' }
    const doc = setValue(county, '二', 'art20_1.rules|in_force', 3)
    const broken = setValue(doc, '三', 'new|legal', numberAt(doc, '三', 'new|legal') + 2)
    expect(rulesOf(broken).sort()).toEqual(['LVL-规章', 'T3-BAL', 'T3-COL'])
    const unknown: ValidationInput = { ...broken, agency: { name: doc.agency.name, code: null, region: null } }
    const result = validateReport(unknown)
    expect(result.findings.map((f) => f.rule).sort()).toEqual(['T3-BAL', 'T3-COL'])
    expect(result.skipped).toEqual([
      {
        rule: 'LVL-规章',
        missing: ['level', 'kind'],
        message: {
          zh: '未检查「无规章制定权的机关填报了规章」：输入未提供机关层级（agency.level）和类型（agency.kind）',
          en: 'Not checked, "Rules (规章) reported by a body that cannot enact them": the input does not give agency.level and agency.kind',
        },
      },
    ])
    const noKind = validateReport({ ...doc, agency: { ...doc.agency, kind: null } })
    expect(noKind.skipped.map((s) => [s.rule, s.missing])).toEqual([['LVL-规章', ['kind']]])
    expect(noKind.skipped[0]!.message.en).toMatch(/does not give agency\.kind$/)
    // A report document says who published it: nothing is skipped.
    expect(validateReport(doc).skipped).toEqual([])
  })

  it('LIT≤RV: more lawsuits after review than reviews', () => {
    const doc = consistent('2021')
    const rv = numberAt(doc, '四', 'main|rv_total')
    let broken = setValue(doc, '四', 'main|lr_upheld', numberAt(doc, '四', 'main|lr_upheld') + rv + 1)
    broken = setValue(broken, '四', 'main|lr_total', numberAt(doc, '四', 'main|lr_total') + rv + 1)
    expect(rulesOf(broken)).toEqual(['LIT≤RV'])
  })

  it('PERIOD and VERSION', () => {
    const doc = consistent('2021')
    expect(rulesOf({ ...doc, period: { start: '2021-01-01', end: '2021-12-31' } })).toEqual(['PERIOD'])
    expect(rulesOf({ ...doc, year: 2020, period: { start: '2020-01-01', end: '2020-12-31' } })).toEqual(['VERSION'])
  })

  it('UNIT: a 2021 fee given in 元, and a 2019 procurement amount with no unit', () => {
    const doc = consistent('2021')
    doc.tables['二'].cells['art20_8.fees|fee_amount'] = { state: 'value', value: 4000, raw: '4000元', unit: '元' }
    expect(rulesOf(doc)).toEqual(['UNIT'])
    const d2019 = consistent('2019')
    d2019.tables['二'].cells['art20_9.procurement|amount'] = { state: 'value', value: 52.15, raw: '52.15' }
    expect(rulesOf(d2019)).toEqual(['UNIT'])
  })
})

describe('samples', () => {
  it('every sample report passes, with its previous year', () => {
    const all = sampleReports()
    expect(new Set(all.map((s) => s.agency.level))).toEqual(new Set(['province', 'city', 'county', 'township']))
    expect(new Set(all.map((s) => s.document.template))).toEqual(new Set(['2019', '2021']))
    for (const s of all) {
      expect(s.document.agency.name).toContain('示例')
      const previous = all.find((p) => p.agency.code === s.agency.code && p.document.year === s.document.year - 1)?.document
      expect({ report: s.document.title, findings: rulesOf(s.document, previous) }).toEqual({ report: s.document.title, findings: [] })
    }
  })
})

// Sized for a machine under twice the load of CI's two shared cores: the runs stay, the time
// limit is what a loaded machine needs (vitest's 5 s default is not).
describe('properties', { timeout: 60_000 }, () => {
  const exactCells = (template: TemplateId) => [...cellDefs(template, '三'), ...cellDefs(template, '四')]

  it('any consistent generated report of either template passes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TemplateId>('2019', '2021'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (template, seed, scale) => {
          const result = validateReport(consistent(template, seed, scale))
          return result.findings.length === 0
        },
      ),
      { numRuns: 150 },
    )
  })

  it('any single perturbed cell of tables 三 and 四 is caught and pointed at', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TemplateId>('2019', '2021'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.nat({ max: 10_000 }),
        fc.integer({ min: 1, max: 50 }),
        (template, seed, pick, delta) => {
          const doc = consistent(template, seed)
          const cells = exactCells(template)
          const target = cells[pick % cells.length]!
          const cell = doc.tables[target.table].cells[target.id] as Extract<Cell, { state: 'value' }>
          const broken = setValue(doc, target.table, target.id, cell.value + delta)
          const result = validateReport(broken)
          return (
            !result.ok &&
            result.findings.some((f) => f.severity === 'error' && f.cells.some((c) => c.table === target.table && c.id === target.id))
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never rewrites a cell: validation leaves the document unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const doc = consistent('2021', seed)
        doc.tables['三'].cells[cellId('new', 'ngo')] = { state: 'blank' }
        const before = JSON.stringify(doc)
        validateReport(doc)
        return JSON.stringify(doc) === before
      }),
      { numRuns: 50 },
    )
  })
})

describe('cells the import could not read', () => {
  it('block publication (UNREAD, an error) until each is filled in or marked not reported, and are never "not in the source"', () => {
    const doc = consistent('2021')
    const id = cellId('new', 'natural')
    delete doc.tables['三'].cells[id]
    doc.tables['三'].unread = { [id]: 'CELLS_RUN_TOGETHER' }
    const r = validateReport(doc)
    const unread = r.findings.find((f) => f.rule === 'UNREAD')!
    expect(unread.severity).toBe('error')
    expect(unread.cells.map((c) => c.id)).toEqual([id])
    expect(r.ok).toBe(false)
    expect(r.findings.some((f) => f.rule === 'MISSING-TABLE')).toBe(false)
    // Filled in: the mark no longer counts, whatever the map still says.
    doc.tables['三'].cells[id] = { state: 'value', value: 0, raw: '0' }
    expect(validateReport(doc).findings.some((f) => f.rule === 'UNREAD')).toBe(false)
  })
})
