import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readLinear } from './linear.ts'
import { onlyAsMany, splitsOf, sumSplitsOf } from './splits.ts'
import { splitRun, tokenizeLines, tokenizeText } from './tokens.ts'

const T3_LABELS_2021 = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
  '（七）总计',
  '四、结转下年度继续办理',
]
const zero = '0000000'

/** Table 三 as a crawler flattens it: each row's cells run together after its label. */
function flattened(rows: Record<number, string>): string {
  return `三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 ${T3_LABELS_2021.map((l, i) => `${l} ${rows[i] ?? zero}`).join('')} 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 本年无。`
}

describe('splitting digits that lost their separators', () => {
  it('lists every split without leading zeros', () => {
    expect(splitsOf(['000'], 3)).toEqual([['0', '0', '0']])
    expect(splitsOf(['105'], 2)).toEqual([['10', '5']])
    expect(splitsOf(['12'], 3)).toEqual([])
  })

  it('splits a row of large numbers under its own sums, where plain splits are too many to weigh', () => {
    // A city's row 一 (3746 | 63 | 0 | 0 | 19 | 2 | 3830): 1,419 ways to cut it into seven
    // numbers, one whose last is the sum of the six.
    expect(splitsOf(['374663001923830'], 7)).toHaveLength(1419)
    expect(sumSplitsOf(['374663001923830'], [7])).toEqual([['3746', '63', '0', '0', '19', '2', '3830']])
    // Table 四: three groups of four outcomes and their total (119 25 91 24 259 | 7 0 15 6 28 | 21 1 7 9 38).
    expect(sumSplitsOf(['11925912425970156282117938'], [5, 5, 5])).toEqual([
      ['119', '25', '91', '24', '259', '7', '0', '15', '6', '28', '21', '1', '7', '9', '38'],
    ])
    // Separate tokens stay separate cells; digits that cannot add up give no split at all.
    expect(sumSplitsOf(['0', '1', '1', '0', '2', '1', '0', '0', '0', '1', '0', '0', '0', '0', '0'], [5, 5, 5])).toHaveLength(1)
    expect(sumSplitsOf(['12', '4'], [3])).toEqual([])
    expect(sumSplitsOf(['1a'], [2])).toBeNull()
    // Where the sums leave more than one split, all are given, for the caller to refuse.
    expect(sumSplitsOf(['110000011'], [7])).toEqual([
      ['1', '10', '0', '0', '0', '0', '11'],
      ['11', '0', '0', '0', '0', '0', '11'],
    ])
  })

  it('reads a row whose identities leave one split, and says so in the provenance', () => {
    // 71 | 3 | 0 | 0 | 0 | 0 | 74 received, all disclosed, none carried.
    const rows: Record<number, string> = { 0: '713000074', 2: '713000074', 23: '713000074' }
    const { tables } = readLinear(tokenizeText(flattened(rows)))
    const t3 = tables.find((t) => t.table === '三')!
    expect(t3.cells['new|natural']).toMatchObject({ state: 'value', value: 71 })
    expect(t3.cells['new|commercial']).toMatchObject({ state: 'value', value: 3 })
    expect(t3.cells['new|total']).toMatchObject({ state: 'value', value: 74 })
    expect(t3.provenance['new|natural']?.how).toBe('split')
    expect(t3.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('settles a row by the other rows even when some row cannot be read at all', () => {
    // Row 一 is 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11; （七）总计, printed apart, is 11|0|…|11, and
    // T3-BAL makes row 一 the second. （一）予以公开 printed two digits for seven cells:
    // unreadable, and no reason to refuse row 一 too.
    const rows: Record<number, string> = { 0: '110000011', 2: '12', 23: '11 0 0 0 0 0 11' }
    const t3 = readLinear(tokenizeText(flattened(rows))).tables.find((t) => t.table === '三')!
    expect(t3.cells['new|natural']).toMatchObject({ state: 'value', value: 11 })
    expect(t3.cells['new|commercial']).toMatchObject({ state: 'value', value: 0 })
    expect(t3.cells['disclosed|natural']).toBeUndefined()
  })

  it('refuses and names a row that the identities cannot settle, reading the rest', () => {
    const rows: Record<number, string> = { 0: '1010000111' }
    const { tables } = readLinear(tokenizeText(flattened(rows)))
    const t3 = tables.find((t) => t.table === '三')!
    // 10|1|0|0|0|0|11 and 1|0|10|0|0|0|11 both add up, and no other row pins it: refused.
    expect(t3.cells['new|natural']).toBeUndefined()
    const refused = t3.problems.find((p) => p.code === 'CELLS_RUN_TOGETHER')!
    // The message quotes the digits as printed.
    expect(refused.where).toMatchObject({ row: '一、本年新收政府信息公开申请数量', digits: '1010000111' })
    expect(t3.cells['carried_in|natural']).toMatchObject({ state: 'value', value: 0 })
  })
})

describe('a publisher’s subtotal row in page text', () => {
  // 10 | 2 | 0 … received and answered; （三）不予公开 printed with its own total row before its rows.
  const page = (subtotal: string, first: string) =>
    flattened({ 0: '102000012', 2: '82000010', 4: first, 7: '1000001', 23: '102000012' }).replace(
      '1.属于国家秘密',
      `（三）不予公开 ${subtotal} 1.属于国家秘密`,
    )

  it('keeps the subtotal as printed, apart from the row above it', () => {
    const t3 = readLinear(tokenizeText(page('2000002', '1000001'))).tables.find((t) => t.table === '三')!
    expect(t3.cells['partial|natural']).toMatchObject({ state: 'value', value: 0 })
    expect(t3.cells['withheld_1|natural']).toMatchObject({ state: 'value', value: 1 })
    expect(t3.extras).toContainEqual({
      row: ['（三）不予公开'],
      column: ['申请人情况', '自然人'],
      cell: { state: 'value', value: 2, raw: '2' },
    })
    expect(t3.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('refuses a "subtotal" that is not the sum of its rows: it may be the first row’s values', () => {
    const t3 = readLinear(tokenizeText(page('3000003', '1000001'))).tables.find((t) => t.table === '三')!
    expect(t3.extras).toEqual([])
    expect(t3.problems.find((p) => p.code === 'ROW_UNREADABLE')?.where.row).toBe('（三）不予公开')
    expect(t3.cells['partial|natural']).toMatchObject({ state: 'value', value: 0 })
  })
})

describe('tokens of page text', () => {
  it('keeps a label and its number apart, a row number with its label, and a date as words', () => {
    expect(splitRun('规章000行政规范性文件8855698')).toMatchObject([
      { text: '规章' },
      { text: '000', value: true },
      { text: '行政规范性文件' },
      { text: '8855698', value: true },
    ])
    expect(splitRun('00000002.其他法律').map((p) => p.text)).toEqual(['0000000', '2.其他法律'])
    expect(splitRun('2020年本行政区域').filter((p) => p.value)).toEqual([])
  })

  it('keeps the words of a header or label that a converter spaced apart whole, not as "/" or "无" cells', () => {
    const shown = (text: string) => tokenizeText(text).map((t) => (t.value ? `[${t.text}]` : t.text))
    // Table 二 (2019): the header "本年增/减", and a value "/" that is a cell.
    expect(shown(' 信息内容   上一年项目数量   本年增 / 减   处理决定数量\n 规 章\n/   /   /')).toEqual([
      '信息内容',
      '上一年项目数量',
      '本年增/减',
      '处理决定数量',
      '规',
      '章',
      '[/]',
      '[/]',
      '[/]',
    ])
    // "（四）无法提供" carried over a page break after a row's values; "无" as a cell still is one.
    expect(shown('0   1   0   0   1   0   2\n 无 法提\n 供\n 1. 本机关')).toEqual([
      '[0]',
      '[1]',
      '[0]',
      '[0]',
      '[1]',
      '[0]',
      '[2]',
      '无法提',
      '供',
      '1.本机关',
    ])
    expect(shown('规章 无 行政规范性文件 无')).toEqual(['规章', '[无]', '行政规范性文件', '[无]'])
    // A whole "无法提" beside the next row's label is not joined to it.
    expect(shown('      无法提    2.没有现成信息需要另行制作     1  0')).toEqual(['无法提', '2.没有现成信息需要另行制作', '[1]', '[0]'])
  })

  it('reads cells between "|" whether a row, a cell or a separator stands on each line, blanks included', () => {
    const perLine = '规章\n|\n|\n|\n|\n规范性文件\n|\n2\n|\n2\n|\n9\n|'
    expect(tokenizeText(perLine).map((t) => (t.value ? `[${t.text}]` : t.text))).toEqual([
      '规章',
      '[]',
      '[]',
      '[]',
      '规范性文件',
      '[2]',
      '[2]',
      '[9]',
    ])
    const rows = '| 规章 | 3 | | 15 |\n| 行政规范性文件 | 61 | 59 | 422 |'
    expect(tokenizeText(rows).map((t) => (t.value ? `[${t.text}]` : t.text))).toEqual([
      '规章',
      '[3]',
      '[]',
      '[15]',
      '行政规范性文件',
      '[61]',
      '[59]',
      '[422]',
    ])
  })
})

describe('a table copied from a browser (cells between tabs)', () => {
  const shown = (text: string) => tokenizeText(text).map((t) => (t.value ? `[${t.text}]` : t.text))
  it('reads a row per line, a leading or doubled tab being a blank cell', () => {
    expect(shown('规章\t\t3\t17\n行政规范性文件\t61\t59\t422')).toEqual([
      '规章',
      '[]',
      '[3]',
      '[17]',
      '行政规范性文件',
      '[61]',
      '[59]',
      '[422]',
    ])
    expect(shown('总计\n\t1\t\t2')).toEqual(['总计', '[]', '[1]', '[]', '[2]'])
  })
  it('reads cells with paragraphs, where each tab stands on a line of its own between blank lines', () => {
    // <td><p>258</p></td><td><p>&nbsp;</p></td>…: Chrome's innerText of a Word-made table.
    const row = '（一）予以公开\n\n\t\n\n258\n\n\t\n\n\u00a0\n\n\t\n\n1\n\n\t\n\n\u00a0\n\n\n（二）部分公开\n\n\t\n\n3'
    expect(shown(row)).toEqual(['（一）予以公开', '[258]', '[]', '[1]', '[]', '（二）部分公开', '[3]'])
    // An empty paragraph (four blank lines) before a row break is a blank cell, not nothing.
    const empty = '规章\n\n\t\n\n\n\n\n\t\n\n5\n\n\t\n\n\n\n\n行政规范性文件\n\n\t\n\n3'
    expect(shown(empty)).toEqual(['规章', '[]', '[5]', '[]', '行政规范性文件', '[3]'])
    // "&nbsp;" cells without paragraphs, on one line, the last one included.
    expect(shown('x\n\t\n9\n\n\t\u00a0\t\u00a0\t\u00a0\n\n五、存在的主要问题')).toEqual([
      'x',
      '[9]',
      '[]',
      '[]',
      '[]',
      '五、存在的主要问题',
    ])
  })
  it('leaves a tab that only indents a line as whitespace', () => {
    expect(shown('\t一、总体情况')).toEqual(['一、总体情况'])
  })
})

describe('table 二 by its labels', () => {
  it('splits digits where no identity holds the row only when they cannot be fewer numbers', () => {
    expect(onlyAsMany(['000'], 3)).toBe(true)
    expect(onlyAsMany(['2', '14'], 3)).toBe(false)
    expect(onlyAsMany(['214'], 3)).toBe(false)
    // Text laid out with spaces, the middle cell of 规范性文件 left blank: "2   14" is refused by
    // name, never read as 2|1|4; "0 0 0" and a "000" that can only be three zeros are read.
    const text = [
      '第二十条第（一）项',
      '信息内容   本年制发件数   本年废止件数   现行有效件数',
      '规章   000',
      '行政规范性文件   2       14',
    ].join('\n')
    const t2 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '二')!
    expect(t2.cells['art20_1.rules|issued']).toMatchObject({ state: 'value', value: 0 })
    expect(t2.cells['art20_1.normative|repealed']).toBeUndefined()
    expect(t2.cells['art20_1.normative|in_force']).toBeUndefined()
    // Table 二 has no identity to check a split against, and says so.
    const refused = t2.problems.find((p) => p.code === 'CELLS_RUN_TOGETHER')!
    expect(refused.where).toMatchObject({ digits: '2 14', count: 'unchecked' })
    expect(refused.message.en).toContain('no identity to check a split against')
  })

  it('keeps a row the template does not have as an extra, not in the row above', () => {
    const text = [
      '第二十条第（一）项 | | |',
      '信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |',
      '规章 | 0 | 0 | 0 |',
      '规范性文件 | 2 | 2 | 19 |',
      '其他主动公开文件 | 186 | 86 | 255 |',
      '第二十条第（五）项 | | |',
      '信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |',
      '行政许可 | 8 | 5 | 93 |',
    ].join('\n')
    const t2 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '二')!
    expect(t2.template).toBe('2019')
    expect(t2.cells['art20_1.normative|total']).toMatchObject({ value: 19 })
    expect(t2.extras).toContainEqual({
      row: ['第二十条第（一）项', '其他主动公开文件'],
      column: ['对外公开总数量'],
      cell: { state: 'value', value: 255, raw: '255' },
    })
    expect(t2.problems.map((p) => p.code)).toContain('LABEL_UNKNOWN')
  })
})

describe('a table whose numbers were lost', () => {
  it('reads no cell from labels with empty cells, so the import calls it unreadable, never blanks', async () => {
    const { importText } = await import('./text.ts')
    const text = [
      '某某局2021年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      ...T3_LABELS_2021.map((l) => `${l} | | | | | | | |`),
    ].join('\n')
    const { document, problems } = importText(text, { year: 2021 })
    expect(document.tables['三'].cells).toEqual({})
    expect(problems.map((p) => p.code)).toContain('TABLE_UNREADABLE')
    expect(Object.keys(document.tables['三'].unread ?? {})).toHaveLength(175)
  })
})

describe('a label column printed apart from its rows of values', () => {
  const labels = T3_LABELS_2021.join('\n')
  const row = (i: number) =>
    i === 0 || i === 23 ? '5 | 0 | 0 | 0 | 0 | 0 | 5' : i === 2 ? '5 | 0 | 0 | 0 | 0 | 0 | 5' : '0 | 0 | 0 | 0 | 0 | 0 | 0'
  it('is matched by order when the values are exactly rows × columns', () => {
    const text = `${labels}\n${T3_LABELS_2021.map((_, i) => `| ${row(i)} |`).join('\n')}`
    const t3 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '三')!
    expect(t3.cells['new|natural']).toMatchObject({ value: 5 })
    expect(t3.cells['total|total']).toMatchObject({ value: 5 })
    expect(Object.keys(t3.cells)).toHaveLength(175)
  })
  it('is refused when one row of values is missing', () => {
    const text = `${labels}\n${T3_LABELS_2021.slice(1)
      .map((_, i) => `| ${row(i)} |`)
      .join('\n')}`
    const t3 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '三')!
    expect(t3.cells['new|natural']).toBeUndefined()
    expect(t3.problems.map((p) => p.code)).toContain('ROW_UNREADABLE')
  })
})

describe('labels printed apart, a run of them at a time (pdfminer, text converters)', () => {
  const zeros = ['0', '0', '0', '0', '0', '0', '0']
  const values = (i: number) =>
    i === 0 || i === 2 || i === 23 ? ['5', '0', '0', '0', '0', '0', '5'] : i === 3 ? ['2', '1', '0', '0', '0', '0', '3'] : zeros
  const page1 = T3_LABELS_2021.slice(0, 13)
  const page2 = T3_LABELS_2021.slice(13)
  it('reads each page’s labels and then its rows of values, page by page', () => {
    const text = [page1, page2]
      .map((labels, p) => `${labels.join('\n')}\n${labels.map((_, i) => values(p * 13 + i).join('\n')).join('\n')}\n- ${p + 3} -`)
      .join('\n')
    const t3 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '三')!
    expect(t3.cells['new|natural']).toMatchObject({ value: 5 })
    expect(t3.cells['partial|commercial']).toMatchObject({ value: 1 })
    expect(t3.cells['total|total']).toMatchObject({ value: 5 })
    expect(Object.keys(t3.cells)).toHaveLength(175)
  })
  it('refuses a page whose values come a column at a time: which column is which cannot be told', () => {
    // pdfminer's text boxes: the label column, then each column's values, "其他" after "总计".
    const columns = [0, 1, 2, 3, 4, 6, 5]
    const text = [page1, page2]
      .map(
        (labels, p) =>
          `${labels.join('\n')}\n${columns.map((c) => labels.map((_, i) => values(p * 13 + i)[c]).join('\n')).join('\n\n')}\n- ${p + 3} -`,
      )
      .join('\n')
    const t3 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '三')!
    expect(t3.cells).toEqual({})
    const apart = t3.problems.filter((p) => p.code === 'ROW_UNREADABLE' && String(p.where.row).includes(' … '))
    expect(apart.map((p) => p.where.row)).toEqual([
      `${T3_LABELS_2021[0]} … ${T3_LABELS_2021[12]}`,
      `${T3_LABELS_2021[13]} … ${T3_LABELS_2021[24]}`,
    ])
    expect(apart[0]!.message.en).toMatch(/orders of the values make every row add up/)
  })
  it('matches a one-column block of table 二 by order, and refuses a three-column one', () => {
    const text = [
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容',
      '本年制发件数 本年废止件数 现行有效件数',
      '规章',
      '行政规范性文件',
      '0',
      '3',
      '0',
      '0',
      '0',
      '8',
      '第二十条第（六）项',
      '信息内容',
      '本年处理决定数量',
      '行政处罚',
      '行政强制',
      '2776',
      '84',
      '三、收到和处理政府信息公开申请情况',
    ].join('\n')
    const t2 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '二')!
    expect(t2.cells['art20_6.penalty|decisions']).toMatchObject({ value: 2776 })
    expect(t2.cells['art20_6.compulsion|decisions']).toMatchObject({ value: 84 })
    expect(t2.cells['art20_1.rules|issued']).toBeUndefined()
    expect(t2.problems.find((p) => p.where.row === '规章 … 行政规范性文件')?.message.en).toMatch(/row by row or column by column/)
  })
})

