import { PART_IDS, type Block, type KeyFigure, type KeyMetric, type PartId } from '@gongkai/schema'

// Figures quoted in the prose ("主动公开信息共7118条"), each kept with its sentence, so the
// validator can compare prose with tables and the 图解 can show the channels.

interface MetricPattern {
  metric: KeyMetric
  label: string
  re: RegExp
}

const NUM = '(\\d[\\d,]*(?:\\.\\d+)?)'

const METRICS: readonly MetricPattern[] = [
  {
    metric: 'proactive_total',
    label: '主动公开信息',
    re: new RegExp(`主动公开(?:政府)?信息(?:共计|共|总数|数量)?(?:为)?${NUM}\\s*(条)`, 'u'),
  },
  { metric: 'channel_website', label: '政府网站公开政府信息', re: new RegExp(`政府网站公开政府信息数?${NUM}\\s*(条)`, 'u') },
  { metric: 'channel_weibo', label: '政务微博公开政府信息', re: new RegExp(`政务微博公开政府信息数?${NUM}\\s*(条)`, 'u') },
  { metric: 'channel_wechat', label: '政务微信公开政府信息', re: new RegExp(`政务微信公开政府信息数?${NUM}\\s*(条)`, 'u') },
  {
    metric: 'applications_received',
    label: '收到政府信息公开申请',
    re: new RegExp(`(?:受理|收到)[^。；，\\d]{0,16}?申请[^。；，\\d]{0,4}?${NUM}\\s*(件)`, 'u'),
  },
  { metric: 'reviews_total', label: '行政复议', re: new RegExp(`行政复议(?:案件)?${NUM}\\s*(件)`, 'u') },
  { metric: 'lawsuits_total', label: '行政诉讼', re: new RegExp(`行政诉讼(?:案件)?${NUM}\\s*(件)`, 'u') },
  { metric: 'fees_collected', label: '信息处理费', re: new RegExp(`信息处理费(?:共计|共)?${NUM}\\s*(元|万元)`, 'u') },
  {
    metric: 'admin_fees',
    label: '行政事业性收费',
    re: new RegExp(`行政事业性收费[^。；，\\d]{0,8}?(?:共计|共|合计|金额|收入)?(?:为|达)?${NUM}\\s*(万元|元)`, 'u'),
  },
]

// Any other counted figure: the clause before a number with a counting unit is its label.
const GENERIC = new RegExp(`([\\u3400-\\u9fff“”、0-9]{2,40}?)(?:为|达|共计|共|合计)?${NUM}\\s*(万余|万)?(人次|件次|条|件)`, 'gu')
const LEAD_IN = /^(?:其中|全年|累计|通过|处理|共|合计|以及|和|及|的)+/u

function toNumber(s: string): number {
  return Number(s.replace(/,/g, ''))
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；！？])/u)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Key figures from the prose of every part, in reading order, without duplicates. */
export function extractKeyFigures(parts: Partial<Record<PartId, Block[]>>): KeyFigure[] {
  const out: KeyFigure[] = []
  const seen = new Set<string>()
  const add = (f: KeyFigure) => {
    const key = `${f.sentence}|${f.value}|${f.unit}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(f)
  }
  for (const part of PART_IDS) {
    for (const block of parts[part] ?? []) {
      if (block.type !== 'paragraph') continue
      for (const sentence of sentences(block.text)) {
        for (const p of METRICS) {
          const m = p.re.exec(sentence)
          if (m?.[1] && m[2]) add({ label: p.label, value: toNumber(m[1]), unit: m[2], sentence, part, metric: p.metric })
        }
        for (const m of sentence.matchAll(GENERIC)) {
          const [, rawLabel, num, wan, unit] = m
          if (!rawLabel || !num || !unit) continue
          const label = rawLabel.replace(LEAD_IN, '')
          if (label.length < 2) continue
          add({ label, value: toNumber(num), unit: `${wan ? '万' : ''}${unit}`, sentence, part, metric: null })
        }
      }
    }
  }
  return out
}
