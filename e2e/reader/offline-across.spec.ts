import { expect, test, type Page } from '@playwright/test'
import { openControlled } from '../support/pwa.ts'

// The pages across reports, once visited, open again with the network off: they show the answers
// kept on the phone and say when those were fetched. Online they show no such note.

async function reportId(page: Page, code: string, year: number): Promise<string> {
  const res = await page.request.get(`/api/reports?agency=${code}&year=${year}`)
  return ((await res.json()) as { items: Array<{ id: string }> }).items[0]!.id
}

const NOTE = /网络不可用：以下是 .+ 获取并保存在本机的数据/

test('rankings, comparisons, the compliance board and region totals reopen offline, saying when their data was fetched', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000)
  const a = await reportId(page, 'demo-990100-amr', 2020)
  const b = await reportId(page, 'demo-990100-amr', 2021)
  const pages: Array<{ url: string; shows: (p: Page) => Promise<void> }> = [
    {
      url: '/stats?metric=applications_new&year=2022&region=99',
      shows: async (p) => {
        await expect(p.getByRole('status').filter({ hasText: '计入 5 份报告' })).toBeVisible()
        await expect(p.locator('table.ranking tbody tr')).toHaveCount(5)
        // The metric list came from its own answer, kept too.
        await expect(p.getByLabel('指标').locator('option')).not.toHaveCount(0)
      },
    },
    {
      url: `/compare?reports=${a},${b}`,
      shows: async (p) => {
        await expect(
          p
            .getByRole('region', { name: '主要数据' })
            .getByRole('row', { name: /本年新收申请/ })
            .first()
            .getByRole('cell'),
        ).toHaveCount(3)
      },
    },
    {
      url: '/compliance?year=2020',
      shows: async (p) => {
        await expect(p.getByRole('row', { name: /杭州市人民政府/ })).toContainText('逾期未发布')
      },
    },
    {
      url: '/regions/990000?year=2022',
      shows: async (p) => {
        await expect(p.getByRole('heading', { level: 1, name: '示例省人民政府 2022年度汇总' })).toBeVisible()
        await expect(p.getByRole('status').filter({ hasText: '计入 5 份已发布报告' })).toBeVisible()
      },
    },
  ]

  await openControlled(page, '/stats')
  for (const { url, shows } of pages) {
    await page.goto(url)
    await shows(page)
    await expect(page.getByRole('note').filter({ hasText: NOTE })).toHaveCount(0)
  }

  await context.setOffline(true)
  for (const { url, shows } of pages) {
    await page.goto(url)
    await shows(page)
    await expect(page.getByRole('note').filter({ hasText: NOTE })).toBeVisible()
  }
  // Within the app too, without a reload: back from the region to the board.
  await page.goBack()
  await expect(page.getByRole('row', { name: /杭州市人民政府/ })).toContainText('逾期未发布')
  await expect(page.getByRole('note').filter({ hasText: NOTE })).toBeVisible()

  // A ranking never asked for says it cannot be shown offline, rather than showing nothing.
  await page.goto('/stats?metric=applications_new&year=2021&region=99')
  await expect(page.getByRole('alert')).toContainText('当前离线')
  await context.setOffline(false)
})
