import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { signIn, uploadForImport } from '../support/admin.ts'
import { expectNoAxeViolations } from '../support/axe.ts'

const SEED = readFileSync(resolve(import.meta.dirname, '../../packages/importer/fixtures/seed-hangzhou-spb-2020.txt'), 'utf8')

test('upload four report files, watch the batch reach 4/4, open the three drafts, and see the fourth, another agency’s, flagged', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-batch-'))
  const files = [2010, 2011, 2012].map((year) => {
    const path = join(dir, `report-${year}.txt`)
    // Reports of the agency they are uploaded for: a batch files each under the agency it names.
    writeFileSync(
      path,
      SEED.replaceAll('2020', String(year))
        .replaceAll('杭州市行政审批服务管理办公室', '示例省人民政府')
        .replaceAll('杭州市审管办', '示例省人民政府'),
    )
    return path
  })
  // And one that is another agency's report.
  const other = join(dir, 'other-2013.txt')
  writeFileSync(other, SEED.replaceAll('2020', '2013'))

  await signIn(page)
  await uploadForImport(page, '示例省人民政府', [...files, other])

  await expect(page.getByTestId('job-progress')).toHaveText(/^4\/4 · succeeded$/, { timeout: 30_000 })
  const drafts = page.locator('.job-files a')
  await expect(drafts).toHaveCount(3)
  // The other agency's file is flagged in words, with what it names, and not filed here.
  const flagged = page.locator('.job-files > li', { hasText: 'other-2013.txt' })
  await expect(flagged).toContainText('文件所属机关与所选不同')
  await expect(flagged).toContainText('杭州市行政审批服务管理办公室')
  await expect(drafts).toHaveText(['2010 年度草稿 draft', '2011 年度草稿 draft', '2012 年度草稿 draft'])
  await expectNoAxeViolations(page)

  for (const year of [2010, 2011, 2012]) {
    await page.getByRole('link', { name: `${year} 年度草稿 draft` }).click()
    await expect(page.getByRole('heading', { level: 1, name: `示例省人民政府 · ${year}` })).toBeVisible()
    await page.goBack()
  }

  await page.getByRole('navigation').getByRole('link', { name: /任务/ }).click()
  await expect(page.getByRole('row', { name: /批量导入/ }).first()).toContainText('4/4')
  await expectNoAxeViolations(page)
})
