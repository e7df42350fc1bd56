import { parseReportDocument, type AgencyRef, type Block, type Cell, type KeyFigure, type ReportDocument } from './document.ts'
import { applicantColumns, outcomeRows } from './derived.ts'
import { TEMPLATES, cellId, templateForYear, type TemplateId } from './templates.ts'

// Clearly fictional sample reports (示例), consistent by construction: every exact identity holds,
// and consecutive years chain (carried forward → carried in, stocks and item counts). The demo
// site and the tests use them; nothing here pretends to be a real agency's figures.

/** A small deterministic PRNG (mulberry32), so samples are identical on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const int = (rnd: () => number, max: number) => Math.floor(rnd() * (max + 1))
const v = (n: number): Cell => ({ state: 'value', value: n, raw: String(n) })

export interface ChainState {
  /** Table 三 `四、结转下年度继续办理` by column, carried into next year's `二、上年结转…`. */
  carriedOut: Record<string, number>
  /** 2021 `现行有效件数` by row key, 2019 `对外公开总数量` by row key. */
  stock: Record<string, number>
  /** 2019 `上一年项目数量 + 本年增/减` by row key: next year's `上一年项目数量`. */
  items: Record<string, number>
}

export interface GeneratedTables {
  tables: ReportDocument['tables']
  chain: ChainState
}

/**
 * Tables for one year that satisfy every exact identity. `scale` sets the size of the agency;
 * `previous` chains the year to the one before; `mayEnactRules` fills the 规章 row or leaves it "/".
 */
