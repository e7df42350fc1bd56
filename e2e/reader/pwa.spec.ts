import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, expect, test } from '@playwright/test'
import { openControlled } from '../support/pwa.ts'

const READER = resolve(dirname(fileURLToPath(import.meta.url)), '../../apps/reader')

test('Chromium finds nothing stopping installation', async ({ baseURL, launchOptions }) => {
  // Installation needs a real profile: the default test context is incognito.
  const profile = mkdtempSync(join(tmpdir(), 'gongkai-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    baseURL: baseURL!,
    viewport: { width: 360, height: 780 },
  })
  const page = context.pages()[0] ?? (await context.newPage())
  await openControlled(page)
  const cdp = await context.newCDPSession(page)
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
  expect(installabilityErrors).toEqual([])
  const manifest = await (await page.request.get('/manifest.webmanifest')).json()
  expect(manifest).toMatchObject({ lang: 'zh-CN', start_url: '/', display: 'standalone', theme_color: '#8b1a1a' })
  expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toEqual(expect.arrayContaining(['any', 'maskable']))
  await context.close()
  rmSync(profile, { recursive: true, force: true })
})

test('a new deploy shows the update prompt and reloads into it, with the old chunks gone', async ({ page }) => {
  test.setTimeout(120_000)
  await openControlled(page, '/')
  await expect(page.getByRole('heading', { name: '最近发布和更正' })).toBeVisible()
  await expect(page.getByTestId('build')).toHaveCount(0)

  // Build a second version (a changed asset) and deploy it over the served folder.
  const out = mkdtempSync(join(tmpdir(), 'gongkai-reader-v2-'))
  execFileSync('pnpm', ['exec', 'vite', 'build', '--outDir', out, '--emptyOutDir'], {
    cwd: READER,
    env: { ...process.env, VITE_BUILD_ID: 'v2' },
    stdio: 'ignore',
  })
  const served = process.env.GK_READER_DIR!
  for (const f of readdirSync(served)) rmSync(join(served, f), { recursive: true, force: true })
  cpSync(out, served, { recursive: true })
  rmSync(out, { recursive: true, force: true })

  // The page checks when it becomes visible again.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
  const toast = page.getByTestId('pwa-toast')
  await expect(toast).toContainText('有新版本可用', { timeout: 30_000 })
  await toast.getByRole('button', { name: '更新并刷新' }).click()
  await expect(page.getByTestId('build')).toHaveText('· v2', { timeout: 30_000 })
  await expect(page.getByRole('heading', { name: '最近发布和更正' })).toBeVisible()
  // And a report page (a lazy chunk of the new build) opens: no white screen.
  await page.locator('.report-list a').first().click()
  await expect(page.locator('article h1')).toBeVisible()
})
