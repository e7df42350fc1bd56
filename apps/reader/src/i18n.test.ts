import { afterEach, describe, expect, it } from 'vitest'
import { messages, setLocale, t, useI18n } from './i18n.ts'

type Tree = { readonly [k: string]: string | Tree }
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))

describe('reader messages', () => {
  afterEach(() => setLocale('zh-CN'))

  it('has an English text for every Chinese one, so English readers never meet a stray key', () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort())
  })

  it('fills named slots and switches language when the reader toggles it', () => {
    expect(t('home.results', { n: 3 })).toBe('找到 3 份报告')
    const { locale } = useI18n()
    setLocale('en')
    expect(locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('gk-locale')).toBe('en')
    expect(t('home.corrected', { n: 2 })).toMatch(/2/)
    expect(t('home.corrected', { n: 2 })).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('shows the key itself, not an empty string, if a message is missing', () => {
    expect(t('no.such.key')).toBe('no.such.key')
  })
})
