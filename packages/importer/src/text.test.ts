import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cleanText, importText } from './text.ts'
import { sampleReports } from '@gongkai/schema'
import { reportHtml } from '../test/fixtures.ts'

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

describe('text that PDF converters print', () => {
  const corpus = (name: string) => readFileSync(new URL(`../corpus/real/${name}`, import.meta.url), 'utf8')
  // 洪泽区 2024 through pdftotext -raw: every row on a line, each label with its number.
  const raw = corpus('hongze-district-2024.pdftotext-raw.txt')
  const cellsOf = (r: ReturnType<typeof importText>) => JSON.stringify(r.document.tables)

  it('keeps the heading of part 四 when table 四 starts right under it', () => {
    const r = importText(raw)
    expect(r.problems.filter((p) => p.code === 'PART_MISSING')).toEqual([])
  })

  it('reads a label whose number a converter parted from it by a space ("2. 其他…") as that label', () => {
    const spaced = raw.replace(/^(\d)\.(?=[\u3400-\u9fff])/gmu, '$1. ')
    expect(spaced).toContain('2. 其他法律行政止公开')
    const r = importText(spaced)
    expect(cellsOf(r)).toBe(cellsOf(importText(raw)))
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('reads labels whose words a converter spaced apart, and their values', () => {
    // pdf.js's text items joined by spaces: a label drawn in pieces comes out in pieces.
    const pieces = raw
      .replace('2.没有现成信息需要另行制作', '2. 没 有现 成 信息 需 要 另 行制作')
      .replace('3.要求提供公开出版物', '3. 要求提 供 公开 出 版 物')
      .replace(
        /^1\.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请/mu,
        '1. 申请人 无 正 当 理由逾期不补\n正、行政机关不 再处 理其政府\n信息公开申请',
      )
    expect(pieces).not.toBe(raw)
    expect(cellsOf(importText(pieces))).toBe(cellsOf(importText(raw)))
  })

  it('never gives a row the values of the next rows when their labels cannot be read', () => {
    // Zeros printed blank and lost, and the next two labels spaced past recognition: 3 + 2 + 2
    // values would make the seven of one row.
    const lost = raw
      .replace('1.属于国家秘密 0 0 0 0 0 0 0', '1. 属于国家秘密 1 1 2')
      .replace('2.其他法律行政止公开 0 0 0 0 0 0 0', '2. 其 他 x 法 律 y 行政 1 1')
      .replace('3.危及“三安全一稳定” 1 0 0 0 0 0 1', '3. 危 z 及 w 三安 1 1')
    expect(lost).not.toBe(raw)
    const r = importText(lost)
    for (const id of Object.keys(r.document.tables['三'].cells)) expect(id).not.toMatch(/^withheld_[123]\|/)
    expect(r.problems.some((p) => p.severity === 'error')).toBe(true)
  })

  it('reads radicals printed for characters as the characters (⼈ → 人), and closes up letter-spaced lines', () => {
    const text = [
      '上 海 市 ⼈ 民 政 府 办 公 厅 2019 年 政 府 信 息 公 开 ⼯ 作 年 度 报 告',
      '⼀、总体情况',
      '2019年，本厅坚持依法公开。',
    ].join('\n')
    const { document } = importText(text)
    // Spaces beside digits stay: in a table they part cells.
    expect(document.title).toBe('上海市人民政府办公厅 2019 年政府信息公开工作年度报告')
    expect(document.agency.name).toBe('上海市人民政府办公厅')
    expect(document.parts['一']).toEqual([{ type: 'paragraph', text: '2019年，本厅坚持依法公开。' }])
  })

  it('finds the part headings a crawler ran into their tables (平潭, 2022)', () => {
    const r = importText(corpus('pingtan-zone-2022.page.txt'))
    // "二、主动公开政府信息情况第二十条…", "四、政府信息公开行政法复议、行政诉讼情况行政复议…" (misprinted).
    expect(r.problems.filter((p) => p.code === 'PART_MISSING')).toEqual([])
    // The table's first words, run into the heading, are not left in the part's prose.
    for (const part of ['二', '三', '四'] as const) expect(r.document.parts[part], part).toEqual([])
  })
})

describe('rows a mirror padded out with "|"', () => {
  // As a 繁體 mirror of a township's page pads every row, header rows too, to the widest row.
  const page = (row: string) =>
    [
      '某镇2021年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||',
      '自然人 | 法人或其他组织 | 总计 | |||||||',
      '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||',
      `一、本年新收政府信息公开申请数量 | ${row}`,
      `二、上年结转政府信息公开申请数量 | ${row}`,
      `三、本年度办理结果 | (一)予以公开 | ${row}`,
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n')

  it('reads no number of a padded row into a column: which of its cells it fills cannot be told', () => {
    const { document, problems } = importText(page('7 | ||||||||'))
    expect(Object.keys(document.tables['三'].cells).filter((id) => /^(new|carried_in|disclosed)\|/.test(id))).toEqual([])
    expect(problems.find((p) => p.code === 'ROW_UNREADABLE')?.where).toMatchObject({ table: '三', why: '1 values for 7 columns' })
  })

  it('still reads a row whose cells are written apart, each "|" with its own space', () => {
    const { document } = importText(page('7 | 1 | 0 | 0 | 0 | 0 | 8 |'))
    expect(document.tables['三'].cells['new|natural']).toMatchObject({ state: 'value', value: 7 })
    expect(document.tables['三'].cells['new|total']).toMatchObject({ state: 'value', value: 8 })
  })
})

describe('tables saved as tab-separated rows (a Word file as text, a browser copy)', () => {
  it('cuts the tables out of the prose where they are, whatever the tabs', () => {
    const doc = sampleReports()[0]!.document
    const rowsOf = (table: string) =>
      [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
        [...tr[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim()),
      )
    const text = (sep: string) =>
      reportHtml(doc)
        .replace(/<head>[\s\S]*?<\/head>/, '')
        .replace(
          /<table[\s\S]*?<\/table>/g,
          (t) =>
            `\n${rowsOf(t)
              .map((r) => `${r.join(sep)}${sep}`)
              .join('\n')}\n`,
        )
        .replace(/<\/p>|<\/h1>|<\/div>/g, '\n')
        .replace(/<[^>]+>/g, '')
    const tabs = importText(text('\t'))
    expect(tabs.problems.filter((p) => p.code === 'PART_MISSING')).toEqual([])
    // The same prose as when "|" separates the cells (the tabs once shifted the cut into the text).
    expect(tabs.document.parts).toEqual(importText(text(' | ')).document.parts)
    expect(JSON.stringify(tabs.document.parts)).not.toMatch(/本年制发件数|申请人情况|结果维持/)
  })
})

describe('the agency, when the title names none', () => {
  const named = (text: string, options = {}) => importText(text, options)
  it('is the one the contact line names ("请与…联系"), a township office standing for its township', () => {
    const r = named(
      '2025年度政府信息公开工作年度报告\n\n如对本报告有疑问，请与施甸县太平镇人民政府联系。地址：施甸县太平镇。\n\n一、总体情况\n\n2025年，我镇推进政务公开。\n',
    )
    expect(r.document.agency).toMatchObject({ name: '施甸县太平镇人民政府', level: 'township', kind: 'government' })
    const office = named(
      '2022年政府信息公开工作年度报告\n\n如对本报告有疑问，请联系铜陵市郊区卫生健康委员会办公室（地址：某路，电话：0562-1）。\n\n一、总体情况\n\n本年度推进政务公开。\n',
    )
    expect(office.document.agency).toMatchObject({ name: '铜陵市郊区卫生健康委员会', kind: 'department' })
    // An excerpt that starts at part 一, whose first sentence names the report: that sentence is part 一's, not a title.
    const township = named(
      '一、总体情况\n根据《条例》规定，向社会公布2021年本级政府信息公开工作年度报告。如对本报告有疑问，请与柞水县凤凰镇人民政府党政办公室联系（邮编：711405）。\n二、主动公开政府信息情况\n',
    )
    expect(township.document.agency).toMatchObject({ name: '柞水县凤凰镇人民政府', level: 'township', kind: 'government' })
    expect(township.document.parts['一'][0]).toMatchObject({ type: 'paragraph', text: expect.stringContaining('向社会公布2021年') })
  })

  it('is the page record\'s publisher ("发布机构：…"), and never a bare "区人民政府办公室"', () => {
    expect(
      named('发布机构: 泸西县午街铺镇\n\n2025年政府信息公开年度报告\n\n一、总体情况\n\n2025年，我镇推进政务公开。\n').document.agency.name,
    ).toBe('泸西县午街铺镇')
    expect(
      named('2022年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度推进政务公开。如有疑问，请与区人民政府办公室联系（电话：1234）。\n')
        .document.agency.name,
    ).toBe('未知机关')
  })

  it('is the subject of the first sentences, with its region ("…，官洲街道办事处认真贯彻落实…")', () => {
    const r = named('一、总体情况\n2023年,在区委、区政府的坚强领导下,官洲街道办事处认真贯彻落实《中华人民共和国政府信息公开条例》。\n')
    expect(r.document.agency.name).toBe('官洲街道办事处')
    expect(named('一、总体情况\n2022年，区委、区政府认真贯彻落实《条例》，我局不断强化公开。\n').document.agency.name).toBe('未知机关')
    expect(named('一、总体情况\n2022年，各乡镇认真贯彻落实《条例》，全区各部门积极推进。\n').document.agency.name).toBe('未知机关')
  })

  it("is read from a title behind a viewer's page furniture, and a zone is not made a people's government", () => {
    expect(
      named('Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告\n一、总体情况\n本年度推进政务公开。\n').document.agency.name,
    ).toBe('威海市文登区信访局')
    expect(named('蒲纺工业园区2020年政府信息公开工作年度报告\n一、总体情况\n本年度推进政务公开。\n').document.agency.name).toBe(
      '蒲纺工业园区',
    )
    expect(named('洪泽区2023年政府信息公开工作年度报告\n一、总体情况\n本年度推进政务公开。\n').document.agency.name).toBe('洪泽区人民政府')
  })

  it('is never held against the agency a clerk chose: such a line may name an office answering for several', () => {
    const r = named(
      '2022年政府信息公开工作年度报告\n\n如对本报告有疑问，请与某市人民政府办公室联系（电话：1）。\n\n一、总体情况\n\n本年度推进政务公开。\n',
      {
        agency: { name: '某市教育局', code: null, level: 'city', kind: 'department', region: null },
      },
    )
    expect(r.problems.map((p) => p.code)).not.toContain('AGENCY_DIFFERS')
    expect(r.document.agency.name).toBe('某市教育局')
  })
})

describe('a table pasted a paragraph a cell, with notes in its row labels (天门, 2020)', () => {
  const cells = (...lines: string[]) => lines.join('\n\n')
  const text = [
    '测试镇2020年政府信息公开工作年度报告',
    '二、行政机关主动公开政府信息情况',
    cells(
      '第二十条第(一)项',
      '信息内容',
      '本年新',
      '制作数量',
      '本年新',
      '公开数量',
      '对外公开总数量',
      '规章(设区的市、自治州人民政府应提供相关数据)',
      '0',
      '0',
      '0',
      '规范性文件(行政机关制定发布的决定、公告、通告、意见、通知,以及标题采用“规定”“办法”“细则”“规范”“规程”“规则”等字样的公文,一般情况下属于规范性文件)',
      '34',
      '4',
      '47',
      '其他主动公开文件(含以本单位或本单位办公室名义正式签发的、除规范性文件以外的主动公开文件)',
      '5',
      '6',
      '7',
      '第二十条第(五)项',
    ),
  ].join('\n')
  const { document, problems } = importText(text)
  const t2 = document.tables['二']

  it('reads a label with its long note as the label, not as prose ending the table', () => {
    expect(problems.filter((p) => p.code === 'TABLE_MISSING' && p.message.zh.includes('表二'))).toEqual([])
    expect(t2.cells['art20_1.rules|made']).toMatchObject({ state: 'value', value: 0 })
    expect(t2.cells['art20_1.normative|made']).toMatchObject({ state: 'value', value: 34 })
    expect(t2.cells['art20_1.normative|published']).toMatchObject({ state: 'value', value: 4 })
    expect(t2.cells['art20_1.normative|total']).toMatchObject({ state: 'value', value: 47 })
  })

  it('keeps a row the template lacks as an extra, its values not counted into the row above', () => {
    expect(problems.map((p) => p.code)).toContain('LABEL_UNKNOWN')
    expect(
      (t2.extras ?? []).map((e) => [e.row.at(-1)?.slice(0, 8), e.column.at(-1), e.cell.state === 'value' ? e.cell.value : e.cell.state]),
    ).toEqual([
      ['其他主动公开文件', '本年新制作数量', 5],
      ['其他主动公开文件', '本年新公开数量', 6],
      ['其他主动公开文件', '对外公开总数量', 7],
    ])
  })
})

describe('a title wrapped before its last words (孝感, 2019)', () => {
  const body = '一、总体情况\n本年度……\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无'
  it('is one title again, and the preamble after it keeps its period', () => {
    const { document } = importText(
      `市政府研究室2019年政府信息公开\n工作年度报告\n本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n${body}`,
    )
    expect(document.title).toBe('市政府研究室2019年政府信息公开工作年度报告')
    expect(document.agency.name).toBe('市政府研究室')
    expect(document.period).toEqual({ start: '2019-01-01', end: '2019-12-31' })
  })

  it('joins no line that is not the rest of a title', () => {
    expect(cleanText('2019年，我局主动公开信息16条。\n年度报告\n正文')).toBe('2019年，我局主动公开信息16条。\n年度报告\n正文')
    expect(cleanText('某局2019年政府信息公开工作年度报告\n报告\n正文')).toBe('某局2019年政府信息公开工作年度报告\n报告\n正文')
  })
})
