import { importText } from '@gongkai/importer'
import { sampleReports } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import seedText from '../../importer/fixtures/seed-hangzhou-spb-2020.txt?raw'
import { textWidth } from '@gongkai/charts/text'
import { infographicSvg } from './svg.ts'

describe('standalone infographic SVG', () => {
  it('stays within 20 KB for every sample report and names itself for screen readers', () => {
    const all = sampleReports()
    for (const [i, s] of all.entries()) {
      const previous = all[i - 1]?.agency.code === s.agency.code ? all[i - 1]!.document : undefined
      const svg = infographicSvg(s.document, previous ? { previous } : {})
      expect(new TextEncoder().encode(svg).length, s.document.title).toBeLessThanOrEqual(20 * 1024)
      expect(svg).toContain('role="img" aria-labelledby="t d"')
      expect(svg).toContain(`<title id="t">${s.document.title}</title>`)
    }
  })

  it('says the seed’s tables are not given, and draws its channels', () => {
    const svg = infographicSvg(importText(seedText).document)
    const drawn = svg.slice(svg.indexOf('</desc>'))
    for (const t of ['二', '三', '四']) expect(drawn).toContain(`表${t}未在原文中提供，相关数据不可得（不是零）。`)
    expect(svg).toContain('6,306条')
    expect(svg).not.toMatch(/>0件</)
  })

  it('is all English in English, but for the report’s title and the agency’s name', () => {
    const all = sampleReports()
    const doc = all.find((s) => s.agency.code === 'demo-990100-amr' && s.document.year === 2021)!.document
    const svg = infographicSvg(doc, { locale: 'en' })
    const lines = [...svg.slice(svg.indexOf('</desc>')).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!)
    // The title (drawn over two lines) and the agency's name are the report's own words.
    const drawn = lines
      .filter((l) => !doc.title.includes(l))
      .join('\n')
      .split(doc.agency.name)
      .join('')
    expect(drawn).not.toMatch(/[\u3400-\u9fff，：（）]/)
    expect(drawn).toContain('Outcomes')
    // English wraps between words.
    expect(drawn).not.toMatch(/inform<\/text>/)
    // Long labels wrap inside the picture instead of running off its left edge.
    for (const m of svg.matchAll(/<text x="(-?[\d.]+)"[^>]*text-anchor="end"[^>]*>([^<]*)</g)) {
      expect(Number(m[1]) - textWidth(m[2]!, 14)).toBeGreaterThanOrEqual(-1)
    }
  })

  it('escapes the text it draws', () => {
    const doc = structuredClone(sampleReports()[0]!.document)
    doc.title = '<script>alert(1)</script>报告'
    const svg = infographicSvg(doc)
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
  })
})
