import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { useI18n } from './i18n.ts'
import { router } from './router.ts'
import './style.css'

document.documentElement.lang = useI18n().locale.value
createApp(App).use(createPinia()).use(router).mount('#app')
