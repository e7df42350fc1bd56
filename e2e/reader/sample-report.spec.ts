import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'
import { openReport } from '../support/find.ts'

test('a sample report shows its tables in the official layout, the checks and the downloads', async ({ page }) => {
  await openReport(page, '示例市市场监督管理局', /示例市市场监督管理局2021年/)
  await expect(page.getByRole('heading', { level: 1, name: /示例市市场监督管理局2021年/ })).toBeVisible()

  // The checks ran against the 2020 report too, and passed.
  await expect(page.locator('.gk-badge summary')).toHaveText(/全部核对通过/)

  // Table 三 in the official layout, scrollable sideways inside its own region on a phone.
  const t3 = page.getByRole('region', { name: '表三' })
  await expect(t3.getByRole('columnheader', { name: '法人或其他组织' })).toBeVisible()
  await expect(t3.getByRole('rowheader', { name: '一、本年新收政府信息公开申请数量' })).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)

  // A city department cannot enact 规章: its row is "/", which reads as not applicable, not as 0.
  const rules = page.locator('[data-cell="二:art20_1.rules|issued"]')
  await expect(rules).toHaveText('/')
  await expect(rules).toHaveClass(/gk-cell--na/)
  const zero = page.locator('.gk-cell--zero').first()
  await expect(zero).toHaveText('0')

  // Keyboard users can reach the scrollable table.
  await t3.focus()
  await expect(t3).toBeFocused()

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: '表格（CSV，官方格式）' }).click()
  expect((await download).suggestedFilename()).toBe('gongkai-demo-990100-amr-2021-v1.csv')

  await expect(page.getByRole('heading', { name: '修订记录' })).toBeVisible()
  await expect(page.locator('.history li')).toHaveCount(1)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'artifacts/reader-sample-phone.png', fullPage: true })
})

test('a shared link to a table opens the report scrolled to that table', async ({ page }) => {
  await openReport(page, '示例市市场监督管理局', /示例市市场监督管理局2021年/)
  const url = new URL(page.url())
  // A fresh page load, as when the link arrives in a chat: the report loads, then the table shows.
  await page.goto(`${url.pathname}#table-三`)
  const table = page.locator('[id="table-三"]')
  await expect(table).toBeInViewport()
  await expect(page.getByRole('heading', { level: 1 })).not.toBeInViewport()
})
