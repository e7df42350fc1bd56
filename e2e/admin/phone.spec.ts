import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { signIn, uploadForImport } from '../support/admin.ts'
import { expectNoAxeViolations } from '../support/axe.ts'
import { expectFitsWidth, expectWithinWidth } from '../support/fit.ts'

// The admin on a phone: every page fits 360 px with no sideways scroll, lists read as cards
// with their time and actions in view, and axe stays clean.
test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true })

const SEED = readFileSync(resolve(import.meta.dirname, '../../packages/importer/fixtures/seed-hangzhou-spb-2020.txt'), 'utf8')
const AMR = '示例市市场监督管理局'

async function check(page: Page, name: string) {
  await test.step(name, async () => {
    await expectFitsWidth(page)
    await expectNoAxeViolations(page)
  })
}

test('every admin page fits a 360 px phone, lists become cards, axe stays clean', async ({ page }) => {
  test.setTimeout(240_000)
  await page.goto('/admin/login')
  await expect(page.getByRole('button', { name: /登录/ })).toBeVisible()
  await check(page, 'login')

  await signIn(page)
  await expect(page.locator('table.cards').first()).toBeVisible()
  // Everything the dashboard loads: reports, the deadlines of every agency, the reminders.
  await expect(page.getByRole('heading', { name: /法定期限/ })).toBeVisible()
  await expect(page.getByRole('heading', { name: /期限提醒/ })).toBeVisible()
  await check(page, 'dashboard')
  // A report row reads as a card: its agency, title and status are in view without scrolling sideways.
  const card = page.locator('table.reports tbody tr').first()
  await expectWithinWidth(card)
  await expectWithinWidth(card.getByRole('link'))

  // The editor, on a new draft with its tables.
  await page.getByLabel(/^机关/).selectOption({ label: AMR })
  await page.getByLabel(/^年度/).fill('2015')
  await page.getByRole('button', { name: /新建/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: `${AMR} · 2015` })).toBeVisible()
  await expect(page.locator('[data-cell="三:new|natural"]')).toBeVisible()
  await check(page, 'editor')
  for (const tab of [/正文/, /关键数字/, /预览/, /发布/]) {
    await page.getByRole('tab', { name: tab }).click()
    await expect(page.getByRole('tabpanel')).toBeVisible()
    await expectFitsWidth(page)
  }

  // Import, then a batch: the job page and the jobs list.
  await page.getByRole('navigation').getByRole('link', { name: /导入/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /导入报告/ })).toBeVisible()
  await check(page, 'import')
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-phone-'))
  const files = [2016, 2017].map((year) => {
    const path = join(dir, `amr-${year}.txt`)
    writeFileSync(
      path,
      SEED.replaceAll('2020', String(year)).replaceAll('杭州市行政审批服务管理办公室', AMR).replaceAll('杭州市审管办', AMR),
    )
    return path
  })
  await uploadForImport(page, AMR, files)
  await expect(page.getByTestId('job-progress')).toHaveText(/^2\/2 · succeeded$/, { timeout: 60_000 })
  await check(page, 'job')

  await page.getByRole('navigation').getByRole('link', { name: /任务/ }).click()
  const job = page.getByRole('row', { name: /批量导入/ }).first()
  await expect(job).toContainText('2/2')
  await check(page, 'jobs')
  // Its time and its actions are on screen, not off to the right.
  for (const cell of await job.getByRole('cell').all()) await expectWithinWidth(cell)
  await expect(job.locator('td.when')).toContainText(/\d{4}\/\d{1,2}\/\d{1,2}/)

  await page.getByRole('navigation').getByRole('link', { name: /机关/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /机关/ })).toBeVisible()
  // The tree goes down to the street office (街道), under its district, under the city, under the province.
  const street = page
    .locator('.agency-tree li', { hasText: '示例省人民政府' })
    .locator('li', { hasText: '示例市人民政府' })
    .locator('li', { hasText: '示例市示例区人民政府' })
    .locator('li', { hasText: '示例市示例区示例街道办事处' })
  await expect(street).toContainText('乡镇街道 township')
  await check(page, 'agencies')

  await page.getByRole('navigation').getByRole('link', { name: /用户/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /用户/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /admin/ }).first()).toBeVisible()
  await check(page, 'users')
  const admin = page.getByRole('row', { name: /admin/ }).first()
  await expectWithinWidth(admin.getByRole('button', { name: /重设密码/ }))
})
