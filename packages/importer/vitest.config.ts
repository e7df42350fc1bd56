import { defineConfig } from 'vitest/config'

// Reading the first PDF loads pdf.js and its worker module, which takes seconds on a busy
// two-core machine while other packages' tests run beside it. This is a hang guard, not a timing.
export default defineConfig({ test: { testTimeout: 60_000 } })
