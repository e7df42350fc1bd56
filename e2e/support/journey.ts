import { expect, type Locator, type Page } from '@playwright/test'
import { paste, rows3 } from './editor.ts'

// The steps of a clerk's journey through a draft that more than one spec walks (journey.spec.ts on
// the desktop, journey-clerk.spec.ts on a phone): each acts as the user does and waits for what
// the user would see.

/** Fill tables 三 and 四 from a spreadsheet, with table 三's 自然人 column off by one: its T3-BAL finding. */
export async function pasteUnbalancedTables(page: Page): Promise<Locator> {
  await paste(page, '三:new|natural', rows3(6, 8))
  await paste(page, '四:main|rv_upheld', [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].join('\t'))
  const balance = page.locator('.finding--error', { hasText: 'T3-BAL' })
  await expect(balance.first()).toContainText('自然人')
  return balance
}

/** Fix table 三 by keyboard (Enter moves down a column), until no error is left and the draft is saved. */
export async function fixByKeyboard(page: Page): Promise<void> {
  const cell = page.locator('[data-cell="三:new|natural"]')
  await cell.fill('5')
  await cell.press('Enter')
  await expect(page.locator('[data-cell="三:carried_in|natural"]')).toBeFocused()
  await page.locator('[data-cell="三:new|total"]').fill('7')
  await page.locator('[data-cell="三:new|total"]').press('Tab')
  await expect(page.locator('.finding--error')).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible()
}

/** Publish the first revision: the warnings need an acknowledgement before the button works. */
export async function publishFirst(page: Page, acknowledgement: string): Promise<void> {
  await page.getByRole('tab', { name: /发布/ }).click()
  await expect(page.getByText('✓ 无错误')).toBeVisible()
  await expect(page.getByRole('button', { name: /^发布/ })).toBeDisabled()
  await page.getByLabel(/确认说明/).fill(acknowledgement)
  await page.getByLabel(/^说明/).fill('首次发布')
  await page.getByRole('button', { name: /^发布/ }).click()
  await expect(page.getByRole('status').filter({ hasText: '已发布第 1 版' })).toBeVisible()
}

/** Correct table 四 (结果维持 1 → 2) with a reason, after previewing the two changed cells: revision 2. */
export async function correctReviewCount(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /表格/ }).click()
  await page.locator('[data-cell="四:main|rv_upheld"]').fill('2')
  await page.locator('[data-cell="四:main|rv_total"]').fill('2')
  await page.locator('[data-cell="四:main|rv_total"]').press('Tab')
  await page.getByRole('tab', { name: /发布/ }).click()
  await page.getByRole('button', { name: /预览公开的更改/ }).click()
  await expect(page.locator('.diff-preview li')).toHaveCount(2)
  await page.getByLabel(/更正原因/).fill('行政复议结果维持的件数录入有误')
  await page.getByLabel(/确认说明/).fill('同上')
  await page.getByRole('button', { name: /发布更正/ }).click()
  await expect(page.getByRole('status').filter({ hasText: '第 2 版' })).toBeVisible()
}