export function generateTables(
  template: TemplateId,
  rnd: () => number,
  opts: { scale?: number; previous?: ChainState; mayEnactRules?: boolean } = {},
): GeneratedTables {
  const scale = opts.scale ?? 1
  const cells3: Record<string, Cell> = {}
  const cols = applicantColumns(template)
  const outcomes = outcomeRows(template)
  const weight: Record<string, number> = { natural: 10, commercial: 3, research: 1, ngo: 1, legal: 2, other: 1 }
  const rowWeight = (key: string) => (key === 'disclosed' ? 6 : key === 'partial' ? 2 : key === 'unable_1' ? 3 : 1)
  const carriedOut: Record<string, number> = {}
  const totals: Record<string, Record<string, number>> = {}
  const put = (row: string, col: string, n: number) => {
    cells3[cellId(row, col)] = v(n)
    const rowTotals = (totals[row] ??= {})
    rowTotals[col] = n
  }
  for (const c of cols) {
    let handled = 0
    for (const r of outcomes) {
      // Most outcome cells are 0 in real reports; keep them sparse.
      const n = rnd() < 0.55 ? 0 : int(rnd, Math.round(((weight[c.key] ?? 1) * rowWeight(r.key) * scale) / 2))
      put(r.key, c.key, n)
      handled += n
    }
    put('total', c.key, handled)
    const carriedIn = opts.previous?.carriedOut[c.key] ?? int(rnd, Math.round((weight[c.key] ?? 1) * scale * 0.3))
    let out = int(rnd, Math.round((weight[c.key] ?? 1) * scale * 0.3))
    // new = handled + carried forward − carried in must not be negative.
    if (handled + out < carriedIn) out = carriedIn - handled
    put('carried_in', c.key, carriedIn)
    put('carried_out', c.key, out)
    put('new', c.key, handled + out - carriedIn)
    carriedOut[c.key] = out
  }
  for (const [row, byCol] of Object.entries(totals)) {
    const sum = cols.reduce((s, c) => s + (byCol[c.key] ?? 0), 0)
    cells3[cellId(row, 'total')] = v(sum)
  }
  carriedOut['total'] = cols.reduce((s, c) => s + (carriedOut[c.key] ?? 0), 0)

  const cells4: Record<string, Cell> = {}
  let rvTotal = 0
  for (const prefix of ['rv', 'ld', 'lr'] as const) {
    const cap = prefix === 'rv' ? Math.max(1, Math.round(scale * 2)) : Math.max(1, Math.round(scale))
    let total = 0
    for (const k of ['upheld', 'corrected', 'other', 'pending']) {
      let n = int(rnd, k === 'upheld' ? cap : Math.ceil(cap / 2))
      if (prefix === 'lr' && total + n > rvTotal) n = Math.max(0, rvTotal - total)
      cells4[cellId('main', `${prefix}_${k}`)] = v(n)
      total += n
    }
    cells4[cellId('main', `${prefix}_total`)] = v(total)
    if (prefix === 'rv') rvTotal = total
  }

  const cells2: Record<string, Cell> = {}
  const stock: Record<string, number> = {}
  const items: Record<string, number> = {}
  const rules = opts.mayEnactRules ?? false
  if (template === '2021') {
    for (const row of ['rules', 'normative']) {
      const key = `art20_1.${row}`
      if (row === 'rules' && !rules) {
        for (const col of ['issued', 'repealed', 'in_force']) cells2[cellId(key, col)] = { state: 'na', raw: '/' }
        continue
      }
      const before = opts.previous?.stock[key] ?? int(rnd, Math.round(40 * scale)) + 5
      const issued = int(rnd, Math.round(8 * scale))
      const repealed = Math.min(before, int(rnd, Math.round(3 * scale)))
      cells2[cellId(key, 'issued')] = v(issued)
      cells2[cellId(key, 'repealed')] = v(repealed)
      cells2[cellId(key, 'in_force')] = v(before + issued - repealed)
      stock[key] = before + issued - repealed
    }
    for (const key of ['art20_5.licensing', 'art20_6.penalty', 'art20_6.compulsion']) {
      cells2[cellId(key, 'decisions')] = v(int(rnd, Math.round((key.endsWith('licensing') ? 5000 : 300) * scale)))
    }
    const fee = Math.round(rnd() * 900 * scale * 10_000) / 10_000
    // The unit (万元) is in the column header, not in the cell.
    cells2[cellId('art20_8.fees', 'fee_amount')] = { state: 'value', value: fee, raw: fee.toFixed(4) }
  } else {
    for (const row of ['rules', 'normative']) {
      const key = `art20_1.${row}`
      if (row === 'rules' && !rules) {
        for (const col of ['made', 'published', 'total']) cells2[cellId(key, col)] = { state: 'na', raw: '/' }
        continue
      }
      const made = int(rnd, Math.round(8 * scale))
      const published = Math.min(made, int(rnd, Math.round(8 * scale)))
      const total = (opts.previous?.stock[key] ?? int(rnd, Math.round(60 * scale)) + 10) + published
      cells2[cellId(key, 'made')] = v(made)
      cells2[cellId(key, 'published')] = v(published)
      cells2[cellId(key, 'total')] = v(total)
      stock[key] = total
    }
    const itemRows = ['art20_5.licensing', 'art20_5.other_services', 'art20_6.penalty', 'art20_6.compulsion', 'art20_8.fees']
    for (const key of itemRows) {
      const prev = opts.previous?.items[key] ?? int(rnd, Math.round(120 * scale)) + 3
      const change = int(rnd, 10) - 5
      const start = Math.max(0, prev)
      const delta = start + change < 0 ? -start : change
      cells2[cellId(key, 'prev_items')] = v(start)
      cells2[cellId(key, 'change')] = { state: 'value', value: delta, raw: String(delta) }
      items[key] = start + delta
      if (!key.startsWith('art20_8')) {
        // Decisions are counted separately from items; keep them from matching items + change.
        let decisions = int(rnd, Math.round(2000 * scale))
        if (decisions === start + delta) decisions += 1
        cells2[cellId(key, 'decisions')] = v(decisions)
      }
    }
    const amount = Math.round(rnd() * 5000 * scale * 100) / 100
    cells2[cellId('art20_9.procurement', 'projects')] = v(int(rnd, Math.round(30 * scale)))
    cells2[cellId('art20_9.procurement', 'amount')] = { state: 'value', value: amount, raw: `${amount}万元`, unit: '万元' }
  }
  return {
    tables: { 二: { cells: cells2, extras: [] }, 三: { cells: cells3, extras: [] }, 四: { cells: cells4, extras: [] } },
    chain: { carriedOut, stock, items },
  }
}

export interface SampleAgency extends AgencyRef {
  code: string
  parentCode: string | null
  years: number[]
  scale: number
}

