import { expect, test, type Page } from '@playwright/test'

// Every chart of the 图解 fits, at 320, 360 and 1280 px, in every display mode: no chart text runs
// past its chart or into other text, no tick labels run together, no figure spills out of its
// tile, and the page never scrolls sideways. The report is a real sample, with the figures that
// broke the layout before (2,522.8759 万元 of fees, millions of licensing decisions) put in.

test.use({ serviceWorkers: 'block' })

const MODES = [
  { name: 'normal', locale: 'zh-CN', largeType: false, highContrast: false, dark: false },
  { name: 'large type', locale: 'zh-CN', largeType: true, highContrast: false, dark: false },
  { name: 'high contrast', locale: 'zh-CN', largeType: false, highContrast: true, dark: false },
  { name: 'dark', locale: 'zh-CN', largeType: false, highContrast: false, dark: true },
  { name: 'English', locale: 'en', largeType: false, highContrast: false, dark: false },
  { name: 'English, large type', locale: 'en', largeType: true, highContrast: false, dark: false },
] as const

const value = (n: number) => ({ state: 'value', value: n, raw: String(n) })

/** The sample report as the API sends it, with the awkward figures written in. */
async function stressReport(page: Page): Promise<void> {
  await page.route(/\/api\/reports\/[^/?]+$/, async (route) => {
    // A browser sends a GET again when the server closed an idle kept-alive socket as it was reused
    // (ECONNRESET); Playwright's fetch does not, so the test does (it failed so once in CI).
    const response = await route.fetch().catch(() => route.fetch())
    const body = (await response.json()) as { document?: { template: string; tables: Record<string, { cells: Record<string, unknown> }> } }
    const doc = body.document
    if (doc?.template === '2021') {
      doc.tables['二']!.cells['art20_8.fees|fee_amount'] = value(2522.8759)
      doc.tables['二']!.cells['art20_5.licensing|decisions'] = value(11_283_406)
      doc.tables['二']!.cells['art20_6.penalty|decisions'] = value(1_500)
      doc.tables['三']!.cells['other_1|total'] = value(3)
      doc.tables['三']!.cells['other_2|total'] = value(1)
    }
    await route.fulfill({ response, json: body })
  })
}

async function openInfographic(page: Page): Promise<void> {
  await page.goto('/agencies/demo-990100-amr')
  await page.locator('.report-list a').first().click()
  await page.locator('.view-switch a').nth(1).click()
  await page.locator('#tu-summary').waitFor()
  await expect(page.locator('figure.gk-chart').first()).toBeVisible()
  // Each chart lays itself out at its own width once it has measured itself.
  await expect
    .poll(() =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll<SVGSVGElement>('svg.gk-chart-svg')).every(
          (svg) => Math.abs(svg.viewBox.baseVal.width - Math.floor(svg.parentElement!.clientWidth)) <= 1,
        ),
      ),
    )
    .toBe(true)
}

