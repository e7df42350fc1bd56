import { describe, expect, it } from 'vitest'
import { normalizeLabel, sameLabel } from './labels.ts'
import { KEY_FIGURES } from './comparable.ts'
import {
  PARTS,
  TABLE_IDS,
  TABLE_NAMES,
  TEMPLATES,
  cellDefs,
  columnName,
  groupName,
  labelName,
  rowName,
  shortName,
  templateForYear,
  unitName,
  type TemplateId,
} from './templates.ts'

describe('templates as data', () => {
  it('has the cell counts of docs/REPORT-FORMAT.md for both templates', () => {
    expect(cellDefs('2019', '三')).toHaveLength(23 * 7)
    expect(cellDefs('2021', '三')).toHaveLength(25 * 7)
    expect(cellDefs('2019', '四')).toHaveLength(15)
    expect(cellDefs('2021', '四')).toHaveLength(15)
    expect(cellDefs('2019', '二')).toHaveLength(2 * 3 + 2 * 3 + 2 * 3 + 2 + 2)
    expect(cellDefs('2021', '二')).toHaveLength(2 * 3 + 1 + 2 + 1)
  })

  it('gives every cell a unique id and the label paths of the cells format', () => {
    for (const t of ['2019', '2021'] as const) {
      for (const table of ['二', '三', '四'] as const) {
        const ids = cellDefs(t, table).map((d) => d.id)
        expect(new Set(ids).size).toBe(ids.length)
      }
    }
    const rules = cellDefs('2021', '二').find((d) => d.row.key === 'art20_1.rules' && d.column.key === 'issued')!
    expect(rules.rowPath).toEqual(['第二十条第（一）项', '规章'])
    expect(rules.columnPath).toEqual(['本年制发件数'])
    const secret = cellDefs('2019', '三').find((d) => d.row.key === 'withheld_1' && d.column.key === 'commercial')!
    expect(secret.rowPath).toEqual(['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'])
    expect(secret.columnPath).toEqual(['申请人情况', '法人或其他组织', '商业企业'])
    const direct = cellDefs('2019', '四').find((d) => d.column.key === 'ld_upheld')!
    expect(direct.rowPath).toEqual([])
    expect(direct.columnPath).toEqual(['行政诉讼', '未经复议直接起诉', '结果维持'])
  })

  it('models the 2019 → 2021 changes of §6', () => {
    const rows = (t: TemplateId) => TEMPLATES[t].tables['三'].sections[0]!.rows.map((r) => r.label)
    expect(rows('2019')).toContain('（六）其他处理')
    expect(rows('2021')).not.toContain('（六）其他处理')
    expect(TEMPLATES['2021'].tables['三'].sections[0]!.rows.filter((r) => r.groups.includes('（六）其他处理'))).toHaveLength(3)
    expect(TEMPLATES['2021'].tables['二'].sections.map((s) => s.title)).not.toContain('第二十条第（九）项')
    const fee = TEMPLATES['2021'].tables['二'].sections.find((s) => s.key === 'art20_8')!.columns[0]!
    expect(fee).toMatchObject({ label: '本年收费金额（单位：万元）', domain: 'decimal', unit: '万元' })
    const change = TEMPLATES['2019'].tables['二'].sections.find((s) => s.key === 'art20_5')!.columns[1]!
    expect(change).toMatchObject({ label: '本年增/减', domain: 'signed' })
  })

  it('chooses the template due for a year', () => {
    expect(templateForYear(2019)).toBe('2019')
    expect(templateForYear(2020)).toBe('2019')
    expect(templateForYear(2021)).toBe('2021')
  })
})

