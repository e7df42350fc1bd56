import { defineConfig } from 'vitest/config'

// Each suite has a database of its own (an in-memory SQLite, its own PostgreSQL schema, its own D1),
// so test files run two at a time: the API's tests were CI's longest step run one file at a time
// (12 min of a 27 min run; 7.7 min two at a time, the time limits inside them sized for that load).
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: true, maxWorkers: 2 } })
