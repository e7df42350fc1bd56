import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { startLocale } from './i18n.ts'
import { router } from './router.ts'
import './style.css'

document.documentElement.lang = startLocale()
createApp(App).use(createPinia()).use(router).mount('#app')
