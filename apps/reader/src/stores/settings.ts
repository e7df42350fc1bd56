import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

// 适老化: large type and high contrast, remembered on this device and applied to <html>.
const KEY = 'gk-settings-v1'

export const useSettingsStore = defineStore('settings', () => {
  const saved = (() => {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? '{}') as { largeType?: boolean; highContrast?: boolean }
    } catch {
      return {}
    }
  })()
  const largeType = ref(saved.largeType ?? false)
  const highContrast = ref(saved.highContrast ?? false)

  function apply() {
    document.documentElement.classList.toggle('large-type', largeType.value)
    document.documentElement.classList.toggle('high-contrast', highContrast.value)
    localStorage.setItem(KEY, JSON.stringify({ largeType: largeType.value, highContrast: highContrast.value }))
  }
  watch([largeType, highContrast], apply, { immediate: true })

  return { largeType, highContrast }
})
