// Reader budgets, measured in Debian's Chromium against the production build served by the Node
// entry (its built files precompressed with Brotli and gzip; other responses gzipped). Run: pnpm bench:reader
//   1. compressed bytes of JS + CSS (Brotli: Chromium accepts it) on the first load of a report page (no service worker yet);
//   2. every byte over the wire for that cold report view, and for a second report opened in-app;
//   3. time to show a saved report with the network off (median of 5).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { must } from '../must.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const PORT = Number(process.env.BENCH_PORT ?? 8793)
const BASE = `http://127.0.0.1:${PORT}`
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function meter(page: Page) {
  const rows: Array<{ url: string; type: string; bytes: number }> = []
  page.on('requestfinished', async (req) => {
    const sizes = await req.sizes()
    rows.push({ url: req.url(), type: req.resourceType(), bytes: sizes.responseBodySize + sizes.responseHeadersSize })
  })
  return {
    reset: () => rows.splice(0),
    total: () => rows.reduce((s, r) => s + r.bytes, 0),
    jsCss: () => rows.filter((r) => r.type === 'script' || r.type === 'stylesheet').reduce((s, r) => s + r.bytes, 0),
    rows,
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-budget-'))
const server = spawn(process.execPath, [join(ROOT, 'apps/api/dist/cli.js'), 'serve'], {
  env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, DATABASE_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise<void>((ok) =>
  must(server.stdout, 'server output').on('data', (d: Buffer) => d.toString().includes('/api/health') && ok()),
)
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ARGS })
try {
  const list = (await (await fetch(`${BASE}/api/reports?agency=demo-990000`)).json()) as { items: Array<{ id: string; year: number }> }
  const first = must(list.items[0], 'first report of demo-990000')
  const second = must(list.items[1], 'second report of demo-990000')

  // Cold: a new profile, no service worker, straight to a report.
  const cold = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 780 } })
  const page = await cold.newPage()
  const m = meter(page)
  await page.goto(`${BASE}/reports/${first.id}`)
  await page.locator('article h1').waitFor()
  await page.waitForLoadState('networkidle')
  const coldJsCss = m.jsCss()
  const coldTotal = m.total()
  const coldRows = [...m.rows]

  // A second report, opened in the app: the agency page is loaded first and not counted.
  await page.getByRole('link', { name: '该机关其他年度' }).click()
  await page.locator('.report-list a').first().waitFor()
  await page.waitForLoadState('networkidle')
  m.reset()
  await page.getByRole('link', { name: `${second.year}年度` }).click()
  await page.locator('article h1').waitFor()
  await page.waitForLoadState('networkidle')
  const secondTotal = m.total()
  const secondRows = [...m.rows]
  await cold.close()

  // Offline: save a report, cut the network, open it again.
  const ctx = await browser.newContext({ viewport: { width: 360, height: 780 } })
  const p2 = await ctx.newPage()
  await p2.goto(`${BASE}/reports/${first.id}`)
  await p2.evaluate(() => navigator.serviceWorker.ready)
  await p2.reload()
  await p2.getByRole('button', { name: '保存到本机' }).click()
  await p2.getByRole('button', { name: '已保存（更新）' }).waitFor()
  await ctx.setOffline(true)
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    await p2.goto(`${BASE}/reports/${first.id}`)
    await p2.locator('article h1').waitFor()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  await ctx.close()

  // The pages across reports: what each cold visit adds to the shell, code and data apart.
  const shellCtx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 780 } })
  const shellPage = await shellCtx.newPage()
  const sm = meter(shellPage)
  await shellPage.goto(`${BASE}/no-such-page`)
  await shellPage.locator('h1').waitFor()
  await shellPage.waitForLoadState('networkidle')
  const shell = new Set(sm.rows.filter((r) => r.type !== 'document').map((r) => r.url))
  await shellCtx.close()
  const across: Array<{ path: string; ready: string }> = [
    { path: '/stats?metric=applications_new&year=2022', ready: 'table.ranking tbody tr' },
    { path: `/compare?reports=${first.id},${second.id}`, ready: '.compare-list li' },
    { path: '/compliance?year=2022', ready: 'table.board-table tbody tr' },
    { path: '/regions/990000?year=2022', ready: 'h1' },
  ]
  const added: Array<{ path: string; code: number; data: number; rows: typeof coldRows }> = []
  for (const { path, ready } of across) {
    const ctx2 = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 780 } })
    const pg = await ctx2.newPage()
    const pm = meter(pg)
    await pg.goto(`${BASE}${path}`)
    await pg.locator(ready).first().waitFor()
    await pg.waitForLoadState('networkidle')
    const own = pm.rows.filter((r) => r.type !== 'document' && !shell.has(r.url))
    const isData = (r: { url: string }) => new URL(r.url).pathname.startsWith('/api/')
    added.push({
      path,
      code: own.filter((r) => !isData(r)).reduce((t, r) => t + r.bytes, 0),
      data: own.filter(isData).reduce((t, r) => t + r.bytes, 0),
      rows: own,
    })
    await ctx2.close()
  }

  console.log('| measure | result | target |\n|---|---|---|')
  console.log(`| JS + CSS on the first load of a report page (compressed, with headers) | ${kb(coldJsCss)} | — |`)
  console.log(`| everything over the wire for a cold report view | ${kb(coldTotal)} | ≤ 60 KB |`)
  console.log(`| everything over the wire for a second report, opened in-app | ${kb(secondTotal)} | ≤ 10 KB |`)
  console.log(`| time to show a saved report offline (median of 5, full page load) | ${(times[2] ?? Number.NaN).toFixed(0)} ms | — |`)
  for (const a of added) {
    const page = a.path.replace(/\?.*/, '').replace(/\/regions\/.*/, '/regions/:code')
    console.log(
      `| a cold visit of ${page} adds to the shell: code + styles ${kb(a.code)}, API answers ${kb(a.data)} | ${kb(a.code + a.data)} | ≤ 15 KB |`,
    )
  }
  console.log('\ncold view, by request:')
  for (const r of coldRows.sort((a, b) => b.bytes - a.bytes))
    console.log(`  ${kb(r.bytes).padStart(9)}  ${r.type.padEnd(10)} ${r.url.replace(BASE, '')}`)
  console.log('second report, by request:')
  for (const r of secondRows) console.log(`  ${kb(r.bytes).padStart(9)}  ${r.type.padEnd(10)} ${r.url.replace(BASE, '')}`)
  for (const a of added) {
    console.log(`${a.path}, added to the shell, by request:`)
    for (const r of a.rows.sort((x, y) => y.bytes - x.bytes))
      console.log(`  ${kb(r.bytes).padStart(9)}  ${r.type.padEnd(10)} ${r.url.replace(BASE, '')}`)
  }
} finally {
  await browser.close()
  server.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
