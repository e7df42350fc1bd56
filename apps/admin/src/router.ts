import { createRouter, createWebHistory } from 'vue-router'
import { onSessionExpired } from './api.ts'
import { useDraftStore } from './stores/draft.ts'
import { useSessionStore } from './stores/session.ts'

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', name: 'reports', component: () => import('./pages/DashboardPage.vue') },
    { path: '/reports/:id', name: 'editor', component: () => import('./pages/EditorPage.vue'), props: true },
    { path: '/import', name: 'import', component: () => import('./pages/ImportPage.vue') },
    { path: '/jobs', name: 'jobs', component: () => import('./pages/JobsPage.vue') },
    { path: '/jobs/:id', name: 'job', component: () => import('./pages/JobPage.vue'), props: true },
    { path: '/agencies', name: 'agencies', component: () => import('./pages/AgenciesPage.vue'), meta: { admin: true } },
    { path: '/users', name: 'users', component: () => import('./pages/UsersPage.vue'), meta: { admin: true } },
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.checked) await session.refresh()
  if (!to.meta.public && !session.user) return { name: 'login', query: { next: to.fullPath } }
  if (to.meta.admin && !session.user?.isAdmin) return { name: 'reports' }
  if (to.name === 'login' && session.user) return { name: 'reports' }
  return true
})

// An expired session: keep the work on this device and sign in again; the editor restores it.
onSessionExpired(() => {
  useDraftStore().backup()
  const session = useSessionStore()
  session.user = null
  const here = router.currentRoute.value
  if (here.name !== 'login') void router.push({ name: 'login', query: { next: here.fullPath, expired: '1' } })
})
