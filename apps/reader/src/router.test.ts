import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick } from 'vue'
import { describe, expect, it, vi } from 'vitest'
import { navigate, resolve, router, RouterLink, useRoute } from './router.ts'

describe('the reader router', () => {
  it('builds links from paths, named routes with params, and new query on the current page', () => {
    expect(resolve('/saved')).toBe('/saved')
    expect(resolve({ name: 'report', params: { id: 'a b/c' } })).toBe('/reports/a%20b%2Fc')
    expect(resolve({ name: 'agency', params: { code: '330100' }, hash: '#y2021' })).toBe('/agencies/330100#y2021')
    const report = { name: 'report', path: '/reports/r1', params: { id: 'r1' }, query: {}, hash: '', fullPath: '/reports/r1' }
    expect(resolve({ query: { view: 'tu' } }, report)).toBe('/reports/r1?view=tu')
    expect(resolve({ query: {} }, report)).toBe('/reports/r1')
  })

  it('navigates in history once the page has loaded, keeps the query on replace, and marks the current link', async () => {
    const Shell = defineComponent({
      setup() {
        const route = useRoute()
        return () => [
          h(RouterLink, { to: '/saved' }, () => 'saved'),
          h(RouterLink, { to: { name: 'agency', params: { code: '330100' } } }, () => 'agency'),
          h('output', route.name + ' ' + JSON.stringify(route.query)),
          h(RouterLink, { to: { query: { view: 'tu' } }, replace: true }, () => 'tu'),
        ]
      },
    })
    const wrapper = mount(Shell, { global: { plugins: [router] }, attachTo: document.body })
    await navigate('/saved')
    await nextTick()
    expect(location.pathname).toBe('/saved')
    const links = wrapper.findAll('a')
    expect(links[0]!.attributes('aria-current')).toBe('page')
    expect(links[0]!.classes()).toContain('router-link-exact-active')
    expect(links[1]!.attributes('aria-current')).toBeUndefined()

    const before = history.length
    await links[1]!.trigger('click', { button: 0 })
    // The page's chunk loads before the address changes.
    await vi.waitFor(() => expect(location.pathname).toBe('/agencies/330100'), { timeout: 15_000 })
    await nextTick()
    expect(history.length).toBe(before + 1)
    expect(wrapper.find('output').text()).toBe('agency {}')

    // A replace link changes the query without a new history entry.
    await wrapper.findAll('a')[2]!.trigger('click', { button: 0 })
    await vi.waitFor(() => expect(location.search).toBe('?view=tu'), { timeout: 15_000 })
    await nextTick()
    expect(history.length).toBe(before + 1)
    expect(wrapper.find('output').text()).toBe('agency {"view":"tu"}')
    wrapper.unmount()
  }, 30_000)
})
