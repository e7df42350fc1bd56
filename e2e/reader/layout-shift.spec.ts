import { expect, test, type Page } from '@playwright/test'

// The first paint does not move: what loads later has its room kept, and the footer stays where
// it is. Measured the way Lighthouse counts it (layout-shift entries without recent input), on a
// cold load of the production build at 360 × 780.

const CLS_BUDGET = 0.02

/** Records every layout shift from the first paint on, with what moved, for the report on failure. */
async function recordShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: { value: number; shifts: Array<{ value: number; nodes: string[] }> } }
    w.__cls = { value: 0, shifts: [] }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node | null }> }
      >) {
        if (e.hadRecentInput) continue
        w.__cls.value += e.value
        const nodes = (e.sources ?? []).map((s) => {
          const el = s.node instanceof Element ? s.node : s.node?.parentElement
          return el
            ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`
            : '?'
        })
        w.__cls.shifts.push({ value: e.value, nodes })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

/**
 * A slow phone network: every API answer comes late, so the content always lands after the first
 * paint (on loopback it may beat it, and the test would prove nothing).
 */
async function slowApi(page: Page) {
  await page.route('**/api/**', async (route) => {
    await new Promise((ok) => setTimeout(ok, 700))
    await route.continue()
  })
}

/** The page has settled: no request in flight, and two frames painted after that. */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))))
  const cls = await page.evaluate(
    () => (window as unknown as { __cls: { value: number; shifts: Array<{ value: number; nodes: string[] }> } }).__cls,
  )
  // Recorded in the JSON report (.test-results/playwright.json) for docs/BENCHMARKS.md.
  test.info().annotations.push({ type: 'cls', description: cls.value.toFixed(4) })
  return cls
}

test('the home page does not move while its lists load', async ({ page }) => {
  await recordShifts(page)
  await slowApi(page)
  await page.goto('/')
  await expect(page.locator('#recent-h ~ .report-list li').first()).toBeVisible()
  const cls = await settled(page)
  expect(cls.value, JSON.stringify(cls.shifts)).toBeLessThanOrEqual(CLS_BUDGET)
})

test('a shared search link does not move while its results and the recent list load', async ({ page }) => {
  await recordShifts(page)
  await slowApi(page)
  await page.goto(`/?q=${encodeURIComponent('示例')}`)
  await expect(page.locator('#results-h ~ .report-list li').first()).toBeVisible()
  await expect(page.locator('#recent-h ~ .report-list li').first()).toBeVisible()
  const cls = await settled(page)
  expect(cls.value, JSON.stringify(cls.shifts)).toBeLessThanOrEqual(CLS_BUDGET)
})

test('a report opened cold does not move while it loads, and shows its title on the first screen', async ({ page }) => {
  const list = (await (await page.request.get('/api/reports?agency=demo-990000&limit=50')).json()) as {
    items: Array<{ id: string; year: number }>
  }
  const id = list.items.find((r) => r.year === 2023)!.id
  await recordShifts(page)
  await slowApi(page)
  await page.goto(`/reports/${id}`)
  const title = page.locator('article h1')
  await expect(title).toBeVisible()
  await expect(page.getByRole('region', { name: '表三' })).toBeVisible()
  const cls = await settled(page)
  expect(cls.value, JSON.stringify(cls.shifts)).toBeLessThanOrEqual(CLS_BUDGET)
  // The title and the report's first paragraph are on the first screen of a 360 × 780 phone, as it
  // opens (the header and the report's tools used to push them below it).
  expect(page.viewportSize()).toEqual({ width: 360, height: 780 })
  expect(await page.evaluate(() => window.scrollY)).toBe(0)
  const firstParagraph = page.locator('article.gk-report section p').first()
  await expect(firstParagraph).toContainText('本报告依据')
  for (const [what, el] of [
    ['title', title],
    ['first paragraph', firstParagraph],
  ] as const) {
    const box = (await el.boundingBox())!
    expect({ what, top: box.y >= 0, bottom: box.y + box.height <= 780 }).toEqual({ what, top: true, bottom: true })
  }
})
