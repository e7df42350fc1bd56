import { createRouter, createWebHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', name: 'home', component: () => import('./pages/HomePage.vue') },
    { path: '/browse', name: 'browse', component: () => import('./pages/BrowsePage.vue') },
    { path: '/agencies/:code', name: 'agency', component: () => import('./pages/AgencyPage.vue'), props: true },
    { path: '/saved', name: 'saved', component: () => import('./pages/SavedPage.vue') },
    { path: '/reports/:id', name: 'report', component: () => import('./pages/ReportPage.vue'), props: true },
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
  ],
  scrollBehavior: (to) => (to.hash ? { el: decodeURIComponent(to.hash) } : { top: 0 }),
})

// After a deploy, an old page may ask for a chunk that no longer exists. Load the new version
// once instead of leaving a white screen.
router.onError((error, to) => {
  const missingChunk = /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(String(error?.message ?? error))
  if (missingChunk && sessionStorage.getItem('gk-chunk-reload') !== to.fullPath) {
    sessionStorage.setItem('gk-chunk-reload', to.fullPath)
    window.location.assign(to.fullPath)
  }
})
