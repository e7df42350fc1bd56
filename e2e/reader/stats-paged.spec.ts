import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from '../support/axe.ts'

// A ranking of a whole province is thousands of agencies; the API gives them 200 at a time. On a
// phone the table shows the first page, says how many there are, and "show more" appends the next;
// the downloaded CSV holds every agency, not only those shown. The sample data has a handful of
// agencies, so the API's answer is played here by the test: 450 agencies, paged as the API pages.

test.use({ serviceWorkers: 'block' })

const COUNT = 450

function group(i: number) {
  const code = `t-${String(i).padStart(4, '0')}`
  const agency = { id: `a-${i}`, name: `测试第${i + 1}局`, code, level: 'county', kind: 'department', regionCode: '990101' }
  return {
    key: code,
    label: { zh: agency.name, en: `Test bureau ${i + 1}` },
    value: (COUNT - i) * 3,
    rank: i + 1,
    reports: 1,
    reportId: `r-${i}`,
    agency,
    excluded: {},
    templates: ['2021'],
  }
}

test('a ranking of 450 agencies comes a page at a time, and its CSV holds all 450', async ({ page }) => {
  test.setTimeout(120_000)
  const asked: string[] = []
  await page.route(/\/api\/stats\?/, async (route) => {
    const url = new URL(route.request().url())
    asked.push(url.search)
    const offset = Number(url.searchParams.get('offset') ?? 0)
    const limit = Number(url.searchParams.get('limit') ?? 200)
    const end = Math.min(COUNT, offset + limit)
    await route.fulfill({
      json: {
        metric: { id: 'applications_new', zh: '本年新收政府信息公开申请数量', en: 'New applications', unit: '件' },
        filter: { year: 2022, region: '99', level: null, kind: null, groupBy: 'agency' },
        total: { value: 304_425, reports: COUNT },
        reports: { total: COUNT, included: COUNT, excluded: 0 },
        comparable: true,
        groupCount: COUNT,
        groups: Array.from({ length: end - offset }, (_, k) => group(offset + k)),
        nextOffset: end < COUNT ? end : null,
        excluded: [],
        missingCount: 250,
        missing: Array.from({ length: 200 }, (_, k) => ({ ...group(COUNT + k).agency })),
      },
    })
  })
  await page.goto('/stats?metric=applications_new&year=2022&region=99')
  const rows = page.locator('table.ranking tbody tr')
  await expect(rows).toHaveCount(200)
  // The chart's summary counts every agency, and the note says the table goes on.
  await expect(page.locator('figure')).toContainText('共 450 个机关')
  await expect(page.getByText('表格逐页列出全部')).toBeVisible()
  // A list the answer gives only the first part of says so.
  await expect(page.getByText('没有该年度报告的机关（250），仅列出前 200 个')).toBeVisible()

  await page.getByRole('button', { name: '显示更多机关（已显示 200 / 450）' }).click()
  await expect(rows).toHaveCount(400)
  await expect(rows.nth(399).locator('td').first()).toHaveText('400')
  await page.getByRole('button', { name: '显示更多机关（已显示 400 / 450）' }).click()
  await expect(rows).toHaveCount(450)
  await expect(page.getByRole('button', { name: /显示更多机关/ })).toHaveCount(0)
  await expectNoAxeViolations(page)

  // Back to the first page: the download fetches what is not shown, and holds every agency once.
  await page.reload()
  await expect(rows).toHaveCount(200)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: '下载数据（CSV）' }).click()
  const file = await (await download).path()
  const lines = (await readFile(file, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
  expect(lines).toHaveLength(COUNT + 1)
  expect(lines[1]).toContain('测试第1局')
  expect(lines[COUNT]).toContain('测试第450局')
  expect(new Set(lines.slice(1).map((l) => l.split(',')[2])).size).toBe(COUNT)
  expect(asked.some((q) => q.includes('limit=2000') && q.includes('offset=200'))).toBe(true)
})