describe('values printed before their labels (pdftotext without -layout)', () => {
  const five = ['5', '0', '0', '0', '0', '0', '5']
  const values = (i: number) => (i === 0 || i === 2 || i === 23 ? five : ['0', '0', '0', '0', '0', '0', '0'])
  const header = '申请人情况\n自然人\n法人或其他组织\n商业\n企业\n科研\n机构\n其他\n总计'
  it('gives each label the values before it when that reading is whole and adds up', () => {
    const text = `${header}\n${T3_LABELS_2021.map((l, i) => `${values(i).join('\n')}\n${l}`).join('\n')}\n五、存在的主要问题及改进情况`
    const t3 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '三')!
    expect(t3.cells['new|natural']).toMatchObject({ value: 5 })
    expect(t3.cells['carried_in|natural']).toMatchObject({ value: 0 })
    expect(t3.cells['disclosed|total']).toMatchObject({ value: 5 })
    expect(Object.keys(t3.cells)).toHaveLength(175)
  })
  it('refuses every row when one label takes its values after its first line', () => {
    const rows = T3_LABELS_2021.map((l, i) =>
      i === 3 ? `（二）部分公开（区分处理的，只\n${values(i).join('\n')}\n计这一情形，不计其他情形）` : `${values(i).join('\n')}\n${l}`,
    )
    const t3 = readLinear(tokenizeText(`${header}\n${rows.join('\n')}`)).tables.find((t) => t.table === '三')!
    expect(t3.cells).toEqual({})
    expect(t3.problems.map((p) => p.code)).toContain('ROW_UNREADABLE')
  })
})

