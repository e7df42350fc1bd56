import { expect, request, test } from '@playwright/test'
import { signIn } from '../support/admin.ts'
import { expectNoAxeViolations } from '../support/axe.ts'

// Roles hold for jobs as for every other action: an editor sees a scheduled publication of their
// agency, but only a publisher may cancel it. The page says so in both languages, and the job
// stays scheduled.

const EDITOR = { username: 'e2e-editor-jobs', password: 'editor-jobs-password-1' }

test('an editor who tries to cancel a scheduled publication is told only a publisher may, and it stays scheduled', async ({
  page,
  baseURL,
}) => {
  // What the agency's publisher did: a correction scheduled for a date far ahead.
  const admin = await request.newContext({ baseURL })
  expect((await admin.post('/api/auth/login', { data: { username: 'admin', password: process.env.GK_ADMIN_PASSWORD! } })).status()).toBe(
    200,
  )
  const csrf = ((await (await admin.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken
  const send = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> => {
    const res = await admin.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } })
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true)
    return (await res.json()) as T
  }
  const { items } = (await (await admin.get('/api/reports?agency=demo-990102&limit=50')).json()) as {
    items: Array<{ id: string; year: number }>
  }
  const id = items.find((r) => r.year === 2022)!.id
  const { report, draft } = await send<{ report: { agency: { id: string } }; draft: { version: number; document: { title: string } } }>(
    'GET',
    `/api/admin/reports/${id}`,
  )
  const saved = await send<{ version: number }>('PUT', `/api/admin/reports/${id}/draft`, {
    version: draft.version,
    document: { ...draft.document, title: `${draft.document.title}（定时更正）` },
  })
  const reason = '更正标题 / title corrected'
  await send('POST', `/api/admin/reports/${id}/schedule`, {
    version: saved.version,
    at: '2099-01-31T09:00',
    note: reason,
    acknowledgement: reason,
  })
  await send('POST', '/api/admin/users', {
    ...EDITOR,
    displayName: '编辑甲',
    memberships: [{ agencyId: report.agency.id, role: 'editor' }],
  })
  await admin.dispose()

  await signIn(page, EDITOR.username, EDITOR.password)
  await page.getByRole('navigation').getByRole('link', { name: /任务/ }).click()
  const row = page.getByRole('row', { name: /定时发布/ }).first()
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: /取消|Cancel/ }).click()
  const refusal = page.getByTestId('job-refusal')
  await expect(refusal).toHaveAttribute('role', 'alert')
  await expect(refusal).toContainText('无权取消')
  await expect(refusal).toContainText('发布者')
  await expect(refusal).toContainText('only a publisher of its agency may cancel or retry a scheduled publication')
  // Still scheduled, after the page is loaded again.
  await page.reload()
  await expect(page.getByRole('row', { name: /定时发布/ }).first()).toContainText(/排队|queued/i)
  await expectNoAxeViolations(page)
})
