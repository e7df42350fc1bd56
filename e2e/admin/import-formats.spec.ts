import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { signIn, uploadForImport } from '../support/admin.ts'
import { encodeLegacy } from '../../packages/importer/test/fixtures.ts'
import { sampleReports } from '../../packages/schema/src/index.ts'

// The production server reads PDFs with pdf.js from its own bundle: this catches a build that
// cannot load pdf.js (its worker and polyfills) even though the importer's own tests pass.
const PDF = resolve(import.meta.dirname, '../../packages/importer/fixtures/report-2021.pdf')
const SOURCE = sampleReports().find((s) => s.agency.code === 'demo-990100-amr' && s.document.year === 2021)!.document

test('a PDF report imports through the built server with the cells of tables 三 and 四 as printed', async ({ page }) => {
  await signIn(page)
  // An agency with no 2021 report yet, so the import makes a new draft.
  // The PDF is another agency's report: the import says so first, and goes on once confirmed.
  await uploadForImport(page, '示例市示例区示例街道办事处', PDF, { confirmMismatch: true })

  await expect(page.getByRole('heading', { name: /读取情况/ })).toBeVisible({ timeout: 60_000 })
  // The PDF itself is drawn beside what was read.
  await expect(page.getByRole('img', { name: /原文第 1 页/ })).toBeVisible()
  await expect(page.locator('.problem--error').filter({ hasText: '示例市市场监督管理局' })).toHaveCount(1)
  await expect(page.locator('.problem--error').filter({ hasNotText: '示例市市场监督管理局' })).toHaveCount(0)
  await page.getByRole('link', { name: /打开草稿/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: '示例市示例区示例街道办事处 · 2021' })).toBeVisible()

  let checked = 0
  for (const table of ['三', '四'] as const) {
    for (const [id, cell] of Object.entries(SOURCE.tables[table].cells)) {
      if (cell.state !== 'value') continue
      await expect(page.locator(`[data-cell="${table}:${id}"]`), `${table}:${id}`).toHaveValue(String(cell.value))
      checked++
    }
  }
  expect(checked).toBeGreaterThan(50)
})

test('a report saved in GBK, as older CMSs serve it, imports and shows its source legibly', async ({ page }) => {
  const seed = readFileSync(resolve(import.meta.dirname, '../../packages/importer/fixtures/seed-hangzhou-spb-2020.txt'), 'utf8')
  const file = join(mkdtempSync(join(tmpdir(), 'gongkai-gbk-')), 'report-2020-gbk.txt')
  writeFileSync(file, encodeLegacy(seed, 'gb18030'))

  await signIn(page)
  await uploadForImport(page, '示例市示例区示例街道办事处', file, { confirmMismatch: true })

  await expect(page.getByText(/原文编码为 GB18030/)).toBeVisible()
  await expect(page.getByRole('region', { name: /原文 Source/ }).locator('pre')).toContainText('主动公开信息共7118条')
  await expect(page.getByRole('region', { name: /读取结果/ })).toContainText('杭州市审管办2020年政府信息公开工作年度报告')
})

const CORPUS = resolve(import.meta.dirname, '../../packages/importer/corpus/real')

test('a real WPS PDF reads completely, and the page is drawn beside the tables with the chosen cell outlined', async ({ page }) => {
  await signIn(page)
  await uploadForImport(page, '示例市示例区人民政府', join(CORPUS, 'hongze-district-2023.pdf'), { confirmMismatch: true })
  await expect(page.getByRole('heading', { name: /读取情况/ })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('img', { name: /原文第 1 页/ })).toBeVisible()
  await expect(page.locator('.rt-cell--unread')).toHaveCount(0)
  // 21 applications from natural persons, printed on page 3.
  const cell = page.locator('[data-read="三:new|natural"]')
  await expect(cell).toHaveText('21')
  await cell.click()
  await expect(page.getByRole('img', { name: /原文第 3 页/ })).toBeVisible()
  const mark = page.getByTestId('source-mark')
  await expect(mark).toBeVisible()
  const sheet = await page.locator('.pdf-page__sheet').boundingBox()
  const box = await mark.boundingBox()
  expect(box!.x).toBeGreaterThan(sheet!.x)
  expect(box!.x + box!.width).toBeLessThan(sheet!.x + sheet!.width)
  expect(box!.y).toBeGreaterThan(sheet!.y + sheet!.height / 2)
  await expect(page.getByText(/无法显示此页/)).toHaveCount(0)
})

test('a partial excerpt: the cells it lacks are unread in the draft, and publishing waits for them', async ({ page }) => {
  await signIn(page)
  await uploadForImport(page, '示例市人民政府', join(CORPUS, 'suqian-city-2025.converted.partial.md'), { confirmMismatch: true })
  await expect(page.getByText(/表三只读出了一部分/)).toBeVisible()
  await expect(page.locator('[data-read="三:new|total"]')).toHaveText('3830')
  await expect(page.locator('[data-read="三:carried_in|total"]')).toHaveText('未读取')
  await page.getByRole('link', { name: /打开草稿/ }).click()
  await expect(page.locator('[data-cell="三:carried_in|natural"]')).toHaveAttribute('placeholder', '未读取')
  await expect(page.locator('td:has([data-cell="三:carried_in|natural"])')).toHaveClass(/te-cell--unread/)
  await expect(page.locator('.finding--error', { hasText: 'UNREAD' }).first()).toBeVisible()
  // Filled in, the cell is no longer unread.
  const cell = page.locator('[data-cell="三:carried_in|natural"]')
  await cell.fill('0')
  await cell.press('Enter')
  await expect(page.locator('td:has([data-cell="三:carried_in|natural"])')).not.toHaveClass(/te-cell--unread/)
})
