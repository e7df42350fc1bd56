import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiFailure, api, setCsrfToken } from '../api.ts'

export interface Me {
  id: string
  username: string
  displayName: string
  isAdmin: boolean
  memberships: Array<{ agencyId: string; role: string }>
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<Me | null>(null)
  const checked = ref(false)

  async function refresh() {
    try {
      const me = await api<{ user: Me; csrfToken: string }>('GET', '/api/auth/me')
      user.value = me.user
      setCsrfToken(me.csrfToken)
    } catch (e) {
      if (!(e instanceof ApiFailure) || e.status !== 401) throw e
      user.value = null
      setCsrfToken(null)
    } finally {
      checked.value = true
    }
  }

  async function login(username: string, password: string) {
    await api('POST', '/api/auth/login', { username, password })
    await refresh()
  }

  async function logout() {
    await api('POST', '/api/auth/logout')
    user.value = null
    setCsrfToken(null)
  }

  return { user, checked, refresh, login, logout }
})
