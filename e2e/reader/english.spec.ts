import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'
import { openReport } from '../support/find.ts'

test.use({ serviceWorkers: 'block' })

// In English, the reader shows no Chinese except the report's own words: its title, its prose
// and the agency's name, each marked lang="zh-CN". Table labels, chart titles, chart labels, units
// and sentences are all English, with English punctuation.

/** Visible text (and accessible names) with Chinese in it, outside a region marked Chinese. */
function chineseOutsideProse(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/
    const marked = (el: Element | null) => !!el?.closest('[lang]')?.getAttribute('lang')?.startsWith('zh')
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      const el = node.parentElement
      if (!CJK.test(text) || !el || marked(el)) continue
      // Text nobody can see or hear (a closed <details>, an SVG <title> inside a mark) is skipped.
      if (el.closest('title')) continue
      if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue
      out.push(`${el.tagName.toLowerCase()}: ${text.trim()}`)
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label]'))) {
      const label = el.getAttribute('aria-label') ?? ''
      if (CJK.test(label) && !marked(el)) out.push(`aria-label: ${label}`)
    }
    return out
  })
}

test('English shows no Chinese but the report’s own words, in the text, its tables and the 图解', async ({ page }) => {
  test.setTimeout(120_000)
  await openReport(page, '示例市市场监督管理局', /示例市市场监督管理局2021年/)
  // The language button: its accessible name starts with what it shows ("English · 切换语言").
  await page.getByRole('button', { name: /^English/ }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  // The text version and every table in it.
  await expect(page.getByRole('heading', { level: 2, name: /^III\. Applications received and handled/ })).toBeVisible()
  const t3 = page.getByRole('region', { name: 'Table 3' })
  await expect(t3.getByRole('columnheader', { name: 'Legal persons and other organisations' })).toBeVisible()
  await expect(t3.getByRole('rowheader', { name: 'I. New applications received this year' })).toBeVisible()
  await expect(page.locator('#table-二')).toContainText('Fees collected this year (10,000 CNY)')
  expect(await chineseOutsideProse(page)).toEqual([])
  await page.screenshot({ path: 'artifacts/english-text-360.png', fullPage: true })

  // The 图解, with every chart's data table open.
  await page.getByRole('link', { name: 'Infographic', exact: true }).click()
  await page.locator('#tu-summary').waitFor()
  await expect(page.getByRole('heading', { level: 2, name: 'Summary' })).toBeVisible()
  const closed = page.locator('.gk-chart-toggle[aria-expanded="false"]')
  while ((await closed.count()) > 0) await closed.first().click()
  await expect(page.locator('#tu-applications')).toContainText('Outcome: Not disclosed')
  await expect(page.locator('#tu-applications')).toContainText(/\d+ from private individuals, \d+ from legal persons/)
  // The two long 其他处理 rows: short names on the chart, the full labels in its table.
  const other = page.locator('#tu-applications figure').last()
  await expect(other.locator('svg.gk-chart-svg')).toContainText(/Fee\s*not\s*paid\s*in\s*time/)
  await expect(other.getByRole('table')).toContainText('2. Applicant did not pay the processing fee in time; processing stopped')
  const problems = await chineseOutsideProse(page)
  expect(problems).toEqual([])
  // No Chinese punctuation inside English sentences ("Outcome：Not disclosed").
  const tu = await page.locator('.gk-tu').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement
    for (const zh of Array.from(copy.querySelectorAll('[lang^="zh"]'))) zh.remove()
    return copy.textContent ?? ''
  })
  expect(tu).not.toMatch(/[，：（）]/)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'artifacts/english-infographic-360.png', fullPage: true })
})

test('the 图解 downloads as an SVG named after the agency and the year', async ({ page }) => {
  await openReport(page, '示例市市场监督管理局', /示例市市场监督管理局2021年/)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: '图解（SVG 图片）' }).click()
  expect((await download).suggestedFilename()).toBe('示例市市场监督管理局2021年度报告图解.svg')
})

test('the agency comparison shows 收费 with its unit and its published precision', async ({ page }) => {
  // Fees in 2021 are money (万元); the figure keeps its four decimal places instead of three.
  await page.route(/\/api\/agencies\/demo-990100-amr\/years$/, async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { years: Array<{ template: string; values: Record<string, number | null> }> }
    for (const y of body.years) if (y.template === '2021') y.values.fees = 2522.8759
    await route.fulfill({ response, json: body })
  })
  await page.goto('/agencies/demo-990100-amr')
  const fees = page.getByRole('row', { name: /行政事业性收费/ })
  await expect(fees).toContainText('2,522.8759万元')
  await expect(fees).not.toContainText('2,522.876万元')
})
