import { expect, test } from '@playwright/test'
import { openControlled } from '../support/pwa.ts'

test('browse → read → 图解 → save → offline → reopen from saved → search offline → back online', async ({ page, context }) => {
  await openControlled(page)

  // Browse: region, agency, year.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '按地区浏览' }).click()
  // The home page lists reports by the same agencies: wait for the browse page itself.
  await expect(page.getByRole('heading', { level: 1, name: '按地区和机关浏览' })).toBeVisible()
  await page.getByText('示例省人民政府', { exact: true }).click()
  await page.getByText('示例市人民政府', { exact: true }).click()
  await page.getByRole('link', { name: '示例市市场监督管理局' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '示例市市场监督管理局' })).toBeVisible()
  await expect(page.getByRole('region', { name: '历年主要数据对比' })).toContainText('新收申请')
  await page.getByRole('link', { name: '2021年度' }).click()

  // Read, switch to the 图解, save.
  await expect(page.getByRole('heading', { level: 1, name: /示例市市场监督管理局2021年/ })).toBeVisible()
  await page.getByRole('link', { name: '图解版' }).click()
  await expect(page.locator('#tu-summary p')).toContainText('新收政府信息公开申请')
  const reportUrl = page.url()
  await page.getByRole('button', { name: '保存到本机' }).click()
  await expect(page.getByRole('button', { name: '已保存（更新）' })).toBeVisible()

  // Offline: the indicator shows, and the saved report reopens after a full reload.
  await context.setOffline(true)
  await expect(page.getByRole('status').filter({ hasText: '当前离线' })).toBeVisible()
  await page.goto('/saved')
  await expect(page.getByRole('heading', { level: 1, name: '已保存的报告' })).toBeVisible()
  await expect(page.locator('.saved-list li')).toHaveCount(1)
  await expect(page.locator('.saved-meta')).toContainText('KB')
  await page.getByRole('link', { name: /示例市市场监督管理局2021年/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /示例市市场监督管理局2021年/ })).toBeVisible()
  await expect(page.locator('#table-三 table')).toBeVisible()
  await page.goto(reportUrl)
  await expect(page.locator('#tu-summary p')).toContainText('新收政府信息公开申请')

  // Offline search finds the saved report by a word in its text.
  await page.goto('/')
  await page.getByLabel('搜索报告').fill('依申请公开')
  await page.getByRole('button', { name: '搜索' }).click()
  await expect(page.getByRole('heading', { name: '离线搜索已保存的报告：找到 1 份' })).toBeVisible()

  // A report that was never opened or saved says so clearly: no blank page.
  await page.goto('/reports/00000000-not-saved')
  await expect(page.getByRole('alert')).toContainText('当前离线，此报告尚未保存到本机')

  await context.setOffline(false)
  await page.goto('/')
  await expect(page.getByRole('status').filter({ hasText: '当前离线' })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: '最近发布和更正' })).toBeVisible()
  await expect(page.locator('.report-list li').first()).toBeVisible()

  // Removing frees the space.
  await page.goto('/saved')
  await page.getByRole('button', { name: /^删除/ }).click()
  await expect(page.getByText('尚未保存任何报告')).toBeVisible()
})

test('saving an agency keeps every year of it', async ({ page, context }) => {
  await openControlled(page, '/agencies/demo-990000')
  await page.getByRole('button', { name: '保存该机关全部年度' }).click()
  await expect(page.getByRole('status').filter({ hasText: '已保存 5 份报告' })).toBeVisible()
  await page.goto('/saved')
  await expect(page.locator('.saved-list li')).toHaveCount(5)
  await context.setOffline(true)
  await page.goto('/saved')
  await page.getByRole('link', { name: /示例省人民政府2019年/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /示例省人民政府2019年/ })).toBeVisible()
  await context.setOffline(false)
})
