// Size of the standalone 图解 SVG per report (target ≤ 20 KB). Run: pnpm bench:svg
import { readFileSync } from 'node:fs'
import { importText } from '../packages/importer/src/index.ts'
import { infographicSvg } from '../packages/report-view/src/svg.ts'
import { compareYears, sampleReports } from '../packages/schema/src/index.ts'

const rows: Array<[string, number, number]> = []
const all = sampleReports()
all.forEach((s, i) => {
  const before = all[i - 1]
  const prev = before?.agency.code === s.agency.code ? before.document : undefined
  const svg = infographicSvg(s.document, prev ? { yearOverYear: compareYears(prev, s.document) } : {})
  rows.push([s.document.title, Buffer.byteLength(svg), Buffer.byteLength(JSON.stringify(s.document))])
})
const seed = importText(readFileSync(new URL('../packages/importer/fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')).document
rows.push([`${seed.title} (seed)`, Buffer.byteLength(infographicSvg(seed)), Buffer.byteLength(JSON.stringify(seed))])
console.log('| report | SVG bytes | gzip-free JSON bytes |\n|---|---|---|')
for (const [t, b, j] of rows) console.log(`| ${t} | ${b.toLocaleString('en')} | ${j.toLocaleString('en')} |`)
console.log(`\nlargest SVG: ${Math.max(...rows.map((r) => r[1])).toLocaleString('en')} bytes`)
