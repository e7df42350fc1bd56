import { createRouter, createWebHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', name: 'home', component: () => import('./pages/HomePage.vue') },
    { path: '/reports/:id', name: 'report', component: () => import('./pages/ReportPage.vue'), props: true },
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
  ],
  scrollBehavior: (to) => (to.hash ? { el: decodeURIComponent(to.hash) } : { top: 0 }),
})
