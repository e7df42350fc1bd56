import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/admin/')
  await expect(page).toHaveURL(/\/admin\/login/)
  await page.getByLabel(/用户名/).fill('admin')
  await page.getByLabel(/密码/).fill('not-the-password')
  await page.getByRole('button', { name: /登录/ }).click()
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误')
  await expectNoAxeViolations(page)
})

test('the generated admin signs in, sees the seed report, and signs out', async ({ page, context }) => {
  const password = process.env.GK_ADMIN_PASSWORD
  expect(password, 'global setup read the one-time password').toBeTruthy()
  await page.goto('/admin/login')
  await page.getByLabel(/用户名/).fill('admin')
  await page.getByLabel(/密码/).fill(password!)
  await page.getByRole('button', { name: /登录/ }).click()

  await expect(page.getByRole('heading', { level: 1, name: /报告/ })).toBeVisible()
  const row = page.locator('table.reports').getByRole('row', { name: /杭州市行政审批服务管理办公室/ })
  await expect(row).toContainText('2020')
  await expect(row).toContainText('已发布')
  await expectNoAxeViolations(page)

  const cookie = (await context.cookies()).find((c) => c.name === 'gk_session')
  expect(cookie?.httpOnly).toBe(true)
  expect(cookie?.sameSite).toBe('Strict')

  await page.getByRole('button', { name: /退出登录/ }).click()
  await expect(page).toHaveURL(/\/admin\/login/)
  await page.goto('/admin/')
  await expect(page).toHaveURL(/\/admin\/login/)
})
