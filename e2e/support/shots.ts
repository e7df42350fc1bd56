import type { Page, TestInfo } from '@playwright/test'

/** A screenshot of the window, kept beside the test's other output and attached to its report (a CI artifact). */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}