describe('a label whose words a converter spaced apart (pdf.js text joined with spaces)', () => {
  const header =
    '三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他'
  const row = (i: number) => (i === 0 || i === 2 || i === 23 ? '2 0 0 0 1 0 3' : zero.split('').join(' '))
  const text = (label: (l: string, i: number) => string) =>
    `${header}\n${T3_LABELS_2021.map((l, i) => `${label(l, i)}\n${row(i)}`).join('\n')}\n五、存在的主要问题及改进情况\n无。`
  it('reads "无" inside a label as the label’s, not as a value ("1. 申请人 无 正 当 理由…")', () => {
    const t3 = readLinear(tokenizeText(text((l) => l.replace(/无正当/, ' 无 正 当 ')))).tables.find((t) => t.table === '三')!
    expect(t3.problems).toEqual([])
    expect(t3.cells['other_1|total']).toMatchObject({ value: 0 })
    expect(t3.cells['not_processed_4|natural']).toMatchObject({ value: 0 })
    expect(t3.cells['new|total']).toMatchObject({ value: 3 })
    expect(Object.keys(t3.cells)).toHaveLength(175)
  })
  it('says a row with fewer numbers than columns may have lost its blank cells, not that the source is wrong', () => {
    const t3 = readLinear(
      tokenizeText(text((l, i) => (i === 0 ? `${l}\n2 1 3` : l)).replace(/\n2 0 0 0 1 0 3\n(?=二、)/u, '\n')),
    ).tables.find((t) => t.table === '三')!
    const p = t3.problems.find((x) => x.code === 'CELLS_RUN_TOGETHER' && x.where.row === T3_LABELS_2021[0])
    expect(p?.message.en).toContain('3 values for 7 columns (2 1 3): blank cells may have been lost in a conversion')
    expect(p?.message.zh).toContain('只有 3 个数值对应 7 列')
    expect(p?.message.en).not.toContain('the source may be wrong')
  })
  it('keeps "无" a value where it stands after a whole label, as a cell saying none', () => {
    const t3 = readLinear(tokenizeText(text((l, i) => (i === 20 ? `${l.replace(/无正当/, ' 无 正 当 ')} 无` : l)))).tables.find(
      (t) => t.table === '三',
    )!
    // Eight values for seven columns: the row is refused by name, never shifted.
    expect(t3.problems.map((p) => p.code)).toContain('ROW_UNREADABLE')
    expect(Object.keys(t3.cells)).toHaveLength(168)
  })
})

