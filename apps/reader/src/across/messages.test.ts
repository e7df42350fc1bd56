import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '../i18n.ts'
import { shared, useAcross, type Strings } from './messages.ts'
import board from './strings/board.ts'
import compare from './strings/compare.ts'
import region from './strings/region.ts'
import stats from './strings/stats.ts'

const keys = (tree: Strings, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))

describe('the strings of the pages across reports', () => {
  afterEach(() => setLocale('zh-CN'))

  it('has an English text for every Chinese one, and no key in two tables', () => {
    const tables = { shared, board, compare, region, stats }
    for (const t of Object.values(tables)) expect(keys(t.en).sort()).toEqual(keys(t.zh).sort())
    const all = Object.values(tables).flatMap((t) => keys(t.zh))
    expect(all.filter((k, i) => all.indexOf(k) !== i)).toEqual([])
  })

  it('finds a page’s own strings and the shared ones, in the reader’s language', () => {
    const { tx } = useAcross(stats)
    expect(tx('stats.total', { value: '12 件', n: 3 })).toBe('合计 12 件，计入 3 份报告')
    expect(tx('filter.year')).toBe('年度')
    setLocale('en')
    expect(tx('stats.total', { value: '12', n: 3 })).toBe('Total 12, over 3 reports')
    expect(tx('value.not_reported')).toBe('not given')
  })

  it('does not show another page’s strings, and names a missing key rather than showing nothing', () => {
    const { tx } = useAcross(compare)
    expect(tx('stats.title')).toBe('stats.title')
    expect(tx('compare.title')).toBe('对比报告')
  })
})
