import { defineConfig } from 'vitest/config'

// Hang guards, not timings: CI shares two cores with other test suites, and a test that takes
// 50 ms on an idle core can take seconds there. Tests wait for states; this only stops a hang.
export default defineConfig({ test: { testTimeout: 60_000 } })
