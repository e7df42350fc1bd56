import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import JobsPage from './JobsPage.vue'

// An editor who tries to cancel a scheduled publication is told, in both languages, why the API
// refused (403): only a publisher may. The list stays as it was.

const JOB = {
  id: 'job-1',
  type: 'publish-at',
  state: 'queued',
  runAt: '2031-01-31T01:00:00.000Z',
  attempts: 0,
  maxAttempts: 3,
  progress: { done: 0, total: 1, message: null },
  error: null,
  createdAt: '2026-01-20T00:00:00.000Z',
}

function mountJobs() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: JobsPage },
      { path: '/jobs/:id', name: 'job', component: { template: '<p>job</p>' } },
    ],
  })
  return mount(JobsPage, { global: { plugins: [router] } })
}

describe('JobsPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('says clearly when cancelling is refused with 403, and keeps the list', async () => {
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${path}`)
        if (init?.method === 'POST')
          return new Response(
            JSON.stringify({ error: { code: 'FORBIDDEN', message: '无权执行此操作', message_en: 'You may not do this' } }),
            { status: 403 },
          )
        return new Response(JSON.stringify({ items: [JOB] }), { status: 200 })
      }),
    )
    const wrapper = mountJobs()
    await flushPromises()
    const cancel = wrapper.findAll('button').find((b) => b.text().includes('Cancel'))!
    await cancel.trigger('click')
    await flushPromises()
    expect(calls).toContain('POST /api/admin/jobs/job-1/cancel')
    const alert = wrapper.find('[data-testid="job-refusal"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('无权取消')
    expect(alert.text()).toContain('发布者')
    expect(alert.text()).toContain('only a publisher of its agency may cancel or retry a scheduled publication')
    // The job is still listed, with its button.
    expect(wrapper.find('table').text()).toContain('定时发布')
    wrapper.unmount()
  })

  it('says what went wrong for a refusal that is not about rights', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init?: RequestInit) =>
        init?.method === 'POST'
          ? new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: '未找到该资源', message_en: 'Not found' } }), {
              status: 404,
            })
          : new Response(JSON.stringify({ items: [{ ...JOB, type: 'import-batch', state: 'failed' }] }), { status: 200 }),
      ),
    )
    const wrapper = mountJobs()
    await flushPromises()
    await wrapper
      .findAll('button')
      .find((b) => b.text().includes('Retry'))!
      .trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="job-refusal"]').text()).toBe('未能重试“批量导入 Batch import”：未找到该资源 / Not found')
    wrapper.unmount()
  })
})
