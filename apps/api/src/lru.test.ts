import { describe, expect, it } from 'vitest'
import { Lru } from './lru.ts'

describe('Lru', () => {
  it('keeps the most recently used entries', async () => {
    const lru = new Lru<string, number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    expect(lru.get('a')).toBe(1)
    lru.set('c', 3)
    expect(lru.get('b')).toBeUndefined()
    expect(await lru.getOrSet('a', () => 99)).toBe(1)
    expect(await lru.getOrSet('d', async () => 4)).toBe(4)
    expect(lru.get('c')).toBeUndefined()
  })
})
