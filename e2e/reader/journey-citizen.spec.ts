import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'
import { expectFitsWidth } from '../support/fit.ts'
import { openControlled } from '../support/pwa.ts'
import { shot } from '../support/shots.ts'

// The citizen, on a 360 px phone: find a report, read it, its 图解, in large type, in English, save
// it, read it offline, share a part of it. Every step fits the phone; a screenshot of each is kept.
test('the citizen at 360 px: find, read, 图解, large type, English, save, offline, share', async ({ page, context }, testInfo) => {
  test.setTimeout(180_000)
  await page.addInitScript(() => {
    const w = window as unknown as { shared: Array<{ url?: string }> }
    w.shared = []
    Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: { url?: string }) => void w.shared.push(data) })
  })
  const step = async (name: string, fn: () => Promise<void>) =>
    test.step(name, async () => {
      await fn()
      await expectFitsWidth(page)
      await shot(page, testInfo, name)
    })

  await step('01-find', async () => {
    await openControlled(page, '/')
    await page.getByLabel('搜索报告').fill('示例市市场监督管理局')
    await page.getByRole('button', { name: '搜索' }).click()
    await page.locator('#results-h').waitFor()
    await expect(page.getByRole('link', { name: /示例市市场监督管理局2022年/ }).first()).toBeVisible()
  })

  await step('02-read', async () => {
    await page
      .getByRole('link', { name: /示例市市场监督管理局2022年/ })
      .first()
      .click()
    await expect(page.locator('article h1')).toHaveText(/示例市市场监督管理局2022年/)
    await page.getByRole('navigation', { name: '目录' }).getByRole('link', { name: /^三、/ }).click()
    await expect(page.locator('#table-三 table')).toBeVisible()
    await expectNoAxeViolations(page)
  })

  await step('03-infographic', async () => {
    await page.getByRole('link', { name: '图解版' }).click()
    await expect(page.locator('#tu-summary p')).toContainText('新收政府信息公开申请')
    await expect(page.locator('figure.gk-chart').first()).toBeVisible()
  })

  await step('04-large-type', async () => {
    await page.getByRole('button', { name: '大字' }).click()
    await expect(page.locator('html')).toHaveClass(/large-type/)
    await expect(page.locator('figure.gk-chart').first()).toBeVisible()
    await expectNoAxeViolations(page)
  })

  await step('05-english', async () => {
    await page.getByRole('button', { name: /^English/ }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    const views = page.getByRole('navigation', { name: 'Views' })
    await expect(views.getByRole('link', { name: 'Infographic' })).toHaveAttribute('aria-current', 'page')
    await views.getByRole('link', { name: 'Text' }).click()
    await expect(page.locator('#part-1-h')).toContainText('Overview')
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: /^中文/ }).click()
    await page.getByRole('button', { name: '大字' }).click()
    await expect(page.locator('html')).not.toHaveClass(/large-type/)
  })

  const reportUrl = page.url()
  await step('06-save', async () => {
    await page.getByRole('button', { name: '保存到本机' }).click()
    await expect(page.getByRole('button', { name: '已保存（更新）' })).toBeVisible()
  })

  await step('07-offline', async () => {
    await context.setOffline(true)
    await page.goto('/saved')
    await expect(page.locator('.saved-list li')).toHaveCount(1)
    await expect(page.locator('.saved-meta')).toContainText('保存于')
    await page.getByRole('link', { name: /示例市市场监督管理局2022年/ }).click()
    await expect(page.locator('article h1')).toBeVisible()
    await expect(page.getByRole('note')).toContainText('离线阅读本机保存的副本（保存于')
    await expect(page.locator('#table-三 table')).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: '当前离线' })).toBeVisible()
  })

  await step('08-share', async () => {
    await context.setOffline(false)
    await page.goto(reportUrl)
    await page.getByRole('navigation', { name: '目录' }).getByRole('link', { name: /^三、/ }).click()
    const share = page.locator('.report-actions').getByRole('button', { name: /^分享/ })
    await expect(share).toHaveText('分享：三、收到和处理政府信息公开申请情况')
    await share.click()
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shared: Array<{ url: string }> }).shared.at(-1)?.url ?? ''))
      .toMatch(/\/reports\/[0-9a-f-]+#part-3$/)
    // And a table of its own.
    await page
      .locator('[id="table-三"]')
      .getByRole('button', { name: /^分享此表/ })
      .click()
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shared: Array<{ url: string }> }).shared.at(-1)?.url ?? ''))
      .toMatch(/#table-%E4%B8%89$/)
  })
})
