import { expect, test } from '@playwright/test'
import { adminApi } from '../support/admin.ts'
import { expectNoAxeViolations } from '../support/axe.ts'
import { openControlled } from '../support/pwa.ts'

// Saved copies stay honest: online, the reader asks about what it saved. A withdrawn report shows the
// notice and its reason (offline too), a corrected one offers its new revision, and offline a copy
// says when it was saved.
test('a saved report withdrawn since shows the withdrawal and its reason; a corrected one offers the new revision', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const admin = await adminApi(baseURL!)
  const withdrawnId = await admin.reportId('demo-990100', 2021)
  const correctedId = await admin.reportId('demo-990100', 2022)

  // The reader saves both.
  for (const id of [withdrawnId, correctedId]) {
    await openControlled(page, `/reports/${id}`)
    await page.getByRole('button', { name: '保存到本机' }).click()
    await expect(page.getByRole('button', { name: '已保存（更新）' })).toBeVisible()
  }

  // Offline, a copy says the day it was saved.
  await context.setOffline(true)
  await page.goto(`/reports/${correctedId}`)
  const today = new Date().toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' })
  await expect(page.getByRole('note')).toHaveText(`离线阅读本机保存的副本（保存于 ${today}）`)
  await context.setOffline(false)

  // Meanwhile the agency withdraws one and corrects the other.
  await admin.withdraw(withdrawnId, '数据统计口径有误，待核实后重新发布')
  await admin.correct(correctedId, '标题补充说明')
  await admin.dispose()

  // Back online, the reader checks its saved copies.
  await page.goto('/saved')
  const withdrawn = page.locator('.saved-list li', { hasText: '示例市人民政府2021年' })
  await expect(withdrawn).toContainText('已撤回')
  await expect(withdrawn).toContainText('撤回原因：数据统计口径有误，待核实后重新发布')
  const corrected = page.locator('.saved-list li', { hasText: '示例市人民政府2022年' })
  await expect(corrected).toContainText('已发布更正：第 2 版')
  await expect(corrected.getByRole('button', { name: '更新本机副本（第 2 版）' })).toBeVisible()
  await expect(page.locator('.saved-meta').first()).toContainText(`保存于 ${today}`)
  await expectNoAxeViolations(page)

  // Offline, the withdrawn copy no longer opens in full: it shows the notice and the reason.
  await context.setOffline(true)
  await page.goto(`/reports/${withdrawnId}`)
  await expect(page.getByText('该报告已由发布机关撤回。')).toBeVisible()
  await expect(page.getByText('撤回原因：数据统计口径有误，待核实后重新发布')).toBeVisible()
  await expect(page.locator('article')).toHaveCount(0)
  // The corrected copy still opens (it is what was published then), and says a correction is out.
  await page.goto(`/reports/${correctedId}`)
  await expect(page.locator('article h1')).toBeVisible()
  await expect(page.getByText('本机副本为第 1 版，已发布第 2 版更正，联网后可更新。')).toBeVisible()
  await context.setOffline(false)

  // Online, the new revision is one press away.
  await page.goto('/saved')
  await corrected.getByRole('button', { name: '更新本机副本（第 2 版）' }).click()
  await expect(corrected).not.toContainText('已发布更正')
  await context.setOffline(true)
  await page.goto(`/reports/${correctedId}`)
  await expect(page.locator('.revision-line')).toContainText('第 2 版')
  await expect(page.locator('article h1')).toContainText('（更正）')
  await context.setOffline(false)
})
