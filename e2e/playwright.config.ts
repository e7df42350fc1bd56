import { defineConfig, devices } from '@playwright/test'

// Browser tests run against the production build served by the Node entry (see global-setup.ts),
// in Debian's Chromium: Playwright never downloads a browser here.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4180)

export default defineConfig({
  testDir: '.',
  testMatch: ['reader/**/*.spec.ts', 'admin/**/*.spec.ts'],
  globalSetup: './support/global-setup.ts',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // CI shares two cores with everything else: a state is waited for up to 15 s (an import or a
  // draft's first load took more than Playwright's default 5 s under load), never a fixed time.
  expect: { timeout: 15_000 },
  // Several tests take 20–30 s on CI's normal load (the default limit is 30 s): room for twice that.
  timeout: 90_000,
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  outputDir: 'artifacts/output',
  use: {
    baseURL: process.env.BASE_URL ?? `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'reader-phone',
      testMatch: 'reader/**/*.spec.ts',
      use: { ...devices['Pixel 5'], browserName: 'chromium', viewport: { width: 360, height: 780 }, locale: 'zh-CN' },
    },
    { name: 'admin-desktop', testMatch: 'admin/**/*.spec.ts', use: { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' } },
  ],
})
