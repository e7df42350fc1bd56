import { describe, expect, it } from 'vitest'
import { rankedPage } from './stats.ts'

// The ranking as it was computed before pages: every group ordered by value, then by name, then by
// key (an agency's code, when it is an agency's group), ranked; the groups without a value last, by key.
const collator = new Intl.Collator('zh')
function fullRanking<T extends { key: string; value: number | null; rank: number | null; label: { zh: string } }>(groups: T[]): T[] {
  const byKey = (a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  // Largest value first, a tie by name then key; the groups without a value last, by key alone.
  const sorted = [...groups].sort((a, b) =>
    a.value === null && b.value === null
      ? byKey(a, b)
      : (b.value ?? -Infinity) - (a.value ?? -Infinity) || collator.compare(a.label.zh, b.label.zh) || byKey(a, b),
  )
  for (const [i, g] of sorted.entries()) {
    const before = sorted[i - 1]
    if (g.value === null) g.rank = null
    else g.rank = before !== undefined && before.value === g.value ? before.rank : i + 1
  }
  return sorted
}

// A small generator with a seed, so a failure can be replayed.
function groupsOf(seed: number, n: number) {
  let s = seed
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const names = ['北京市', '上海市', '杭州市', '西湖区', '滨江区', '阿克苏市', '重庆市', '长沙市', '拱墅区']
  return Array.from({ length: n }, (_, i) => ({
    key: `g${i}`,
    // Few distinct values, so most groups tie; some without a value; some names alike.
    value: next() < 0.15 ? null : Math.floor(next() * 6) * 2.5,
    rank: null as number | null,
    label: { zh: `${names[Math.floor(next() * names.length)] ?? ''}${Math.floor(next() * 4)}` },
  }))
}

describe('a page of the ranking', () => {
  it('is the same groups, order and ranks as the whole ranking, for every page size', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      for (const n of [0, 1, 7, 60, 333]) {
        const whole = fullRanking(groupsOf(seed, n)).map((g) => ({ key: g.key, rank: g.rank }))
        for (const limit of [1, 3, 10, 100, 500]) {
          const joined: Array<{ key: string; rank: number | null }> = []
          for (let offset = 0; offset < n + limit; offset += limit)
            joined.push(...rankedPage(groupsOf(seed, n), offset, limit).map((g) => ({ key: g.key, rank: g.rank })))
          expect(joined, `seed ${seed}, ${n} groups, ${limit} a page`).toEqual(whole)
        }
      }
    }
  })

  it('starts anywhere: a page from an offset inside a tie', () => {
    const whole = fullRanking(groupsOf(7, 200)).map((g) => g.key)
    for (const offset of [0, 13, 99, 150, 199, 200, 250])
      expect(rankedPage(groupsOf(7, 200), offset, 17).map((g) => g.key)).toEqual(whole.slice(offset, offset + 17))
  })
})
