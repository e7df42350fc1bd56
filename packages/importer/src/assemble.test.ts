import { describe, expect, it } from 'vitest'
import { assemble, findPartHeadings, proseBlocks } from './assemble.ts'

describe('the parts of a report from its text', () => {
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
