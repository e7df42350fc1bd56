/// <reference types="vitest/config" />
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [vue()],
  base: '/admin/',
  build: { target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  // A hang guard sized for a loaded two-core machine, not a timing.
  test: { environment: 'happy-dom', testTimeout: 60_000 },
})