describe('label normalisation', () => {
  it('matches the spellings seen in the wild', () => {
    expect(sameLabel('3.危及"三安全一稳定"', '3.危及“三安全一稳定”')).toBe(true)
    expect(sameLabel('（三） 不予公开', '（三）不予公开')).toBe(true)
    expect(sameLabel('商业 企业', '商业企业')).toBe(true)
    expect(sameLabel('科研\n机构', '科研机构')).toBe(true)
    expect(sameLabel('第二十条  第(一)项', '第二十条第（一）项')).toBe(true)
    expect(sameLabel('(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)', TEMPLATES['2019'].tables['三'].corner!)).toBe(true)
    expect(sameLabel('本年度收费金额(单位:万元)', '本年度收费金额（单位：万元）')).toBe(true)
  })

  it('keeps different labels different', () => {
    expect(normalizeLabel('本年新制作数量')).not.toBe(normalizeLabel('本年新公开数量'))
    expect(sameLabel('规范性文件', '行政规范性文件')).toBe(false)
  })
})

describe('English names', () => {
  const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/
  const english = (s: string | null | undefined, what: string) => {
    expect(s, what).toBeTruthy()
    expect(s, what).not.toMatch(CJK)
  }

  it('gives every table, block, group header, row, column and corner of both templates an English name', () => {
    for (const t of ['2019', '2021'] as const) {
      for (const table of TABLE_IDS) {
        const def = TEMPLATES[t].tables[table]
        english(TABLE_NAMES[table].en, `${t} 表${table}`)
        if (def.corner) english(def.cornerEn, `${t} 表${table} corner`)
        for (const section of def.sections) {
          if (section.title) english(section.titleEn, `${t} 表${table} ${section.title}`)
          for (const r of section.rows) {
            english(rowName(r, 'en'), `${t} 表${table} row ${r.key}`)
            english(shortName(r, 'en'), `${t} 表${table} row ${r.key} (short)`)
            for (const g of r.groups) english(groupName(g, 'en'), `${t} 表${table} group ${g}`)
          }
          for (const c of section.columns) {
            english(columnName(c, 'en'), `${t} 表${table} column ${c.key}`)
            if (c.short) english(c.short.en, `${t} 表${table} column ${c.key} (short)`)
            for (const g of c.groups) english(groupName(g, 'en'), `${t} 表${table} group ${g}`)
            expect(unitName(c.unit, 'en')).not.toMatch(CJK)
          }
        }
      }
    }
    for (const p of PARTS) english(p.en, p.heading)
    for (const k of KEY_FIGURES) {
      english(k.en, k.zh)
      expect(unitName(k.unit, 'en')).not.toMatch(CJK)
      for (const u of Object.values(k.units ?? {})) expect(unitName(u, 'en'), k.zh).not.toMatch(CJK)
      if (k.note) english(k.note.en, k.zh)
    }
  })

  it('keeps the numbering of the official table in English, and chart names short', () => {
    const rows = TEMPLATES['2021'].tables['三'].sections[0]!.rows
    const byKey = (k: string) => rows.find((r) => r.key === k)!
    expect(rowName(byKey('new'), 'en')).toBe('I. New applications received this year')
    expect(rowName(byKey('disclosed'), 'en')).toBe('(1) Disclosed')
    expect(rowName(byKey('withheld_1'), 'en')).toBe('1. State secret')
    expect(shortName(byKey('withheld_1'), 'zh-CN')).toBe('属于国家秘密')
    // The two long 其他处理 rows end alike; their short names tell them apart.
    const [a, b] = [shortName(byKey('other_1'), 'zh-CN'), shortName(byKey('other_2'), 'zh-CN')]
    expect(a).not.toBe(b)
    expect(a.length).toBeLessThanOrEqual(12)
    expect(b.length).toBeLessThanOrEqual(12)
    expect(unitName('万元', 'en')).toBe('× 10,000 CNY')
    // Label paths (cells format, diffs) in English; an extra row the template lacks stays as published.
    expect(['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'].map((l) => labelName(l, 'en'))).toEqual([
      'III. Outcomes this year',
      '(3) Not disclosed',
      '1. State secret',
    ])
    expect(labelName('其中：网上申请', 'en')).toBe('其中：网上申请')
    expect(unitName('件', 'en')).toBe('')
  })
})
