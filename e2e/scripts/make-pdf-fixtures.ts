// Regenerates the importer's PDF fixtures from its own HTML fixtures, printed by Debian's
// Chromium (as agencies print their web pages to PDF). Run: pnpm --filter @gongkai/e2e exec tsx scripts/make-pdf-fixtures.ts
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { reportHtml } from '../../packages/importer/test/fixtures.ts'
import { sampleReports } from '../../packages/schema/src/index.ts'

const OUT = resolve(import.meta.dirname, '../../packages/importer/fixtures')
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
const page = await browser.newPage()
const samples = sampleReports()
const cases = [
  // A 2021 report with left-aligned cells, and a 2020 report (2019 layout) with centred cells.
  {
    name: 'report-2021',
    doc: samples.find((s) => s.agency.code === 'demo-990100-amr' && s.document.year === 2021)!.document,
    align: 'left',
  },
  { name: 'report-2019', doc: samples.find((s) => s.agency.code === 'demo-990000' && s.document.year === 2020)!.document, align: 'center' },
]
for (const c of cases) {
  const style = `<style>body{font-family:"Noto Sans CJK SC";font-size:10px}table{border-collapse:collapse}td{border:1px solid #000;padding:2px;text-align:${c.align}}.nav,.footer{display:none}</style>`
  await page.setContent(reportHtml(c.doc).replace('<head>', `<head>${style}`))
  writeFileSync(
    resolve(OUT, `${c.name}.pdf`),
    await page.pdf({ format: 'A4', margin: { top: '10mm', bottom: '10mm', left: '10mm', right: '10mm' } }),
  )
}
await browser.close()
