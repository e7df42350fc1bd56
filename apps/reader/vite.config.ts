/// <reference types="vitest/config" />
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import cssInjectedByJs from 'vite-plugin-css-injected-by-js'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  plugins: [
    vue(),
    // The styles of a lazily loaded chunk (a page, the charts) travel in its script, which adds them
    // to <head> when it runs, before the page renders: one request fewer per chunk with styles (each
    // costs about 0.4 KB of headers over HTTP/1.1). The entry's stylesheet stays a <link> in the
    // HTML, so the first paint is styled (colour scheme) before any script runs. The pages' CSP allows
    // inline styles.
    cssInjectedByJs({ relativeCSSInjection: true, jsAssetsFilterFunction: (chunk) => !chunk.isEntry, suppressUnusedCssWarning: true }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      // Registered by the update prompt (useRegisterSW), which checks hourly and on focus.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: '公开 · 政府信息公开工作年度报告',
        short_name: '公开',
        description:
          '政府信息公开工作年度报告的文字版与图解版，可离线阅读。Government information-disclosure annual reports, readable offline.',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        theme_color: '#8b1a1a',
        background_color: '#ffffff',
        icons: [
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'] },
    }),
  ],
  base: '/',
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  // The manifest maps each page to its chunks and CSS, for the byte-budget test (src/budgets.test.ts).
  build: {
    target: 'es2022',
    cssCodeSplit: true,
    assetsInlineLimit: 0,
    manifest: true,
    rolldownOptions: {
      // The charts' modules do nothing when imported but define components and functions (what
      // "sideEffects": false in their package would say). Without this, the styles of charts that
      // /stats never draws count as effects and their chunk is loaded with it.
      treeshake: { moduleSideEffects: [{ test: /packages[\\/]charts[\\/]src[\\/][^?]*\.(vue|ts)$/, sideEffects: false }] },
      output: {
        // The default split put every chart of @gongkai/charts (and d3) in one chunk shared by
        // the 图解 and /stats, which draws bars only. Here: what a bar chart needs, the other charts,
        // and the small modules of the pages across reports, each in one chunk (fewer requests).
        // Only the matched modules move (not what they import), so Vue stays in the entry chunk.
        codeSplitting: {
          groups: [
            {
              name: 'bars',
              test: /packages[\\/]charts[\\/]src[\\/](BarChart|ChartFrame|format|bar|palette|size|text)\.|[\\/]d3-array[\\/]/,
              includeDependenciesRecursively: false,
            },
            { name: 'charts', test: /packages[\\/]charts[\\/]src[\\/]/, includeDependenciesRecursively: false },
            {
              name: 'across',
              test: /src[\\/]across[\\/](messages|filters|styles|across|more|FetchedNote|AcrossFilters|ScrollTable)\./,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  // A hang guard sized for a loaded two-core machine, not a timing.
  test: { environment: 'happy-dom', testTimeout: 60_000 },
})
