import { formatDatum, formatNumber, formatValue, type Locale } from '@gongkai/charts/format'
import { barLayout, legendLayout, stackLayout, type Datum } from '@gongkai/charts/layout'
import { seriesColor } from '@gongkai/charts/palette'
import { wrapText } from '@gongkai/charts/text'
import { TABLE_NAMES, escapeXml, unitName, type ReportDocument, type TableId } from '@gongkai/schema'
import { datum, infographicModel, total, type ModelOptions } from './figures.ts'
import { plainSummary } from './summary.ts'
import { TU, say } from './titles.ts'

// The 图解 as one standalone SVG file, for sharing and printing: the same model and summary as
// the interactive view, drawn with the same layout math, in a few kilobytes. No Vue, no DOM.

const W = 720
const PAD = 24

const r = (n: number) => Math.round(n * 10) / 10

class Canvas {
  out: string[] = []
  y = PAD
  text(x: number, y: number, s: string, attrs = '') {
    this.out.push(`<text x="${r(x)}" y="${r(y)}"${attrs ? ' ' + attrs : ''}>${escapeXml(s)}</text>`)
  }
  heading(s: string) {
    this.y += 30
    this.text(PAD, this.y, s, 'class="h"')
    this.y += 10
  }
  paragraph(s: string, size = 15) {
    // Chinese breaks between characters, English between words (never "inform / ation").
    for (const line of wrapText(s, W - 2 * PAD, size, 100).lines) {
      this.y += size + 7
      this.text(PAD, this.y, line, size === 15 ? '' : `font-size="${size}"`)
    }
  }
  lines(x: number, y: number, lines: readonly string[], lineHeight: number, attrs = '') {
    lines.forEach((line, i) => this.text(x, y + i * lineHeight, line, attrs))
  }
  bars(data: readonly Datum[], unit: string, locale: Locale, color = 0) {
    const values = data.map((d) => formatDatum(d, unit, locale))
    // The same layout as the charts on the page, at this file's text size (14 px).
    const l = barLayout(data, {
      width: W - 2 * PAD,
      fontSize: 14,
      barHeight: 18,
      gap: 8,
      maxLabelWidth: 260,
      values,
      tickFormat: (n) => formatNumber(n, locale),
    })
    const top = this.y - 6
    for (const b of l.bars) {
      this.lines(PAD + b.labelX, top + b.labelY, b.lines, l.lineHeight, b.labelAnchor === 'end' ? 'text-anchor="end"' : '')
      if (b.value !== null)
        this.out.push(
          `<rect x="${r(PAD + b.x)}" y="${r(top + b.y)}" width="${r(b.width)}" height="${b.height}" fill="${seriesColor(color)}"/>`,
        )
      this.lines(PAD + b.valueX, top + b.valueY, b.valueLines, l.lineHeight)
    }
    this.y = top + l.height + 4
  }
}

