import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setLocale } from '../i18n.ts'
import RevisionDiff from './RevisionDiff.vue'

const diff = {
  meta: [],
  paragraphs: [{ part: '三', change: 'changed', before: '旧的说法。', after: '新的说法。' }],
  cells: [
    {
      table: '三',
      row: ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'],
      column: ['申请人情况', '自然人'],
      before: { state: 'value', value: 1, raw: '1', unit: null },
      after: { state: 'value', value: 2, raw: '2', unit: null },
    },
  ],
}

describe('RevisionDiff', () => {
  afterEach(() => {
    setLocale('zh-CN')
    vi.unstubAllGlobals()
  })

  it('says what a correction changed in English without Chinese fragments, the report’s own words apart', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(diff), { headers: { 'Content-Type': 'application/json' } }))
    setLocale('en')
    const w = mount(RevisionDiff, { props: { reportId: 'r1', from: 1, to: 2 } })
    const details = w.find('details')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    await flushPromises()
    const items = w.findAll('li')
    expect(items[0]!.text()).toContain('Table 3 1. State secret › Applicants › Natural persons: 1 → 2')
    expect(items[1]!.text()).toMatch(/^Changed \(part 3\):/)
    const clone = w.element.cloneNode(true) as HTMLElement
    for (const zh of Array.from(clone.querySelectorAll('[lang="zh-CN"]'))) zh.remove()
    expect(clone.textContent).not.toMatch(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/)
  })
})
