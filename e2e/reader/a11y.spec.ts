import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'

// axe on every reader page, in both languages and in large-type and high-contrast modes.
const PAGES = [
  { name: 'home', open: async (page: Page) => page.goto('/') },
  { name: 'browse', open: async (page: Page) => page.goto('/browse') },
  { name: 'agency', open: async (page: Page) => page.goto('/agencies/demo-990100-amr') },
  { name: 'saved', open: async (page: Page) => page.goto('/saved') },
  {
    name: 'report text',
    open: async (page: Page) => {
      await page.goto('/')
      await page.locator('.report-list a').first().click()
      await page.locator('article h1').waitFor()
    },
  },
  {
    name: 'report 图解',
    open: async (page: Page) => {
      await page.goto('/agencies/demo-990000')
      await page.locator('.report-list a').first().click()
      await page.locator('.view-switch a').nth(1).click()
      await page.locator('#tu-summary').waitFor()
    },
  },
]

for (const mode of ['zh-CN', 'en', 'large-type', 'high-contrast'] as const) {
  test(`no axe violations on any page (${mode})`, async ({ page }) => {
    // Several pages, each analysed by axe: on a loaded machine that takes minutes, not seconds.
    test.setTimeout(180_000)
    await page.addInitScript((m) => {
      localStorage.setItem('gk-locale', m === 'en' ? 'en' : 'zh-CN')
      localStorage.setItem('gk-settings-v1', JSON.stringify({ largeType: m === 'large-type', highContrast: m === 'high-contrast' }))
    }, mode)
    for (const p of PAGES) {
      await p.open(page)
      await expect(page.locator('main h1').first()).toBeVisible()
      if (mode === 'large-type') expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('22px')
      await test.step(p.name, () => expectNoAxeViolations(page))
    }
  })
}

test('large type and high contrast are remembered', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: '大字' }).click()
  await page.getByRole('button', { name: '高对比' }).click()
  await page.reload()
  await expect(page.getByRole('button', { name: '大字' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.locator('html')).toHaveClass(/large-type/)
  await expect(page.locator('html')).toHaveClass(/high-contrast/)
})

test('everything on the report page is reachable by keyboard', async ({ page }) => {
  await page.goto('/')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: '跳到正文' })).toBeFocused()
  await page.locator('.report-list a').first().focus()
  await page.keyboard.press('Enter')
  await page.locator('article h1').waitFor()
  // Tab through the page: every stop is visible and named.
  const stops: string[] = []
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab')
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 20) : ''
    })
    stops.push(name)
  }
  expect(stops.filter((s) => s === '')).toEqual([])
  expect(stops).toEqual(expect.arrayContaining(['保存到本机', '图解版']))
})