/** Everything that does not fit, in words: empty when the charts are right. */
function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    // Text boxes include the font's ascent and descent; the middle of each line is what collides.
    const band = (r: DOMRect) => ({
      left: r.left + 0.5,
      right: r.right - 0.5,
      top: r.top + r.height * 0.25,
      bottom: r.bottom - r.height * 0.25,
    })
    for (const fig of Array.from(document.querySelectorAll('figure.gk-chart'))) {
      const title = fig.querySelector('.gk-chart-title')?.textContent ?? '?'
      const svg = fig.querySelector('svg.gk-chart-svg')!
      const box = svg.getBoundingClientRect()
      const pieces: Array<{ text: string; r: ReturnType<typeof band> }> = []
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const parts = text.querySelectorAll('tspan').length ? Array.from(text.querySelectorAll('tspan')) : [text]
        for (const p of parts) {
          const rect = p.getBoundingClientRect()
          const content = p.textContent?.trim() ?? ''
          if (!content || rect.width === 0) continue
          const r = band(rect)
          if (r.left < box.left - 1 || r.right > box.right + 1)
            out.push(
              `${title}: "${content}" runs past the chart's side (${Math.round(rect.left - box.left)}…${Math.round(rect.right - box.left)} of ${Math.round(box.width)})`,
            )
          if (r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(`${title}: "${content}" runs past the chart's top or bottom`)
          for (const q of pieces) {
            if (r.left < q.r.right && q.r.left < r.right && r.top < q.r.bottom && q.r.top < r.bottom)
              out.push(`${title}: "${content}" runs into "${q.text}"`)
          }
          pieces.push({ text: content, r })
        }
      }
      if (fig.scrollWidth > fig.clientWidth + 1) out.push(`${title}: the figure is wider than its box`)
    }
    for (const tile of Array.from(document.querySelectorAll('.gk-kpi'))) {
      const t = tile.getBoundingClientRect()
      for (const child of Array.from(tile.querySelectorAll('.gk-kpi-value, .gk-kpi-label, .gk-kpi-delta'))) {
        for (const r of Array.from(child.getClientRects())) {
          if (r.right > t.right + 1 || r.left < t.left - 1) out.push(`"${child.textContent}" spills out of its tile`)
        }
      }
      const number = tile.querySelector('.gk-kpi-number')
      if (number && number.getBoundingClientRect().right > t.right + 1) out.push(`"${number.textContent}" spills out of its tile`)
    }
    if (document.documentElement.scrollWidth > window.innerWidth)
      out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${window.innerWidth})`)
    return out
  })
}

for (const width of [320, 360, 1280]) {
  test(`every chart fits at ${width} px, in every display mode`, async ({ page }) => {
    // Six modes, each a full load of the 图解 on a busy machine.
    test.setTimeout(240_000)
    await page.setViewportSize({ width, height: 900 })
    await stressReport(page)
    for (const mode of MODES) {
      await test.step(mode.name, async () => {
        await page.emulateMedia({ colorScheme: mode.dark ? 'dark' : 'light' })
        await page.addInitScript((m) => {
          localStorage.setItem('gk-locale', m.locale)
          localStorage.setItem('gk-settings-v1', JSON.stringify({ largeType: m.largeType, highContrast: m.highContrast }))
        }, mode)
        await openInfographic(page)
        if (mode.largeType) {
          // Chart text grows with the body text (22 px), never shrinks below the normal size.
          const size = await page
            .locator('svg.gk-chart-svg')
            .first()
            .evaluate((svg) => parseFloat(getComputedStyle(svg).fontSize))
          expect(size).toBeGreaterThanOrEqual(16)
        }
        // The two long 其他处理 rows can be told apart on the chart itself.
        const other = page.locator('#tu-applications figure').last().locator('svg.gk-chart-svg')
        const drawn = (await other.textContent()) ?? ''
        if (mode.locale === 'en') expect(drawn).toMatch(/Not\s*corrected\s*in\s*time[\s\S]*Fee\s*not\s*paid\s*in\s*time/)
        else expect(drawn).toMatch(/逾期不补正[\s\S]*逾期未缴费/)
        // The fee keeps its published precision and its unit.
        await expect(page.locator('#tu-proactive')).toContainText(mode.locale === 'en' ? '2,522.8759 × 10,000 CNY' : '2,522.8759万元')
        expect(await misfits(page), `${width} px, ${mode.name}`).toEqual([])
        // The data tables, opened, stay inside the page too.
        const closed = page.locator('.gk-chart-toggle[aria-expanded="false"]')
        while ((await closed.count()) > 0) await closed.first().click()
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          `${width} px, ${mode.name}, tables open`,
        ).toBeLessThanOrEqual(0)
        await page.screenshot({ path: `artifacts/chart-fit-${width}-${mode.name.replace(/\W+/g, '-')}.png`, fullPage: true })
      })
    }
  })
}

test('the tick labels of a wide range never run together', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 900 })
  await stressReport(page)
  await openInfographic(page)
  const ticks = await page.locator('#tu-proactive svg.gk-chart-svg .gk-tick').allTextContents()
  expect(ticks.length).toBeGreaterThan(0)
  // Each tick is its own number, never "5001,0001,500".
  for (const t of ticks) expect(t).toMatch(/^\d{1,3}(,\d{3})*(\.\d+)?$/)
})
