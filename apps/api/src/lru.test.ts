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

describe('Lru with a weight budget', () => {
  it('drops the oldest entries until the total weight fits, and never keeps a value heavier than the budget', () => {
    const lru = new Lru<string, string>(100, { maxWeight: 10, weigh: (v) => v.length })
    lru.set('a', 'xxxx')
    lru.set('b', 'xxxx')
    expect(lru.totalWeight).toBe(8)
    lru.set('c', 'xxxx')
    expect(lru.get('a')).toBeUndefined()
    expect(lru.get('b')).toBe('xxxx')
    expect(lru.totalWeight).toBe(8)
    lru.set('b', 'x')
    expect(lru.totalWeight).toBe(5)
    lru.set('huge', 'x'.repeat(11))
    expect(lru.get('huge')).toBeUndefined()
    expect(lru.size).toBe(2)
    expect(lru.totalWeight).toBe(5)
  })
})
