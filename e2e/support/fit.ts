import { expect, type Locator, type Page } from '@playwright/test'

/** The page scrolls only downwards: nothing is wider than the viewport (the widest element is named). */
export async function expectFitsWidth(page: Page): Promise<void> {
  const { scrollWidth, viewport, widest } = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth
    let widest = ''
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect()
      if (r.right > viewport + 0.5 && r.width > 0) {
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (right ${Math.round(r.right)})`
        break
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport, widest }
  })
  expect(scrollWidth, `wider than ${viewport} px: ${widest}`).toBeLessThanOrEqual(viewport)
}

/** The element is on screen horizontally: a reader need not scroll sideways to reach it. */
export async function expectWithinWidth(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible()
  const { left, right, width } = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { left: r.left, right: r.right, width: document.documentElement.clientWidth }
  })
  expect(left).toBeGreaterThanOrEqual(0)
  expect(right).toBeLessThanOrEqual(width)
}
