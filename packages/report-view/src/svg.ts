import { formatDatum, formatValue, type Locale } from '@gongkai/charts/format'
import { barLayout, stackLayout, type Datum } from '@gongkai/charts/layout'
import { seriesColor } from '@gongkai/charts/palette'
import type { ReportDocument } from '@gongkai/schema'
import { infographicModel, total, type ModelOptions } from './figures.ts'
import { plainSummary } from './summary.ts'

// The 图解 as one standalone SVG file, for sharing and printing: the same model and summary as
// the interactive view, drawn with the same layout math, in a few kilobytes. No Vue, no DOM.

const W = 720
const PAD = 24

function esc(s: string): string {
  return s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!)
}

/** Break text into lines of about `max` CJK characters (Latin letters count half). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = []
  let line = ''
  let width = 0
  for (const ch of text) {
    const w = ch.charCodeAt(0) <= 0xff ? 0.55 : 1
    if (width + w > max) {
      lines.push(line)
      line = ''
      width = 0
    }
    line += ch
    width += w
  }
  if (line) lines.push(line)
  return lines
}

const r = (n: number) => Math.round(n * 10) / 10

class Canvas {
  out: string[] = []
  y = PAD
  text(x: number, y: number, s: string, attrs = '') {
    this.out.push(`<text x="${r(x)}" y="${r(y)}"${attrs ? ' ' + attrs : ''}>${esc(s)}</text>`)
  }
  heading(s: string) {
    this.y += 30
    this.text(PAD, this.y, s, 'class="h"')
    this.y += 10
  }
  paragraph(s: string, size = 15) {
    for (const line of wrap(s, Math.floor((W - 2 * PAD) / size))) {
      this.y += size + 7
      this.text(PAD, this.y, line, size === 15 ? '' : `font-size="${size}"`)
    }
  }
  bars(data: readonly Datum[], unit: string, locale: Locale, color = 0) {
    const l = barLayout(data, { width: W - 2 * PAD, barHeight: 18, gap: 8, labelWidth: 230 })
    const top = this.y - 6
    for (const b of l.bars) {
      const y = top + b.y
      this.text(PAD + b.x - 6, y + 14, b.label, 'text-anchor="end"')
      if (b.value !== null) this.out.push(`<rect x="${r(PAD + b.x)}" y="${r(y)}" width="${r(b.width)}" height="${b.height}" fill="${seriesColor(color)}"/>`)
      this.text(PAD + b.x + b.width + 4, y + 14, formatDatum(data[b.index]!, unit, locale))
    }
    this.y = top + l.height + 4
  }
}

export function infographicSvg(doc: ReportDocument, opts: ModelOptions & { locale?: Locale } = {}): string {
  const { locale = 'zh-CN', ...modelOptions } = opts
  const en = locale === 'en'
  const L = (zh: string, e: string) => (en ? e : zh)
  const m = infographicModel(doc, modelOptions)
  const summary = plainSummary(doc, m, locale)
  const c = new Canvas()

  for (const line of wrap(doc.title, 30)) {
    c.y += 30
    c.text(PAD, c.y, line, 'class="t"')
  }
  c.y += 8
  c.text(PAD, (c.y += 18), L('图解版 · 由报告数据自动生成', 'Infographic · generated from the report data'), 'font-size="13"')
  c.heading(L('概要', 'Summary'))
  c.paragraph(summary)

  if (m.headline.length) {
    c.heading(L('主要数据', 'Headline figures'))
    const cols = 3
    const tw = (W - 2 * PAD - (cols - 1) * 10) / cols
    m.headline.forEach((h, i) => {
      const x = PAD + (i % cols) * (tw + 10)
      const y = c.y + 8 + Math.floor(i / cols) * 78
      c.out.push(`<rect x="${r(x)}" y="${r(y)}" width="${r(tw)}" height="68" rx="6" class="k"/>`)
      c.text(x + 10, y + 22, en ? h.label.en : h.label.zh, 'font-size="13"')
      c.text(x + 10, y + 52, formatValue(h.value, h.unit, locale), 'class="v"')
    })
    c.y += 8 + Math.ceil(m.headline.length / cols) * 78
  }

  const notGiven = (t: string) => c.paragraph(L(`表${t}未在原文中提供，相关数据不可得（不是零）。`, `Table ${t} is not given in the source: its figures are unknown, not zero.`))
  const flag = (s: 'applicants' | 'reviews' | 'table2') => {
    for (const f of m.problems[s] ?? []) c.paragraph(`⚠ ${en ? f.message.en : f.message.zh}`, 13)
  }

  c.heading(L('依申请公开', 'Applications'))
  if (!m.applicants || !m.outcomes) notGiven('三')
  else {
    flag('applicants')
    c.paragraph(L('申请人情况（本年新收）', 'Who applied (new this year)'), 13)
    c.y += 8
    c.bars(m.applicants, '件', locale)
    c.paragraph(L('办理结果', 'Outcomes'), 13)
    c.y += 8
    c.bars(m.outcomes.flatMap((g) => (g.items.length > 2 ? [{ label: g.label.zh, value: total(g.items) }] : g.items)), '件', locale, 2)
    if (m.balance) {
      const [i1, i2] = m.balance.inflow
      const [o1, o2] = m.balance.outflow
      const ok = i1.value + i2.value === o1.value + o2.value
      c.paragraph(
        L(
          `勾稽关系：本年新收${i1.value} + 上年结转${i2.value} ${ok ? '=' : '≠'} 本年办结${o1.value} + 结转下年${o2.value}`,
          `Balance: new ${i1.value} + carried over ${i2.value} ${ok ? '=' : '≠'} handled ${o1.value} + carried forward ${o2.value}`,
        ),
        14,
      )
    }
  }

  c.heading(L('行政复议和行政诉讼', 'Reconsideration and litigation'))
  if (!m.reviews) notGiven('四')
  else {
    flag('reviews')
    const l = stackLayout(m.reviews, { width: W - 2 * PAD, labelWidth: 150 })
    const top = c.y + 4
    for (const row of l.rows) {
      c.text(PAD + l.labelWidth - 6, top + row.y + 15, row.label, 'text-anchor="end"')
      for (const s of row.segments) if (s.width > 0) c.out.push(`<rect x="${r(PAD + s.x)}" y="${r(top + row.y)}" width="${r(s.width)}" height="22" fill="${seriesColor(s.series)}" class="s${s.series}"/>`)
      c.text(PAD + (row.segments.at(-1)!.x + row.segments.at(-1)!.width) + 4, top + row.y + 15, formatValue(row.total, '件', locale))
    }
    c.y = top + l.height
    const series = m.reviews[0]!.parts
    series.forEach((p, i) => {
      const x = PAD + i * 170
      c.out.push(`<rect x="${x}" y="${r(c.y + 6)}" width="12" height="12" fill="${seriesColor(i)}" class="s${i}"/>`)
      c.text(x + 18, c.y + 17, p.label, 'font-size="13"')
    })
    c.y += 24
  }

  c.heading(L('主动公开', 'Proactive disclosure'))
  if (m.channels) {
    c.paragraph(L('公开渠道（正文所述）', 'Channels (as stated in the text)'), 13)
    c.y += 8
    c.bars(m.channels, '条', locale, 4)
  }
  if (!m.table2) notGiven('二')
  else {
    flag('table2')
    for (const p of m.table2) {
      c.paragraph(p.title, 13)
      c.y += 8
      c.bars(p.data, p.unit, locale, 1)
    }
  }

  c.y += 30
  c.text(PAD, c.y, L(`来源：${doc.agency.name}${doc.year}年政府信息公开工作年度报告`, `Source: ${doc.agency.name}, annual report ${doc.year}`), 'font-size="12"')
  const height = Math.ceil(c.y + PAD)
  // Patterns are not needed here: every bar has a direct label, and colour is only a cue.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="t d" lang="${en ? 'en' : 'zh-CN'}">
<title id="t">${esc(doc.title)}</title><desc id="d">${esc(summary)}</desc>
<style>text{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;fill:#1a1a1a}.t{font-size:22px;font-weight:700}.h{font-size:18px;font-weight:700}.v{font-size:22px;font-weight:700}.k{fill:#f4f4f4;stroke:#bbb}</style>
<rect width="100%" height="100%" fill="#fff"/>
${c.out.join('\n')}
</svg>
`
}
