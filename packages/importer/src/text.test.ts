import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cleanText, findPartHeadings, importText, proseBlocks } from './text.ts'

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
    expect(byMetric).toMatchObject({ proactive_total: 7118, channel_website: 6306, channel_weibo: 71, channel_wechat: 741, applications_received: 3 })
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

  it('accepts part headings with their number dropped or ASCII punctuation', () => {
    const hits = findPartHeadings('前言\n、总体情况 正文\n二.主动公开政府信息情况\n')
    expect(hits.map((h) => h.part)).toEqual(['一', '二'])
  })

  it('does not take the list of parts in the preamble for headings', () => {
    const hits = findPartHeadings('全文由总体情况、主动公开政府信息情况等六部分构成。 一、总体情况 正文')
    expect(hits).toHaveLength(1)
    expect(hits[0]!.text).toBe('一、总体情况')
  })

  it('splits scraped prose at the spaces between paragraphs', () => {
    expect(proseBlocks('(一)主动公开方面 一是甲。 二是乙。')).toEqual([
      { type: 'heading', text: '(一)主动公开方面' },
      { type: 'paragraph', text: '一是甲。' },
      { type: 'paragraph', text: '二是乙。' },
    ])
  })
})

describe('a PDF whose text layer is partly garbage (fonts without a Unicode map)', () => {
  it('counts unmapped characters only when they are a noticeable share of the text', async () => {
    const { garbledCount } = await import('./pdf.ts')
    expect(garbledCount(['本年新收政府信息公开申请数量', '\ue001\ue002'])).toBe(0)
    expect(garbledCount(['政府信息公开', '\ue001'.repeat(30), '\ufffd'.repeat(5)])).toBe(35)
  })

  it('says so, and marks the tables it could not find unread, never "not in the source"', async () => {
    const { assemble } = await import('./text.ts')
    const body = '一、总体情况\n本年度……\n二、主动公开政府信息情况\n\ue010\ue011\ue012\n五、存在的主要问题及改进情况\n……\n六、其他需要报告的事项\n无'
    const { document, problems } = assemble({ title: '某某局2023年政府信息公开工作年度报告', body, kind: 'pdf', tables: [], problems: [], garbled: 120 }, { year: 2023 })
    const codes = problems.map((p) => p.code)
    expect(codes).toContain('TEXT_GARBLED')
    expect(codes).not.toContain('TABLE_MISSING')
    expect(codes.filter((c) => c === 'TABLE_UNREADABLE')).toHaveLength(3)
    expect(Object.keys(document.tables['三'].unread ?? {}).length).toBeGreaterThan(100)
    expect(problems.find((p) => p.code === 'TEXT_GARBLED')!.message.en).toContain('120 characters')
  })
})
