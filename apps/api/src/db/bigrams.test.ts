import { describe, expect, it } from 'vitest'
import { bigramKey, bigrams, uncased } from './bigrams.ts'

describe('search bigrams', () => {
  it('pairs neighbouring Chinese characters and digits, once each', () => {
    expect(bigrams('应急管理')).toEqual(['应急', '急管', '管理'])
    expect(bigrams('第12号，第12号')).toEqual(['第1', '12', '2号'])
  })
  it('leaves out pairs with punctuation, spaces or letters that have a case (LIKE / ILIKE fold those)', () => {
    expect(bigrams('公开。工作')).toEqual(['公开', '工作'])
    expect(bigrams('PDF文件')).toEqual(['文件'])
    expect(bigrams('应')).toEqual([])
    expect(bigrams('ab')).toEqual([])
  })
  it('keys a bigram as one integer, distinct for distinct pairs', () => {
    expect(bigramKey('应急')).toBe(0x5e94 * 2 ** 21 + 0x6025)
    expect(bigramKey('急应')).not.toBe(bigramKey('应急'))
    expect(bigramKey('𠀀𠀁')).toBeLessThan(2 ** 53)
  })
  it('tells text without case (searched with LIKE on PostgreSQL) from text with it (ILIKE)', () => {
    for (const t of ['应急管理', '第12号', '公开。工作', '“亲清在线” 平台', '２０２３年']) expect(uncased(t), t).toBe(true)
    // Letters with a case, and marks (a lowercased İ carries one), keep ILIKE.
    for (const t of ['PDF文件', 'ａ', 'Ω', 'i\u0307', 'ǅ']) expect(uncased(t), t).toBe(false)
  })
})
