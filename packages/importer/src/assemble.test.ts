import { describe, expect, it } from 'vitest'
import { assemble, findPartHeadings, proseBlocks } from './assemble.ts'

describe('the parts of a report from its text', () => {
  it('accepts part headings with their number dropped or ASCII punctuation', () => {
    const hits = findPartHeadings('前言\n、总体情况 正文\n二.主动公开政府信息情况\n')
    expect(hits.map((h) => h.part)).toEqual(['一', '二'])
  })

  it('finds a heading after spaces its page\'s encoding lost ("????"), and 二 headed 行政机关主动公开政府信息情况', () => {
    const hits = findPartHeadings('????一、总体情况\n本年度推进公开。\n二、行政机关主动公开政府信息情况\n')
    expect(hits.map((h) => [h.part, h.text])).toEqual([
      ['一', '一、总体情况'],
      ['二', '二、行政机关主动公开政府信息情况'],
    ])
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
    const body =
      '一、总体情况\n本年度……\n二、主动公开政府信息情况\n\ue010\ue011\ue012\n五、存在的主要问题及改进情况\n……\n六、其他需要报告的事项\n无'
    const { document, problems } = assemble(
      { title: '某某局2023年政府信息公开工作年度报告', body, kind: 'pdf', tables: [], problems: [], garbled: 120 },
      { year: 2023 },
    )
    const codes = problems.map((p) => p.code)
    expect(codes).toContain('TEXT_GARBLED')
    expect(codes).not.toContain('TABLE_MISSING')
    expect(codes.filter((c) => c === 'TABLE_UNREADABLE')).toHaveLength(3)
    expect(Object.keys(document.tables['三'].unread ?? {}).length).toBeGreaterThan(100)
    expect(problems.find((p) => p.code === 'TEXT_GARBLED')!.message.en).toContain('120 characters')
  })
})

