import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { signIn, uploadForImport } from '../support/admin.ts'
import { expectNoAxeViolations } from '../support/axe.ts'
import { expectFitsWidth } from '../support/fit.ts'
import { correctReviewCount, fixByKeyboard, pasteUnbalancedTables, publishFirst } from '../support/journey.ts'
import { shot } from '../support/shots.ts'

// The clerk, on a phone: import a report, fix what does not add up, publish, correct, withdraw,
// then a batch. Every step fits 360 px; a screenshot of each is kept.
test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true })

const SEED = readFileSync(resolve(import.meta.dirname, '../../packages/importer/fixtures/seed-hangzhou-spb-2020.txt'), 'utf8')
const AGENCY = '示例市市场监督管理局'
/** The seed, as this agency's report for a year. */
function reportFile(dir: string, year: number): string {
  const path = join(dir, `amr-${year}.txt`)
  writeFileSync(
    path,
    SEED.replaceAll('2020', String(year)).replaceAll('杭州市行政审批服务管理办公室', AGENCY).replaceAll('杭州市审管办', AGENCY),
  )
  return path
}

test('the clerk at 360 px: import, fix, publish, correct, withdraw, batch', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000)
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-clerk-'))
  const step = async (name: string, fn: () => Promise<void>) =>
    test.step(name, async () => {
      await fn()
      await expectFitsWidth(page)
      await shot(page, testInfo, name)
    })
  const fits = (p: Page) => expectFitsWidth(p)

  await step('01-sign-in', async () => {
    await signIn(page)
  })

  await step('02-import', async () => {
    await uploadForImport(page, AGENCY, reportFile(dir, 2019))
    // The file is read in a worker thread: on a loaded machine that takes a while.
    await expect(page.getByRole('heading', { name: /读取情况/ })).toBeVisible({ timeout: 60_000 })
    await expect(page.getByText(/原文未提供表三/)).toBeVisible()
    await expectNoAxeViolations(page)
  })

  let reportId = ''
  await step('03-fix', async () => {
    await page.getByRole('link', { name: /打开草稿/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: `${AGENCY} · 2019` })).toBeVisible()
    reportId = page.url().split('/').pop()!
    await pasteUnbalancedTables(page)
    await fits(page)
    await fixByKeyboard(page)
    await expectNoAxeViolations(page)
  })

  await step('04-publish', async () => {
    await publishFirst(page, '表二原文缺失。')
    await expectNoAxeViolations(page)
  })

  const reader = await browser.newPage({ viewport: { width: 360, height: 780 } })
  await reader.goto(`/reports/${reportId}`)
  await expect(reader.locator('[data-cell="三:new|total"]')).toHaveText('7')

  await step('05-correct', async () => {
    await correctReviewCount(page)
  })
  await reader.reload()
  await expect(reader.locator('.revision-line')).toContainText('第 2 版')

  await step('06-withdraw', async () => {
    page.once('dialog', (d) => void d.accept())
    await page.getByLabel(/撤回原因/).fill('误将他机关报告导入，撤回核实')
    await page.getByRole('button', { name: /^撤回/ }).click()
    await expect(page.getByRole('status').filter({ hasText: '已撤回' })).toBeVisible()
    await expectNoAxeViolations(page)
  })
  await reader.reload()
  await expect(reader.getByText('该报告已由发布机关撤回。')).toBeVisible()
  await expect(reader.getByText(/误将他机关报告导入，撤回核实/)).toBeVisible()
  await reader.close()

  await step('07-batch', async () => {
    await uploadForImport(page, AGENCY, [reportFile(dir, 2013), reportFile(dir, 2014)])
    await expect(page.getByTestId('job-progress')).toHaveText(/^2\/2 · succeeded$/, { timeout: 60_000 })
    await expect(page.locator('.job-files a')).toHaveText(['2013 年度草稿 draft', '2014 年度草稿 draft'])
    await expectNoAxeViolations(page)
  })

  await step('08-jobs', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /任务/ }).click()
    await expect(page.getByRole('row', { name: /批量导入/ }).first()).toContainText('2/2')
  })

  await step('09-reports', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /报告/ }).click()
    await expect(page.getByRole('heading', { name: /法定期限/ })).toBeVisible()
    const year = page.getByRole('region', { name: '2019 年度' })
    await expect(year.getByRole('row', { name: new RegExp(AGENCY) })).toContainText('已撤回')
  })
})
