import { expect, type Page } from '@playwright/test'

/** Open the reader and wait until its service worker controls the page. */
export async function openControlled(page: Page, path = '/'): Promise<void> {
  await page.goto(path)
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state)), { timeout: 15_000 })
    .toBe('activated')
  // registerType 'prompt' does not claim open pages: the first load needs one reload.
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload()
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
}