describe('table 三 laid out in columns (pdftotext -layout of a Word-made PDF)', () => {
  // corpus/generated/sample-finance-bureau-2021-template-widths.pdf as `pdftotext -layout` prints
  // its table 三: the group label （六）其他处理, wrapped in its narrow merged cell, stands on the
  // lines of its rows' labels ("（六）    请", "理      费用、行政…").
  const text = readFileSync(new URL('../fixtures/finance-bureau-2021-table3.pdftotext-layout.txt', import.meta.url), 'utf8')
  it('joins each wrapped row label past the group label beside it, and reads every row', () => {
    const t3 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '三')!
    expect(t3.template).toBe('2021')
    expect(t3.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(Object.keys(t3.cells)).toHaveLength(175)
    expect(
      [0, 1, 2, 3, 4, 5, 6].map(
        (c) =>
          (t3.cells[`other_1|${['natural', 'commercial', 'research', 'ngo', 'legal', 'other', 'total'][c]}`] as { value: number }).value,
      ),
    ).toEqual([0, 1, 0, 0, 0, 0, 1])
    expect(t3.cells['other_3|natural']).toMatchObject({ value: 1 })
    expect(t3.extras).toEqual([])
  })
})

describe('a group label printed beside a row label (pdftotext -layout)', () => {
  // corpus/generated/sample-county-2022-ruled.rotated.pdf as `pdftotext -layout` prints table 三:
  // "2.申请人逾期未按收费通知要求" / "他处理" / "缴纳费用、行政机关不再处理 0 1 0 0 0 0 1" /
  // "其政府信息公开申请"; and "结 （四）无 1.本机关不掌握相关政府信息" under its values.
  const text = readFileSync(new URL('../fixtures/county-2022-table3.pdftotext-layout.txt', import.meta.url), 'utf8')
  const t3 = readLinear(tokenizeText(text)).tables.find((t) => t.table === '三')!
  const COLS = ['natural', 'commercial', 'research', 'ngo', 'legal', 'other', 'total']
  it('reads a row label wrapped past a line that holds only a piece of the group label', () => {
    expect(COLS.map((c) => (t3.cells[`other_2|${c}`] as { value?: number } | undefined)?.value)).toEqual([0, 1, 0, 0, 0, 0, 1])
    expect(t3.problems.map((p) => p.code)).not.toContain('LABEL_FUZZY')
  })
  it('refuses the rows whose values may be the row’s above or below, never shifting them', () => {
    expect(COLS.some((c) => t3.cells[`unable_1|${c}`] || t3.cells[`withheld_8|${c}`])).toBe(false)
    expect(t3.problems.filter((p) => p.code === 'ROW_UNREADABLE').map((p) => p.where.row)).toEqual([
      '8.属于行政查询事项',
      '1.本机关不掌握相关政府信息',
    ])
  })
})

