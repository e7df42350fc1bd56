import { resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { signIn, uploadForImport } from '../support/admin.ts'
import { expectNoAxeViolations } from '../support/axe.ts'
import { correctReviewCount, fixByKeyboard, pasteUnbalancedTables, publishFirst } from '../support/journey.ts'

const SEED = resolve(import.meta.dirname, '../../packages/importer/fixtures/seed-hangzhou-spb-2020.txt')

test('import, fill, find the error, fix, publish, correct: the reader follows every step', async ({ page, browser }) => {
  test.setTimeout(120_000)
  await signIn(page, 'admin', process.env.GK_ADMIN_PASSWORD!)
  await expectNoAxeViolations(page)

  // 1. Import the seed for a sample agency that has no 2020 report.
  await uploadForImport(page, '示例市示例区人民政府', SEED)
  // The seed names 杭州市行政审批服务管理办公室: said before a draft is made, then confirmed.
  // Reading a file is the slowest step on a loaded machine (the clerk's journey waits as long).
  await expect(page.getByRole('heading', { name: /请先核对/ })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('alert').filter({ hasText: '杭州市行政审批服务管理办公室' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: /仍然导入/ }).click()
  await expect(page.getByRole('heading', { name: /读取情况/ })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByText(/原文未提供表三/)).toBeVisible()
  await expect(page.locator('.source').first()).toContainText('主动公开信息共7118条')
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: /打开草稿/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: '示例市示例区人民政府 · 2020' })).toBeVisible()
  const reportId = page.url().split('/').pop()!

  // 2. Fill in the tables from a spreadsheet; one column does not balance.
  const bal = await pasteUnbalancedTables(page)
  for (const id of ['new|natural', 'carried_in|natural', 'total|natural', 'carried_out|natural']) {
    await expect(page.locator(`td:has([data-cell="三:${id}"])`)).toHaveClass(/te-cell--error/)
  }
  await expect(page.locator('td:has([data-cell="三:new|commercial"])')).not.toHaveClass(/te-cell--error/)
  // Clicking the finding jumps to its cell.
  await bal.first().getByRole('button').click()
  await expect(page.locator('[data-cell^="三:"][data-cell$="|natural"]:focus')).toHaveCount(1)
  await expectNoAxeViolations(page)

  // 3. Fix it by keyboard, and publish (table 二 is missing: a warning to acknowledge).
  await fixByKeyboard(page)
  await page.getByRole('tab', { name: /正文/ }).click()
  await expect(page.getByLabel('一、总体情况')).toHaveValue(/主动公开信息共7118条/)
  await expectNoAxeViolations(page)
  await page.getByRole('tab', { name: /关键数字/ }).click()
  await expect(page.getByRole('table').getByRole('textbox').first()).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('tab', { name: /预览/ }).click()
  await expect(page.getByTestId('preview').locator('#table-三 table')).toBeVisible()
  await expectNoAxeViolations(page)
  await publishFirst(page, '表二原文缺失；正文申请数为网络申请口径。')
  await expectNoAxeViolations(page)

  const reader = await browser.newPage({ viewport: { width: 360, height: 780 } })
  await reader.goto(`/reports/${reportId}`)
  await expect(reader.locator('[data-cell="三:new|total"]')).toHaveText('7')
  await expect(reader.locator('#part-2')).toContainText('未在原文中提供')

  // 4. Correct one cell with a reason; the reader shows the new revision and its diff.
  await correctReviewCount(page)

  await reader.reload()
  await expect(reader.locator('.revision-line')).toContainText('第 2 版')
  const latest = reader.locator('.history li').first()
  await expect(latest).toContainText('更正')
  await expect(latest).toContainText('行政复议结果维持的件数录入有误')
  await latest.getByText('查看此次更改').click()
  await expect(latest.locator('.diff li')).toHaveCount(2)
  await expect(latest.locator('.diff li').first()).toContainText('1 → 2')

  // 5. An editor of another agency can neither see nor change it, in the UI or the API.
  await page.getByRole('navigation').getByRole('link', { name: /用户/ }).click()
  await expectNoAxeViolations(page)
  await page.getByLabel(/^用户名/).fill('other-editor')
  await page.getByLabel(/^姓名/).fill('他人')
  await page.getByLabel(/^初始密码/).fill('another long password')
  await page.getByLabel(/^机关/).selectOption({ label: '杭州市人民政府' })
  await page.getByRole('button', { name: /^添加/ }).click()
  await expect(page.getByRole('status')).toContainText('other-editor')
  await page.getByRole('navigation').getByRole('link', { name: /机关/ }).click()
  await expectNoAxeViolations(page)

  const other = await browser.newContext()
  const op = await other.newPage()
  await signIn(op, 'other-editor', 'another long password')
  await expect(op.getByRole('link', { name: /示例市示例区人民政府2020/ })).toHaveCount(0)
  await op.goto(`/admin/reports/${reportId}`)
  await expect(op.getByRole('alert')).toContainText('无权')
  const csrf = (await (await op.request.get('/api/auth/me')).json()).csrfToken
  expect((await op.request.get(`/api/admin/reports/${reportId}`)).status()).toBe(403)
  const put = await op.request.put(`/api/admin/reports/${reportId}/draft`, {
    data: { version: 99, document: {} },
    headers: { 'X-CSRF-Token': csrf },
  })
  expect(put.status()).toBe(403)
  await other.close()
  await reader.close()
})
