import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'

// Across reports, on a phone: compare three reports, rank agencies by a metric, see who published
// late — each from a link that can be shared and reloaded.

async function reportId(page: Page, code: string, year: number): Promise<string> {
  const res = await page.request.get(`/api/reports?agency=${code}&year=${year}`)
  return ((await res.json()) as { items: Array<{ id: string }> }).items[0]!.id
}

async function fitsThePhone(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

test('compares three reports of both formats side by side, from a report page and a shared link', async ({ page }) => {
  test.setTimeout(120_000)
  const a = await reportId(page, 'demo-990100-amr', 2020)
  const b = await reportId(page, 'demo-990100-amr', 2021)
  const c = await reportId(page, 'demo-990100', 2021)
  // Added from the report pages.
  for (const id of [a, b, c]) {
    await page.goto(`/reports/${id}`)
    await page.getByRole('button', { name: '加入对比' }).click()
    await expect(page.getByRole('button', { name: '加入对比' })).toHaveAttribute('aria-pressed', 'true')
  }
  await page.getByRole('link', { name: '查看对比（3）' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '对比报告' })).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`/compare\\?reports=${a}%2C${b}%2C${c}|/compare\\?reports=${a},${b},${c}`))

  const key = page.getByRole('region', { name: '主要数据' })
  const row = key.getByRole('row', { name: /本年新收申请/ }).first()
  await expect(row.getByRole('cell')).toHaveCount(4)
  await expect(row).toContainText(/不同|相同/)
  // A figure whose meaning changed between the formats says so in words.
  await expect(key.getByRole('row', { name: /规范性文件存量/ })).toContainText('不可比')
  // The 2019 "其他处理" against the sum of the three 2021 rows.
  await expect(page.getByRole('region', { name: '表三' }).getByRole('rowheader', { name: /（六）其他处理.*总计.*三项合计/ })).toBeVisible()
  await fitsThePhone(page)
  await expectNoAxeViolations(page)

  // The link alone, in a fresh page, opens the same comparison.
  const url = page.url()
  const other = await page.context().newPage()
  await other.goto(url)
  await expect(
    other
      .getByRole('region', { name: '主要数据' })
      .getByRole('row', { name: /本年新收申请/ })
      .first()
      .getByRole('cell'),
  ).toHaveCount(4)
  await other.close()
})

test('ranks agencies by a metric for a year and level, with a chart, its table and downloads', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/stats?metric=applications_new&year=2022&region=99')
  await expect(page.getByRole('heading', { level: 1, name: '统计排名' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '计入 5 份报告' })).toBeVisible()
  await expect(page.locator('figure svg[role="img"]')).toBeVisible()
  await expect(page.locator('table.ranking tbody tr')).toHaveCount(5)
  await expect(page.locator('table.ranking tbody tr').first().locator('td').first()).toHaveText('1')

  // A filter goes into the URL, and a reload keeps it.
  await page.getByLabel('层级').selectOption('city')
  await page.getByRole('button', { name: '查看', exact: true }).click()
  await expect(page).toHaveURL(/level=city/)
  await expect(page.locator('table.ranking tbody tr')).toHaveCount(2)
  await page.reload()
  await expect(page.getByLabel('层级')).toHaveValue('city')
  await expect(page.locator('table.ranking tbody tr')).toHaveCount(2)

  const csv = page.waitForEvent('download')
  await page.getByRole('button', { name: '下载数据（CSV）' }).click()
  expect((await csv).suggestedFilename()).toBe('gongkai-applications_new-2022-99.csv')
  const svg = page.waitForEvent('download')
  await page.getByRole('button', { name: '下载图表（SVG）' }).click()
  expect((await svg).suggestedFilename()).toBe('gongkai-applications_new-2022-99.svg')
  await fitsThePhone(page)
  await expectNoAxeViolations(page)
})

