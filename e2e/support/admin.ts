import { expect, type Page } from '@playwright/test'

/** Sign in to the admin app (the generated admin by default) and wait for the dashboard. */
export async function signIn(page: Page, username = 'admin', password = process.env.GK_ADMIN_PASSWORD!): Promise<void> {
  await page.goto('/admin/login')
  await page.getByLabel(/用户名/).fill(username)
  await page.getByLabel(/密码/).fill(password)
  await page.getByRole('button', { name: /登录/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /报告/ })).toBeVisible()
}

/** On the import page, upload one or several files for an agency (chosen by its name). */
export async function uploadForImport(
  page: Page,
  agency: string,
  files: string | string[],
  options: { confirmMismatch?: boolean } = {},
): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: /导入/ }).click()
  // The dashboard has an agency field too: choose only once the import page is the one shown.
  await expect(page.getByRole('heading', { level: 1, name: /导入报告/ })).toBeVisible()
  await page.getByLabel(/^机关/).selectOption({ label: agency })
  await page.getByLabel(/^文件/).setInputFiles(files)
  await page.getByRole('button', { name: /^导入/ }).click()
  if (options.confirmMismatch) {
    // The file names another agency: the page says so before any draft is made.
    await expect(page.getByRole('heading', { name: /请先核对/ })).toBeVisible({ timeout: 60_000 })
    await page.getByRole('button', { name: /仍然导入/ }).click()
  }
}

/** The admin API, signed in as the generated admin: for a test's setup (what a clerk elsewhere did). */
export async function adminApi(baseURL: string) {
  const { request } = await import('@playwright/test')
  const ctx = await request.newContext({ baseURL })
  const login = await ctx.post('/api/auth/login', { data: { username: 'admin', password: process.env.GK_ADMIN_PASSWORD! } })
  expect(login.status()).toBe(200)
  const csrf = ((await (await ctx.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken
  const send = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> => {
    const res = await ctx.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } })
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true)
    return (await res.json()) as T
  }
  /** A published report's id, by agency code and year. */
  const reportId = async (agencyCode: string, year: number) => {
    const { items } = (await (await ctx.get(`/api/reports?agency=${agencyCode}&limit=200`)).json()) as {
      items: Array<{ id: string; year: number }>
    }
    return items.find((r) => r.year === year)!.id
  }
  return {
    reportId,
    withdraw: (id: string, reason: string) => send('POST', `/api/admin/reports/${id}/withdraw`, { reason }),
    /** Publish a correction that changes the title, with its reason. */
    correct: async (id: string, reason: string) => {
      const { draft } = await send<{ draft: { version: number; document: { title: string } } }>('GET', `/api/admin/reports/${id}`)
      const saved = await send<{ version: number }>('PUT', `/api/admin/reports/${id}/draft`, {
        version: draft.version,
        document: { ...draft.document, title: `${draft.document.title}（更正）` },
      })
      return send<{ revision: number }>('POST', `/api/admin/reports/${id}/correct`, {
        version: saved.version,
        reason,
        acknowledgement: reason,
      })
    },
    dispose: () => ctx.dispose(),
  }
}
