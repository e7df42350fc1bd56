import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'
import { expectFitsWidth } from '../support/fit.ts'
import { openControlled } from '../support/pwa.ts'

test('browse reaches every level, down to a street office (街道), and each agency lists the ones under it', async ({ page }) => {
  await page.goto('/browse')
  await page.getByText('示例省人民政府', { exact: true }).click()
  await page.getByText('示例市人民政府', { exact: true }).click()
  await page.getByText('示例市示例区人民政府', { exact: true }).click()
  await expectFitsWidth(page)
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: '示例市示例区示例街道办事处' }).click()

  await expect(page.getByRole('heading', { level: 1, name: '示例市示例区示例街道办事处' })).toBeVisible()
  await expect(page.locator('.report-list li')).toHaveCount(2)
  // Up one level: the district, whose page lists the street office among its agencies.
  await page.getByRole('link', { name: '示例市示例区人民政府' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '示例市示例区人民政府' })).toBeVisible()
  const under = page.getByRole('region', { name: '下属机关' })
  await expect(under.getByRole('link')).toHaveText(['示例市示例区示例街道办事处'])
  await expectFitsWidth(page)
  await expectNoAxeViolations(page)
})

test('an agency with no reports says so, instead of an empty comparison table', async ({ page }) => {
  await page.goto('/agencies/330100')
  await expect(page.getByRole('heading', { level: 1, name: '杭州市人民政府' })).toBeVisible()
  await expect(page.getByText('暂无报告', { exact: true })).toBeVisible()
  await expect(page.locator('table')).toHaveCount(0)
  await expect(page.getByRole('button', { name: '保存该机关全部年度' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: '下属机关' }).getByRole('link')).toHaveText(['杭州市行政审批服务管理办公室'])
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: /切换语言/ }).click()
  await expect(page.getByText('No reports yet', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: /Switch language/ }).click()
})

test('an unknown path is “页面不存在”; an unknown report is “未找到该报告”', async ({ page }) => {
  await page.goto('/no/such/page')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在')
  await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.goto('/reports/does-not-exist')
  await expect(page.getByRole('alert')).toHaveText('未找到该报告')
})

test('the language button is named by what it shows (label in name)', async ({ page }) => {
  await page.goto('/')
  const button = page.getByRole('button', { name: /^English/ })
  await expect(button).toHaveAccessibleName('English · 切换语言')
  await button.click()
  await expect(page.getByRole('button', { name: /^中文/ })).toHaveAccessibleName('中文 · Switch language')
  // axe's rule for it (Lighthouse's label-content-name-mismatch) is experimental, so it is asked for by name.
  const { violations } = await new AxeBuilder({ page }).withRules(['label-content-name-mismatch']).analyze()
  expect(violations).toEqual([])
})

test('the seed report is dated when it was published, not when the samples were loaded', async ({ page }) => {
  await page.goto('/agencies/330100-spb')
  await page.getByRole('link', { name: '2020年度' }).click()
  await expect(page.locator('.revision-line')).toHaveText('第 1 版 · 发布于 2021-01-20')
})

test('“已可离线使用” goes by itself and leaves the bottom of the page uncovered', async ({ page }) => {
  await page.goto('/')
  const toast = page.getByTestId('pwa-toast')
  await expect(toast).toContainText('已可离线使用', { timeout: 15_000 })
  await expect(toast).toBeHidden({ timeout: 20_000 })
  await openControlled(page, '/')
  await expect(page.locator('.app-footer')).toBeVisible()
})