test('shows who published on time, late or not at all, in words, with a feed', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/compliance?year=2020')
  await expect(page.getByRole('heading', { level: 1, name: '年度报告按时发布情况' })).toBeVisible()
  // The city government never published its 2020 report; its department did, on time.
  const city = page.getByRole('row', { name: /杭州市人民政府/ })
  await expect(city).toContainText('逾期未发布')
  await expect(city).toContainText(/已逾期 \d+ 天/)
  await expect(page.getByRole('row', { name: /杭州市行政审批服务管理办公室/ })).toContainText('按时发布')
  await expect(page.getByRole('row', { name: /示例省人民政府/ })).toContainText('按时发布')
  await expect(page.getByRole('link', { name: '逾期与更正的订阅源（Atom）' })).toHaveAttribute(
    'href',
    /\/api\/compliance\/feed\.atom\?year=2020/,
  )
  await fitsThePhone(page)
  await expectNoAxeViolations(page)

  // English, second.
  await page.getByRole('button', { name: '切换语言' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Were the annual reports published on time?' })).toBeVisible()
  await expect(page.getByRole('row', { name: /示例省人民政府/ })).toContainText('Published on time')
  await expectNoAxeViolations(page)
})

test('totals a region for a year, down through its sub-regions', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/regions/990000?year=2022')
  await expect(page.getByRole('heading', { level: 1, name: '示例省人民政府 2022年度汇总' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '计入 5 份已发布报告' })).toBeVisible()
  await expect(
    page
      .getByRole('region', { name: '主要数据' })
      .getByRole('row', { name: /本年新收政府信息公开申请|本年新收申请/ })
      .first(),
  ).toBeVisible()
  await fitsThePhone(page)
  await expectNoAxeViolations(page)
  // The sub-region comes before the agencies, whose own links open their reports.
  await page.getByRole('link', { name: '示例市人民政府' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: '示例市人民政府 2022年度汇总' })).toBeVisible()
  await expect(page).toHaveURL(/\/regions\/9901\?year=2022/)
})

test("every report links to its region's summary for its year, in both languages", async ({ page }) => {
  test.setTimeout(120_000)
  const id = await reportId(page, 'demo-990100-amr', 2021)
  await page.goto(`/reports/${id}`)
  await page.getByRole('link', { name: '所在地区汇总' }).click()
  await expect(page).toHaveURL(/\/regions\/990100\?year=2021$/)
  await expect(page.getByRole('heading', { level: 1, name: '示例市人民政府 2021年度汇总' })).toBeVisible()

  await page.goto(`/reports/${id}`)
  await page.getByRole('button', { name: '切换语言' }).click()
  await page.getByRole('link', { name: "This region's summary" }).click()
  await expect(page.getByRole('heading', { level: 1, name: /: totals for 2021$/ })).toBeVisible()
  await expect(page).toHaveURL(/\/regions\/990100\?year=2021$/)
})

test('filters the search on the home page by year, level and kind, in a link that reloads', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await page.getByLabel('年度').selectOption('2022')
  await page.getByLabel('层级').selectOption('city')
  await page.getByLabel('机关类型').selectOption('department')
  await page.getByRole('button', { name: '搜索' }).click()
  await expect(page).toHaveURL(/year=2022/)
  await expect(page).toHaveURL(/level=city/)
  const results = page.getByRole('region', { name: /找到 1 份报告/ }).or(page.locator('section[aria-labelledby="results-h"]'))
  await expect(page.getByRole('heading', { name: '找到 1 份报告' })).toBeVisible()
  await expect(results.locator('.report-list li')).toHaveCount(1)
  await expect(results.locator('.report-list li')).toContainText('示例市市场监督管理局')
  await page.reload()
  await expect(page.getByLabel('机关类型')).toHaveValue('department')
  await expect(page.getByRole('heading', { name: '找到 1 份报告' })).toBeVisible()
  await fitsThePhone(page)
  await expectNoAxeViolations(page)
})
