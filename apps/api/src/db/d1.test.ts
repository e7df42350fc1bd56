import { describe, expect, it } from 'vitest'
import { sessionFor, type D1Like } from './d1.ts'

describe('D1 sessions per request', () => {
  const calls: string[] = []
  const db: D1Like = {
    prepare: () => {
      throw new Error('not used')
    },
    batch: async () => [],
    withSession: (constraint) => {
      calls.push(constraint)
      return db
    },
  }
  const ask = (method: string, cookie?: string) => {
    calls.length = 0
    sessionFor(new Request('https://gongkai.example/api/reports', { method, headers: cookie ? { cookie } : {} }), db)
    return calls[0]
  }

  it('lets the public’s reads go to a nearby replica', () => {
    expect(ask('GET')).toBe('first-unconstrained')
    expect(ask('HEAD', 'theme=dark')).toBe('first-unconstrained')
  })

  it('starts staff and every write at the primary, so they read their own writes', () => {
    expect(ask('GET', 'gk_session=abc')).toBe('first-primary')
    expect(ask('GET', 'theme=dark; gk_session=abc')).toBe('first-primary')
    expect(ask('POST')).toBe('first-primary')
    expect(ask('PUT', 'gk_session=abc')).toBe('first-primary')
  })

  it('uses the binding as it is where sessions do not exist', () => {
    const plain: D1Like = { prepare: db.prepare, batch: db.batch }
    expect(sessionFor(new Request('https://gongkai.example/'), plain)).toBe(plain)
  })
})
