import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { RECENT_PATH, askEarly, keepAnswer, reportPath } from './api.ts'
// The reports chosen for comparison are app state, like the stores: the report page, the rankings
// and the comparison all use them, so they load with the app (about 0.3 KB) rather than as a chunk
// of their own that each of those pages would fetch (0.5 KB and a request's headers, 0.4 KB).
import './across/compare-list.ts'
import { useI18n } from './i18n.ts'
import { router, useRoute } from './router.ts'
import './style.css'

document.documentElement.lang = useI18n().locale.value

// A cold visit's first screen waits for one API answer (the recent reports, or the report). The
// Node server sends it in the page (apps/api/src/first-screen.ts); a page the service worker
// controls asks the API instead, through the worker, which keeps the answer for offline reading.
const block = document.getElementById('gk-first')
let sent = false
if (block?.dataset.path && !navigator.serviceWorker?.controller) {
  try {
    keepAnswer(block.dataset.path, JSON.parse(block.textContent ?? ''))
    sent = true
  } catch {
    // Not readable: the page asks the API as usual.
  }
}
block?.remove()
// Otherwise, ask for it now, so that it travels while the page's chunk loads, not after it has run.
const first = useRoute()
if (first.name === 'home') askEarly(RECENT_PATH)
else if (first.name === 'report' && first.params.id) askEarly(reportPath(first.params.id))

const app = createApp(App).use(createPinia()).use(router)
// With its data in the page (and its chunk preloaded), the first paint shows the whole first screen
// rather than the header over an empty page, drawn again a moment later.
if (sent) void router.isReady().then(() => app.mount('#app'))
else app.mount('#app')
