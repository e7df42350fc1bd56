import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'
import { openReport } from '../support/find.ts'

const PART_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
]

test('a phone reader opens the seed report and reads its six parts without scrape debris', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: '年度报告' })).toBeVisible()
  // The newest publications are listed on the home page.
  await expect(page.locator('.report-list li').first()).toBeVisible()
  await expectNoAxeViolations(page)

  await openReport(page, '审管办', /杭州市行政审批服务管理办公室/)
  await expect(page.getByRole('heading', { level: 1, name: /杭州市审管办2020年政府信息公开工作年度报告/ })).toBeVisible()

  const headings = page.locator('article').getByRole('heading', { level: 2 })
  await expect(headings).toHaveText(PART_HEADINGS)
  await expect(page.getByText('主动公开信息共7118条', { exact: false })).toBeVisible()
  await expect(page.getByRole('heading', { level: 3, name: '(一)主动公开方面' })).toBeVisible()
  await expect(page.locator('#part-6')).toContainText('无。')

  const text = await page.locator('article').innerText()
  expect(text).not.toContain('|')
  expect(text).not.toContain('打印本页')

  // The scrape lost the three tables: each says so, and no table cell (let alone a zero) is shown.
  for (const n of [2, 3, 4]) {
    await expect(page.locator(`#part-${n}`)).toContainText('未在原文中提供')
  }
  await expect(page.locator('article table')).toHaveCount(0)

  // Nothing is wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'artifacts/reader-seed-phone.png', fullPage: false })
})

test('the reader switches to English chrome and keeps the report in Chinese', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: '切换语言' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Annual reports' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await openReport(page, '审管办', /杭州市行政审批服务管理办公室/)
  await expect(page.locator('#part-3')).toContainText('Not given in the source')
  await expect(page.locator('#part-1-h')).toContainText('Overview')
  await expectNoAxeViolations(page)
})

test('an unknown report shows a clear message, not a blank page', async ({ page }) => {
  await page.goto('/reports/does-not-exist')
  await expect(page.getByRole('alert')).toHaveText('未找到该报告')
})
