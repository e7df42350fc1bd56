import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cleanText, importText } from './text.ts'

const seed = readFileSync(new URL('../fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')

describe('plain-text import of the seed report', () => {
  const { document, problems } = importText(seed)

  it('reads the title, year, period and the agency named in the preamble', () => {
    expect(document.title).toBe('杭州市审管办2020年政府信息公开工作年度报告(文字版、图解版)')
    expect(document.year).toBe(2020)
    expect(document.template).toBe('2019')
    expect(document.period).toEqual({ start: '2020-01-01', end: '2020-12-31' })
    expect(document.agency.name).toBe('杭州市行政审批服务管理办公室')
    expect(problems.map((p) => p.code)).toContain('AGENCY_UNCONFIRMED')
  })

  it('finds the six parts and keeps the heading variant the report printed', () => {
    expect(problems.filter((p) => p.code === 'PART_MISSING')).toEqual([])
    expect(document.headings['四']).toBe('四、因政府信息公开工作被申请行政复议、提起行政诉讼情况')
    const sub = document.parts['一'].filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.text : ''))
    expect(sub).toEqual(['(一)主动公开方面', '(二)依申请公开方面', '(三)政府信息管理方面', '(四)平台建设方面', '(五)监督保障方面'])
    expect(document.parts['六']).toEqual([{ type: 'paragraph', text: '无。' }])
  })

  it('leaves no layout debris in any text', () => {
    const all = JSON.stringify([document.preamble, document.parts])
    expect(all).not.toContain('|')
    expect(all).not.toContain('打印本页')
  })

  it('reports the three lost tables as missing and invents no cell', () => {
    expect(problems.filter((p) => p.code === 'TABLE_MISSING').map((p) => p.where.table)).toEqual(['二', '三', '四'])
    for (const t of ['二', '三', '四'] as const) expect(document.tables[t].cells).toEqual({})
  })

  it('quotes the key figures with their sentences', () => {
    const byMetric = Object.fromEntries(document.keyFigures.filter((f) => f.metric).map((f) => [f.metric, f.value]))
    expect(byMetric).toMatchObject({
      proactive_total: 7118,
      channel_website: 6306,
      channel_weibo: 71,
      channel_wechat: 741,
      applications_received: 3,
    })
    expect(byMetric.proactive_total).toBe(byMetric.channel_website! + byMetric.channel_weibo! + byMetric.channel_wechat!)
    const values = document.keyFigures.map((f) => f.value)
    expect(values).toEqual(expect.arrayContaining([2151625, 2117138, 34487, 1619]))
    expect(2117138 + 34487).toBe(2151625)
    const total = document.keyFigures.find((f) => f.value === 2151625)!
    expect(total.sentence).toContain('96345电话')
    expect(total.label).toContain('96345电话')
    expect(total.unit).toBe('人次')
  })

  it('is deterministic: the same input gives byte-identical output', () => {
    expect(JSON.stringify(importText(seed))).toBe(JSON.stringify(importText(seed)))
  })
})

describe('text helpers', () => {
  it('strips runs of | and CMS links', () => {
    expect(cleanText('标题 | ||||||\n正文 |||| 打印本页 关闭窗口 |')).toBe('标题\n正文')
  })
})
