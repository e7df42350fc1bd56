import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { signIn, uploadForImport } from '../support/admin.ts'
import { expectNoAxeViolations } from '../support/axe.ts'

const SEED = readFileSync(resolve(import.meta.dirname, '../../packages/importer/fixtures/seed-hangzhou-spb-2020.txt'), 'utf8')

test('upload three report files, watch the batch reach 3/3, and open the three drafts', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-batch-'))
  const files = [2010, 2011, 2012].map((year) => {
    const path = join(dir, `report-${year}.txt`)
    writeFileSync(path, SEED.replaceAll('2020', String(year)))
    return path
  })

  await signIn(page)
  await uploadForImport(page, '示例省人民政府', files)

  await expect(page.getByTestId('job-progress')).toHaveText(/^3\/3 · succeeded$/, { timeout: 30_000 })
  const drafts = page.locator('.job-files a')
  await expect(drafts).toHaveCount(3)
  await expect(drafts).toHaveText(['2010 年度草稿 draft', '2011 年度草稿 draft', '2012 年度草稿 draft'])
  await expectNoAxeViolations(page)

  for (const year of [2010, 2011, 2012]) {
    await page.getByRole('link', { name: `${year} 年度草稿 draft` }).click()
    await expect(page.getByRole('heading', { level: 1, name: `示例省人民政府 · ${year}` })).toBeVisible()
    await page.goBack()
  }

  await page.getByRole('navigation').getByRole('link', { name: /任务/ }).click()
  await expect(page.getByRole('row', { name: /批量导入/ }).first()).toContainText('3/3')
  await expectNoAxeViolations(page)
})