describe('figures in the prose', () => {
  it('tells the 信息处理费 (part 六) from 行政事业性收费 (table 二)', async () => {
    const { extractKeyFigures } = await import('./key-figures.ts')
    const figures = extractKeyFigures({
      六: [{ type: 'paragraph', text: '全年共收取信息处理费3940元。' }],
      二: [{ type: 'paragraph', text: '全年行政事业性收费共计96171.6万元。' }],
    })
    expect(figures.filter((f) => f.metric).map((f) => [f.metric, f.value, f.unit])).toEqual([
      ['admin_fees', 96171.6, '万元'],
      ['fees_collected', 3940, '元'],
    ])
  })
})

describe('table 四 saved as text a cell a line (LibreOffice, docx2txt), zeros left blank', () => {
  // The merged header leaves five empty lines (the continuation of 结果维持 … 总计) before the
  // litigation leaf labels; the data row ends in five blank cells. Those header blanks are the
  // header's, so the row's fifteen cells are the fifteen lines after the last header word.
  const header = [
    '行政复议',
    '行政诉讼',
    '结果维持',
    '结果纠正',
    '其他结果',
    '尚未审结',
    '总计',
    '未经复议直接起诉',
    '复议后起诉',
    '',
    '',
    '',
    '',
    '',
    ...Array.from({ length: 2 }, () => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']).flat(),
  ]
  const text = [
    '四、政府信息公开行政复议、行政诉讼情况',
    ...header,
    '1',
    '',
    '1',
    '1',
    '3',
    '',
    '',
    '',
    '1',
    '1',
    '',
    '',
    '',
    '',
    '',
    '五、存在的主要问题及改进情况',
    '本年无。',
  ].join('\n')

  it('reads the row in its columns, blanks as blanks', () => {
    const t4 = readLinear(tokenizeLines(text)).tables.find((t) => t.table === '四')!
    expect(t4.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(t4.cells['main|rv_upheld']).toMatchObject({ state: 'value', value: 1 })
    expect(t4.cells['main|rv_corrected']?.state).toBe('blank')
    expect(t4.cells['main|rv_total']).toMatchObject({ state: 'value', value: 3 })
    expect(t4.cells['main|ld_pending']).toMatchObject({ state: 'value', value: 1 })
    expect(t4.cells['main|lr_total']?.state).toBe('blank')
  })
})