/** Fictional agencies at several levels; region codes 99xxxx belong to no real place. */
export const SAMPLE_AGENCIES: readonly SampleAgency[] = [
  {
    name: '示例省人民政府',
    code: 'demo-990000',
    level: 'province',
    kind: 'government',
    region: '990000',
    parentCode: null,
    years: [2019, 2020, 2021, 2022, 2023],
    scale: 6,
  },
  {
    name: '示例市人民政府',
    code: 'demo-990100',
    level: 'city',
    kind: 'government',
    region: '990100',
    parentCode: 'demo-990000',
    years: [2021, 2022, 2023],
    scale: 3,
  },
  {
    name: '示例市市场监督管理局',
    code: 'demo-990100-amr',
    level: 'city',
    kind: 'department',
    region: '990100',
    parentCode: 'demo-990100',
    years: [2020, 2021, 2022],
    scale: 1.5,
  },
  {
    name: '示例市示例区人民政府',
    code: 'demo-990102',
    level: 'county',
    kind: 'government',
    region: '990102',
    parentCode: 'demo-990100',
    years: [2021, 2022],
    scale: 1,
  },
  {
    name: '示例市示例区示例街道办事处',
    code: 'demo-990102-001',
    level: 'township',
    kind: 'government',
    region: '990102',
    parentCode: 'demo-990102',
    years: [2022, 2023],
    scale: 0.3,
  },
]

function mayEnactRules(a: AgencyRef): boolean {
  return (a.level === 'national' && a.kind === 'department') || ((a.level === 'province' || a.level === 'city') && a.kind === 'government')
}

function narrative(
  agency: AgencyRef,
  year: number,
  tables: ReportDocument['tables'],
): { parts: Record<string, Block[]>; keyFigures: KeyFigure[] } {
  const received = tables['三'].cells[cellId('new', 'total')]
  const n = received?.state === 'value' ? received.value : 0
  const rv = tables['四'].cells[cellId('main', 'rv_total')]
  const reviews = rv?.state === 'value' ? rv.value : 0
  const s1 = `${year}年，本机关共收到政府信息公开申请${n}件，均在法定期限内答复。`
  const s2 = `全年因政府信息公开工作被申请行政复议${reviews}件。`
  const keyFigures: KeyFigure[] = [
    { label: '收到政府信息公开申请', value: n, unit: '件', sentence: s1, part: '一', metric: 'applications_received' },
    { label: '行政复议', value: reviews, unit: '件', sentence: s2, part: '一', metric: 'reviews_total' },
  ]
  return {
    parts: {
      一: [
        {
          type: 'paragraph',
          text: `（示例数据）${agency.name}${year}年认真贯彻落实《中华人民共和国政府信息公开条例》，本报告中的数字均为演示用途虚构。`,
        },
        { type: 'heading', text: '（一）依申请公开' },
        { type: 'paragraph', text: `${s1}${s2}` },
      ],
      五: [{ type: 'paragraph', text: '存在的主要问题：示例问题一，示例问题二。改进措施：示例措施。' }],
      六: [{ type: 'paragraph', text: year >= 2021 ? '本年度未收取信息处理费。' : '无。' }],
    },
    keyFigures,
  }
}

/** Every sample report, oldest first within each agency, chained year to year. */
export function sampleReports(): Array<{ agency: SampleAgency; document: ReportDocument }> {
  const out: Array<{ agency: SampleAgency; document: ReportDocument }> = []
  SAMPLE_AGENCIES.forEach((agency, i) => {
    const rnd = seededRandom(20_210_929 + i * 7919)
    let chain: ChainState | undefined
    let prevTemplate: TemplateId | undefined
    for (const year of agency.years) {
      const template = templateForYear(year)
      // Table 二 chains only within one template: its meaning changed in 2021.
      const previous = chain && prevTemplate === template ? chain : chain ? { ...chain, stock: {}, items: {} } : undefined
      const generated = generateTables(template, rnd, {
        scale: agency.scale,
        mayEnactRules: mayEnactRules(agency),
        ...(previous ? { previous } : {}),
      })
      const { parts, keyFigures } = narrative(agency, year, generated.tables)
      const { parentCode: _p, years: _y, scale: _s, ...ref } = agency
      out.push({
        agency,
        document: parseReportDocument({
          agency: ref,
          year,
          template,
          title: `${agency.name}${year}年政府信息公开工作年度报告（示例）`,
          preamble: [
            {
              type: 'paragraph',
              text: `本报告依据《中华人民共和国政府信息公开条例》和${TEMPLATES[template].notice}要求编制。本年度报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
            },
          ],
          period: { start: `${year}-01-01`, end: `${year}-12-31` },
          parts,
          tables: generated.tables,
          keyFigures,
          source: { kind: 'manual', note: '示例数据，虚构，仅供演示和测试 / fictional sample data for demos and tests' },
        }),
      })
      chain = generated.chain
      prevTemplate = template
    }
  })
  return out
}
