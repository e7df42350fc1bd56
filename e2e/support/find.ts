import { expect, type Page } from '@playwright/test'

/** Find a report through the reader's own search and open it. */
export async function openReport(page: Page, query: string, link: RegExp): Promise<void> {
  await page.goto('/')
  await page.getByLabel(/搜索报告|Search the reports/).fill(query)
  await page.getByRole('button', { name: /^(搜索|Search)$/ }).click()
  await page.locator('#results-h').waitFor()
  await page.getByRole('link', { name: link }).first().click()
  await expect(page.locator('article h1')).toBeVisible()
}
