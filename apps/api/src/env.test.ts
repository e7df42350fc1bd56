import { describe, expect, it } from 'vitest'
import { readConfig } from './env.ts'

describe('the environment', () => {
  it('runs the job worker inside the web process unless JOB_WORKER=apart, and names a bad value', () => {
    expect(readConfig({}).jobWorker).toBe('inside')
    expect(readConfig({ JOB_WORKER: 'apart' }).jobWorker).toBe('apart')
    expect(() => readConfig({ JOB_WORKER: 'sometimes' })).toThrow(/JOB_WORKER/)
  })
})
