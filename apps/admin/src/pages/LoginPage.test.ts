import { mount, flushPromises } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import LoginPage from './LoginPage.vue'

function mountLogin() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<p>home</p>' } },
      { path: '/login', component: LoginPage },
    ],
  })
  return { router, wrapper: mount(LoginPage, { global: { plugins: [createPinia(), router] } }) }
}

describe('LoginPage', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says, in both languages, that the username or password is wrong', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'BAD_CREDENTIALS', message: '用户名或密码错误' } }), { status: 401 })),
    )
    const { wrapper } = mountLogin()
    await wrapper.find('#username').setValue('admin')
    await wrapper.find('#password').setValue('nope')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toBe('用户名或密码错误。Wrong username or password.')
  })

  it('labels both fields for assistive technology', () => {
    const { wrapper } = mountLogin()
    expect(wrapper.find('label[for="username"]').exists()).toBe(true)
    expect(wrapper.find('#password').attributes('autocomplete')).toBe('current-password')
  })
})
