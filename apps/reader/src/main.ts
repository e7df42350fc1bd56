import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
// The reports chosen for comparison are app state, like the stores: the report page, the rankings
// and the comparison all use them, so they load with the app (about 0.3 KB) rather than as a chunk
// of their own that each of those pages would fetch (0.5 KB and a request's headers, 0.4 KB).
import './across/compare-list.ts'
import { useI18n } from './i18n.ts'
import { router } from './router.ts'
import './style.css'

document.documentElement.lang = useI18n().locale.value
createApp(App).use(createPinia()).use(router).mount('#app')
