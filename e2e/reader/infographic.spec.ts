import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'
import { openReport } from '../support/find.ts'

async function open(page: Page, query: string, name: RegExp) {
  await openReport(page, query, name)
  await page.getByRole('link', { name: '图解版' }).click()
  await expect(page).toHaveURL(/view=tu/)
}

test('the 图解 of a complete sample report: charts with summaries, keyboard marks and tables', async ({ page }, info) => {
  // Nine charts, each checked and keyed through, and a full-page screenshot: 27–29 s of the 30 s
  // default on a loaded two-core machine. Sized for twice the load.
  test.slow()
  await open(page, '示例市市场监督管理局', /示例市市场监督管理局2021年/)
  await expect(page.getByRole('heading', { level: 2, name: '概要' })).toBeVisible()
  const summary = await page.locator('#tu-summary p').innerText()
  expect(summary).toMatch(/新收政府信息公开申请\d+件，比上年(增加|减少)/)

  const figures = page.locator('figure.gk-chart')
  expect(await figures.count()).toBeGreaterThanOrEqual(9)
  // Every chart is an image with a name and a description.
  for (const f of await figures.all()) {
    const img = f.locator('svg[role="img"]')
    await expect(img).toHaveAttribute('aria-labelledby', /.+/)
    await expect(img).toHaveAttribute('aria-describedby', /.+/)
  }

  // Its marks are reachable by keyboard, each with its own label.
  const firstMark = page.locator('#tu-applications .gk-chart-marks [tabindex="0"]').first()
  await firstMark.focus()
  await expect(firstMark).toBeFocused()
  await expect(firstMark).toHaveAttribute('aria-label', /^自然人：\d+件$/)
  await page.keyboard.press('Tab')
  await expect(page.locator('#tu-applications .gk-chart-marks [tabindex="0"]').nth(1)).toBeFocused()

  // The same numbers as a table, on request.
  const chart = page.locator('figure.gk-chart').first()
  await chart.getByRole('button', { name: '以表格查看数据' }).click()
  await expect(chart.getByRole('table')).toBeVisible()

  await expect(page.locator('.gk-kpi')).toHaveCount(5)
  // A city department's 规章 row is "/": the chart says not applicable, never 0 or "not reported".
  await expect(page.locator('#tu-proactive figure').first()).toContainText('不适用（/）')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `artifacts/infographic-sample-${info.project.name}-360.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: `artifacts/infographic-sample-${info.project.name}-desktop.png`, fullPage: true })
})

test('the 图解 of the seed says its tables are not given, and shows its channels', async ({ page }) => {
  await open(page, '审管办', /杭州市行政审批服务管理办公室/)
  await expect(page.locator('.gk-tu .gk-not-given')).toHaveCount(3)
  await expect(page.locator('#tu-summary p')).toContainText('全年主动公开政府信息7,118条')
  const channels = page.locator('#tu-proactive figure')
  await expect(channels).toContainText('政府网站 6,306条（88.6%）')
  // No chart was drawn from the lost tables, so no zero can appear where a number is unknown.
  await expect(page.locator('#tu-applications figure')).toHaveCount(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'artifacts/infographic-seed-360.png', fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: 'artifacts/infographic-seed-desktop.png', fullPage: true })
})
