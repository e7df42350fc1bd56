// Importer throughput, reports per second on one core, per format. Target: ≥ 20/s for HTML and
// text. Run: pnpm bench:importer
import { readFileSync } from 'node:fs'
import { importReport } from '../packages/importer/src/index.ts'
import { sampleReports } from '../packages/schema/src/index.ts'
import { importText } from '../packages/importer/src/text.ts'
import { reportDocx, reportHtml, reportMarkdown, unembeddedFontPdf } from '../packages/importer/test/fixtures.ts'
import { must } from './must.ts'

const seed = readFileSync(new URL('../packages/importer/fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')
const docs = sampleReports().map((s) => s.document)
const pdf = (name: string) => new Uint8Array(readFileSync(new URL(`../packages/importer/fixtures/${name}`, import.meta.url)))
const corpus = (dir: string, name: string) =>
  new Uint8Array(readFileSync(new URL(`../packages/importer/corpus/${dir}/${name}`, import.meta.url)))
const inputs: Record<string, Array<string | Uint8Array>> = {
  'real WPS PDF (洪泽区 2023 and 2024, 5 pages, ruled, table 三 over a page break)': [
    corpus('real', 'hongze-district-2023.pdf'),
    corpus('real', 'hongze-district-2024.pdf'),
  ],
  'Word-layout PDF printed by LibreOffice (corpus/generated, 4–5 pages)': [
    'sample-county-2022-ruled.pdf',
    'sample-town-2020-ruled.pdf',
    'sample-ecology-bureau-2019-borderless.pdf',
  ].map((f) => corpus('generated', f)),
  'real page text, cells run together (平潭 2022)': [corpus('real', 'pingtan-zone-2022.page.txt')],
  'PDF printed from a web page (2 pages, text layer)': [pdf('report-2021.pdf'), pdf('report-2019.pdf')],
  'PDF from Word, Chinese font not embedded (the seed, 3 pages)': [unembeddedFontPdf(importText(seed).document)],
  'DOCX (complete report with three tables)': await Promise.all(docs.slice(0, 6).map((d) => reportDocx(d))),
  'text (the seed, 10 KB)': [seed],
  'HTML (complete report with three tables, ~40 KB)': docs.map((d) => reportHtml(d)),
  'HTML, Traditional characters': docs
    .slice(0, 4)
    .map((d) => reportHtml(d))
    .map((h) => h.replace(/报告/g, '報告').replace(/申请/g, '申請')),
  'Markdown pipe tables (complete report with three tables)': docs.map((d) => reportMarkdown(d)),
}

console.log('| input | reports | per second | ms per report |\n|---|---|---|---|')
for (const [name, list] of Object.entries(inputs)) {
  const agency = must(docs[0], 'sample report').agency
  for (const x of list.slice(0, 3)) await importReport(x, { agency, year: 2021 }) // warm up
  const n = Math.max(40, list.length * 4)
  const t = performance.now()
  for (let i = 0; i < n; i++) await importReport(must(list[i % list.length], 'document'), { agency, year: 2021 })
  const ms = (performance.now() - t) / n
  console.log(`| ${name} | ${n} | ${(1000 / ms).toFixed(0)} | ${ms.toFixed(1)} |`)
}
