import { expect, type Page } from '@playwright/test'

/** Sign in to the admin app (the generated admin by default) and wait for the dashboard. */
export async function signIn(page: Page, username = 'admin', password = process.env.GK_ADMIN_PASSWORD!): Promise<void> {
  await page.goto('/admin/login')
  await page.getByLabel(/用户名/).fill(username)
  await page.getByLabel(/密码/).fill(password)
  await page.getByRole('button', { name: /登录/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /报告/ })).toBeVisible()
}

/** On the import page, upload one or several files for an agency (chosen by its name). */
export async function uploadForImport(page: Page, agency: string, files: string | string[], options: { confirmMismatch?: boolean } = {}): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: /导入/ }).click()
  await page.getByLabel(/^机关/).selectOption({ label: agency })
  await page.getByLabel(/^文件/).setInputFiles(files)
  await page.getByRole('button', { name: /^导入/ }).click()
  if (options.confirmMismatch) {
    // The file names another agency: the page says so before any draft is made.
    await expect(page.getByRole('heading', { name: /请先核对/ })).toBeVisible()
    await page.getByRole('button', { name: /仍然导入/ }).click()
  }
}
