import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'

// Share takes what is being read: the part opened from the contents, a table, a chart. The Web Share
// API is recorded where the phone has one; without it, the link is copied.
async function recordShares(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { shared: Array<{ title?: string; url?: string }> }
    w.shared = []
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data: { title?: string; url?: string }) => void w.shared.push(data),
    })
  })
}
const lastShared = (page: Page) => page.evaluate(() => (window as unknown as { shared: Array<{ url: string }> }).shared.at(-1)?.url ?? '')

async function openSample(page: Page, query = '') {
  await page.goto('/agencies/demo-990100-amr')
  await page.getByRole('link', { name: '2021年度' }).click()
  await expect(page.locator('article h1')).toBeVisible()
  if (query) await page.goto(page.url() + query)
}

test('after opening part 三 from the contents, 分享 shares a link to part 三', async ({ page }) => {
  await recordShares(page)
  await openSample(page)
  await page.getByRole('navigation', { name: '目录' }).getByRole('link', { name: /^三、/ }).click()
  const share = page.locator('.report-actions').getByRole('button', { name: /^分享/ })
  await expect(share).toHaveText('分享：三、收到和处理政府信息公开申请情况')
  await share.click()
  await expect.poll(() => lastShared(page)).toMatch(/\/reports\/[0-9a-f-]+#part-3$/)

  // Reading on into table 三: the button follows.
  await page.locator('#table-三').scrollIntoViewIfNeeded()
  await page.evaluate(() => window.scrollBy(0, -window.innerHeight / 4))
  await expect(share).toHaveText(/^分享：表三/)
  await share.click()
  await expect.poll(() => lastShared(page)).toMatch(/#table-%E4%B8%89$/)

  // Opening the shared link lands on the table.
  const url = await lastShared(page)
  const other = await page.context().newPage()
  await other.goto(url)
  await expect(other.locator('#table-三')).toBeInViewport()
  await other.close()
})

test('every table and chart has its own share action, reachable by keyboard; without Web Share it copies the link', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.addInitScript(() => Object.defineProperty(navigator, 'share', { configurable: true, value: undefined }))
  await openSample(page)
  const tables = page.locator('.gk-table-block:has(table)')
  await expect(tables).toHaveCount(3)
  for (const t of ['二', '三', '四'])
    await expect(page.locator(`[id="table-${t}"]`).getByRole('button', { name: /^分享此表\s*：表/ })).toBeVisible()

  // By keyboard: focus table 四's button and press Enter; the link is copied and said so.
  const button = page.locator('[id="table-四"]').getByRole('button', { name: /^分享此表/ })
  await button.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('[id="table-四"]').getByRole('status')).toHaveText('链接已复制')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/reports\/[0-9a-f-]+#table-%E5%9B%9B$/)
  await expectNoAxeViolations(page)

  // The 图解: each chart too, with a stable id that the link opens at.
  await page.getByRole('link', { name: '图解版' }).click()
  const charts = page.locator('figure.gk-chart')
  await expect(charts.first()).toBeVisible()
  const count = await charts.count()
  expect(count).toBeGreaterThan(1)
  await expect(page.locator('figure.gk-chart').getByRole('button', { name: /^分享此图\s*：/ })).toHaveCount(count)
  const last = charts.last()
  const id = await last.getAttribute('id')
  expect(id).toMatch(/^tu-[a-z]+-chart-\d+$/)
  await last.getByRole('button', { name: /^分享此图/ }).focus()
  await page.keyboard.press('Enter')
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toMatch(new RegExp(`\\?view=tu#${id}$`))
  await expectNoAxeViolations(page)

  const other = await context.newPage()
  await other.goto(copied)
  await expect(other.locator(`[id="${id}"]`)).toBeInViewport()
  await other.close()
})