export function infographicSvg(doc: ReportDocument, opts: ModelOptions & { locale?: Locale } = {}): string {
  const { locale = 'zh-CN', ...modelOptions } = opts
  const en = locale === 'en'
  const L = (text: { zh: string; en: string }) => say(text, locale)
  const unit = (u: string) => unitName(u, locale)
  const m = infographicModel(doc, modelOptions)
  const summary = plainSummary(doc, m, locale)
  const c = new Canvas()
  const data = (figures: Parameters<typeof datum>[0][]) => figures.map((f) => datum(f, locale))

  for (const line of wrapText(doc.title, W - 2 * PAD, 22, 4).lines) {
    c.y += 30
    c.text(PAD, c.y, line, 'class="t"')
  }
  c.y += 8
  c.text(PAD, (c.y += 18), L(TU.kind), 'font-size="13"')
  c.heading(L(TU.summary))
  c.paragraph(summary)

  if (m.headline.length) {
    c.heading(L(TU.headline))
    const cols = 3
    const tw = (W - 2 * PAD - (cols - 1) * 10) / cols
    m.headline.forEach((h, i) => {
      const x = PAD + (i % cols) * (tw + 10)
      const y = c.y + 8 + Math.floor(i / cols) * 78
      c.out.push(`<rect x="${r(x)}" y="${r(y)}" width="${r(tw)}" height="68" rx="6" class="k"/>`)
      c.text(x + 10, y + 22, L(h.label), 'font-size="13"')
      c.text(x + 10, y + 52, formatValue(h.value, unit(h.unit), locale), 'class="v"')
    })
    c.y += 8 + Math.ceil(m.headline.length / cols) * 78
  }

  const notGiven = (t: TableId) =>
    c.paragraph(
      L({
        zh: `表${t}未在原文中提供，相关数据不可得（不是零）。`,
        en: `Table ${TABLE_NAMES[t].number} is not given in the source: its figures are unknown, not zero.`,
      }),
    )
  const flag = (s: 'applicants' | 'reviews' | 'table2') => {
    for (const f of m.problems[s] ?? []) c.paragraph(`⚠ ${en ? f.message.en : f.message.zh}`, 13)
  }

  c.heading(L(TU.applications))
  if (!m.applicants || !m.outcomes) notGiven('三')
  else {
    flag('applicants')
    c.paragraph(L(TU.applicants), 13)
    c.y += 8
    c.bars(data(m.applicants), unit('件'), locale)
    c.paragraph(L(TU.outcomes), 13)
    c.y += 8
    c.bars(
      m.outcomes.flatMap((g) => (g.items.length > 2 ? [{ label: L(g.label), value: total(g.items) }] : data(g.items))),
      unit('件'),
      locale,
      2,
    )
    if (m.balance) {
      const [i1, i2] = m.balance.inflow
      const [o1, o2] = m.balance.outflow
      const ok = i1.value + i2.value === o1.value + o2.value
      const v = (x: number) => formatNumber(x, locale)
      c.paragraph(
        L({
          zh: `勾稽关系：本年新收${v(i1.value)} + 上年结转${v(i2.value)} ${ok ? '=' : '≠'} 本年办结${v(o1.value)} + 结转下年${v(o2.value)}`,
          en: `Balance: new ${v(i1.value)} + carried over ${v(i2.value)} ${ok ? '=' : '≠'} handled ${v(o1.value)} + carried forward ${v(o2.value)}`,
        }),
        14,
      )
    }
  }

  c.heading(L(TU.reviews))
  if (!m.reviews) notGiven('四')
  else {
    flag('reviews')
    const rows = m.reviews.map((row) => ({ label: L(row.label), parts: data(row.parts) }))
    const totals = rows.map((row) =>
      formatValue(
        row.parts.reduce((s, p) => s + (p.value ?? 0), 0),
        unit('件'),
        locale,
      ),
    )
    const l = stackLayout(rows, { width: W - 2 * PAD, fontSize: 14, labelWidth: 200, totals })
    const top = c.y + 4
    l.rows.forEach((row) => {
      c.lines(PAD + row.labelX, top + row.labelY, row.lines, l.lineHeight, row.labelAnchor === 'end' ? 'text-anchor="end"' : '')
      for (const s of row.segments)
        if (s.width > 0)
          c.out.push(
            `<rect x="${r(PAD + s.x)}" y="${r(top + row.y)}" width="${r(s.width)}" height="${row.barHeight}" fill="${seriesColor(s.series)}" class="s${s.series}"/>`,
          )
      c.text(PAD + row.totalX, top + row.y + row.barHeight / 2 + 5, row.totalText)
    })
    c.y = top + l.height
    // The rows share their parts (the four outcomes): the first names them for all.
    const legend = legendLayout(rows[0]?.parts.map((p) => p.label) ?? [], { width: W - 2 * PAD, fontSize: 13, columns: 4 })
    for (const item of legend.items) {
      const x = PAD + item.x
      const y = c.y + 6 + item.y
      c.out.push(`<rect x="${r(x)}" y="${r(y)}" width="12" height="12" fill="${seriesColor(item.index)}" class="s${item.index}"/>`)
      c.lines(x + 18, y + 11, item.lines, legend.lineHeight, 'font-size="13"')
    }
    c.y += 6 + legend.height
  }

  c.heading(L(TU.proactive))
  if (m.channels) {
    c.paragraph(L(TU.channels), 13)
    c.y += 8
    c.bars(data(m.channels), unit('条'), locale, 4)
  }
  if (!m.table2) notGiven('二')
  else {
    flag('table2')
    for (const p of m.table2) {
      c.paragraph(L(p.title), 13)
      c.y += 8
      c.bars(data(p.data), L(p.unit), locale, 1)
    }
  }

  c.y += 30
  c.text(
    PAD,
    c.y,
    L({ zh: `来源：${doc.agency.name}${doc.year}年政府信息公开工作年度报告`, en: `Source: ${doc.agency.name}, annual report ${doc.year}` }),
    'font-size="12"',
  )
  const height = Math.ceil(c.y + PAD)
  // Patterns are not needed here: every bar has a direct label, and colour is only a cue.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="t d" lang="${en ? 'en' : 'zh-CN'}">
<title id="t">${escapeXml(doc.title)}</title><desc id="d">${escapeXml(summary)}</desc>
<style>text{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;fill:#1a1a1a}.t{font-size:22px;font-weight:700}.h{font-size:18px;font-weight:700}.v{font-size:22px;font-weight:700}.k{fill:#f4f4f4;stroke:#bbb}</style>
<rect width="100%" height="100%" fill="#fff"/>
${c.out.join('\n')}
</svg>
`
}

export { infographicFileName } from './titles.ts'