describe('the agency and year from the title', () => {
  const agencyOf = (title: string) => {
    const body = '一、总体情况\n本年度……\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无'
    const { document } = assemble({ title, body, kind: 'text', tables: [], problems: [] })
    return [document.agency.name, document.year, document.agency.level, document.agency.kind]
  }

  it('reads the name before or after the year, and a government, a department or a township', () => {
    expect(agencyOf('淮安市洪泽区人民政府2024年政府信息公开工作年度报告')).toEqual(['淮安市洪泽区人民政府', 2024, 'county', 'government'])
    expect(agencyOf('2023年度南京市鼓楼区人民政府政府信息公开工作年度报告')).toEqual(['南京市鼓楼区人民政府', 2023, 'county', 'government'])
    expect(agencyOf('湖南省自然资源厅2022年政府信息公开工作年度报告')).toEqual(['湖南省自然资源厅', 2022, 'province', 'department'])
    expect(agencyOf('宁波市鄞州区姜山镇人民政府2023年政府信息公开工作年度报告')).toEqual([
      '宁波市鄞州区姜山镇人民政府',
      2023,
      'township',
      'government',
    ])
  })

  it('reads a township named with one character (螅镇), a street named 街 (佳荣里街), and a name a sentence announces before the year', () => {
    expect(agencyOf('2022年度螅镇政府信息公开工作年度报告')).toEqual(['螅镇', 2022, 'township', 'government'])
    expect(agencyOf('螅镇2022年政府信息公开工作年度报告')).toEqual(['螅镇', 2022, 'township', 'government'])
    expect(agencyOf('佳荣里街2021年政府信息公开工作年度报告')).toEqual(['佳荣里街', 2021, 'township', 'government'])
    expect(
      agencyOf('根据《中华人民共和国政府信息公开条例》要求，特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告。'),
    ).toEqual(['湛江市人民政府地方志办公室', 2023, 'city', 'department'])
    // A level alone is no name; a short name that starts with one still is.
    expect(agencyOf('2022年度镇政府信息公开工作年度报告')[0]).toBe('未知机关')
    expect(agencyOf('市财政局2020年政府信息公开工作年度报告')[0]).toBe('市财政局')
  })

  it('reads the report inside a notice that publishes it, not the office that issues the notice', () => {
    expect(agencyOf('沭阳县人民政府办公室关于印发《沭阳县人民政府2022年政府信息公开工作年度报告》的通知')).toEqual([
      '沭阳县人民政府',
      2022,
      'county',
      'government',
    ])
    expect(agencyOf('关于公布《宿迁市财政局2021年度政府信息公开工作年度报告》的通知')).toEqual(['宿迁市财政局', 2021, 'city', 'department'])
  })

  it('takes a region or township named bare for its government, and a township office for its township', () => {
    expect(agencyOf('中村乡2020年政府信息公开工作年度报告')).toEqual(['中村乡', 2020, 'township', 'government'])
    expect(agencyOf('平潭综合实验区2022年政府信息公开工作年度报告')).toEqual(['平潭综合实验区', 2022, 'county', 'government'])
    expect(agencyOf('武汉市东湖生态旅游风景区城乡工作办事处2025年政府信息公开工作年度报告')[3]).toBe('government')
    // A bureau of a region stays a department.
    expect(agencyOf('九原区政务服务局2022年政府信息公开工作年度报告')).toEqual(['九原区政务服务局', 2022, 'county', 'department'])
    // "本报告由两城镇人民政府党政办公室编制": the township's report, not its office's.
    const body =
      '本报告由两城镇人民政府党政办公室根据《条例》编制。\n一、总体情况\n本年度……\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无'
    const { document } = assemble({ title: '2020年政府信息公开工作年度报告', body, kind: 'text', tables: [], problems: [] })
    expect([document.agency.name, document.agency.level, document.agency.kind]).toEqual(['两城镇人民政府', 'township', 'government'])
  })

  it('names no agency from an office that is only described ("由镇党政办具体负责"), and names one the preamble gives in full', () => {
    const read = (preamble: string) =>
      assemble({
        title: '2020年政府信息公开工作年度报告',
        body: `${preamble}\n一、总体情况\n本年度……\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无`,
        kind: 'text',
        tables: [],
        problems: [],
      }).document.agency.name
    // Not the office (镇党政办); the township that is the sentence's subject.
    expect(read('2020年七里坪镇严格按照《条例》有关要求，由镇党政办具体负责，及时维护和更新信息。')).toBe('七里坪镇')
    expect(read('2020年，由镇党政办具体负责，及时维护和更新信息。')).toBe('未知机关')
    expect(read('本年度工作由镇党政综合办公室负责。')).toBe('未知机关')
    expect(read('本年度工作由局办公室负责。')).toBe('未知机关')
    expect(read('本报告由淮安市洪泽区统计局编制。')).toBe('淮安市洪泽区统计局')
    expect(read('本年度报告由测试甲局的政府信息公开年度工作情况编制而成。')).toBe('测试甲局')
    // A sentence that publishes the report names it (a real page: 石家庄市教育局); "我局" names none.
    expect(read('现向社会公布2021年石家庄市教育局政府信息公开工作年度报告。')).toBe('石家庄市教育局')
    expect(read('现向社会公布2021年本局政府信息公开工作年度报告。')).toBe('未知机关')
  })

  it('names the agency from a first line that publishes the report, when the page has no title', () => {
    expect(
      agencyOf('根据《中华人民共和国政府信息公开条例》的有关规定，现向社会公布2021年石家庄市教育局政府信息公开工作年度报告。'),
    ).toEqual(['石家庄市教育局', 2021, 'city', 'department'])
  })

  it('puts a central body, named without a region, at the national level', () => {
    expect(agencyOf('国家统计局2022年政府信息公开工作年度报告')).toEqual(['国家统计局', 2022, 'national', 'department'])
    expect(agencyOf('教育部2022年政府信息公开工作年度报告')).toEqual(['教育部', 2022, 'national', 'department'])
    expect(agencyOf('海关总署2021年政府信息公开工作年度报告')).toEqual(['海关总署', 2021, 'national', 'department'])
    // A city's bureau that drops the city's name is not central.
    expect(agencyOf('市生态环境局2022年政府信息公开工作年度报告')).toEqual(['市生态环境局', 2022, 'city', 'department'])
  })
})
