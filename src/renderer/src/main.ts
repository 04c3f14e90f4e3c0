import './zodJitless'
import 'element-plus/dist/index.css'
import 'element-plus/theme-chalk/dark/css-vars.css'
import './styles/main.css'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { useSessionStore } from './stores/session'
import { useSettingsStore } from './stores/settings'

const app = createApp(App).use(createPinia()).use(i18n).use(ElementPlus)
useSessionStore().listen()
// theme and language first, so the first paint is already in the user's choice
void useSettingsStore()
  .load()
  .finally(() => app.use(router).mount('#app'))
