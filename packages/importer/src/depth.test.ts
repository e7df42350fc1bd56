import { seededRandom } from '@gongkai/schema'
import { parse, type HTMLElement } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { MAX_DEPTH, nestingDepth } from './depth.ts'
import { importReport } from './index.ts'

/** The depth of the tree the importer's parse builds, walked without recursion. */
function treeDepth(html: string): number {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false } })
  let deepest = 0
  const stack: Array<[HTMLElement, number]> = [[root, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    deepest = Math.max(deepest, depth)
    for (const child of node.childNodes) if (child.nodeType === 1) stack.push([child as HTMLElement, depth + 1])
  }
  return deepest
}

const report = (body: string) =>
  `<html><head><title>测试局2021年政府信息公开工作年度报告</title></head><body><div id="zoom"><p>一、总体情况</p><p>2021年，测试局推进政务公开。</p>${body}</div></body></html>`

describe('nesting depth before parsing', () => {
  it('refuses 200,000 nested tables (3 MB) with TOO_DEEP, in both languages, at once', async () => {
    const html = report(`${'<table>'.repeat(200_000)}x${'</table>'.repeat(200_000)}`)
    expect(html.length).toBeGreaterThan(3_000_000)
    const started = Date.now()
    await expect(importReport(html)).rejects.toMatchObject({
      code: 'TOO_DEEP',
      zh: expect.stringContaining(`${MAX_DEPTH} 层`),
      en: expect.stringContaining(`more than ${MAX_DEPTH} deep`),
    })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('reads a real page: a long table written without closing tags, nested lists, scripts and comments', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => `<tr><td>第${i}行<td>${i}`).join('\n')
    const html = report(
      `<table>${rows}</table><ul>${'<li>一项'.repeat(600)}</ul><script>if (a < b) document.write('<div><div><div>')</script><!-- <div><div> --><p>完</p>`,
    )
    expect(nestingDepth(html)).toBeLessThan(12)
    const { document } = await importReport(html, { year: 2021 })
    expect(document.year).toBe(2021)
  })

  it('counts at least as deep as the tree the parser builds, for tag soup the parser fixes up', () => {
    // Closing tags that do not match, case, void and self-closing tags, implied closes, raw text,
    // comments and CDATA: the parser keeps its own rules, and the scan must never count less.
    const parts = [
      '<div>',
      '</div>',
      '<DIV>',
      '<p>',
      '</p>',
      '<P>',
      '<span>',
      '</span>',
      '<table>',
      '</table>',
      '<tr>',
      '</tr>',
      '<td>',
      '</td>',
      '<TD>',
      '<th>',
      '<tbody>',
      '</tbody>',
      '<ul>',
      '</ul>',
      '<li>',
      '</li>',
      '<dl>',
      '<dt>',
      '<dd>',
      '</dl>',
      '<a>',
      '</a>',
      '<b>',
      '</b>',
      '<i>',
      '<br>',
      '<Br>',
      '</Br>',
      '<img src=x/>',
      '<div a=b/>',
      '<div/>',
      '<x·y>',
      '</x·y>',
      '<script>',
      '</script>',
      '<noscript>',
      '</noscript>',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<h1>',
      '<h2>',
      '</h1>',
      '文字',
      ' ',
      '<',
      '>',
      '"',
      "'",
      '<a title="x>y">',
      '<del>',
      '</del>',
    ]
    const random = seededRandom(18)
    for (let n = 0; n < 3_000; n++) {
      const html = Array.from({ length: 5 + Math.floor(random() * 60) }, () => parts[Math.floor(random() * parts.length)]!).join('')
      const counted = nestingDepth(html)
      const built = treeDepth(html)
      if (counted < built) expect({ html, counted, built }).toEqual({ html, counted: built, built })
    }
  })

  it('is not fooled by closing tags the parser ignores, or by case', async () => {
    // The parser leaves <x> open at </y> and </X>; the elements close later, one inside another.
    const n = 5_000
    for (const html of [
      report(`${'<x><y></x>'.repeat(n)}${'</y></x>'.repeat(n)}`),
      report(`${'<x><X></x>'.repeat(n)}${'</X></x>'.repeat(n)}`),
      report(`${'<Br>'.repeat(n)}${'</Br>'.repeat(n)}`),
      report(`${'<div a=b/>'.repeat(n)}${'</div>'.repeat(n)}`),
    ]) {
      expect(treeDepth(html)).toBeGreaterThan(MAX_DEPTH)
      await expect(importReport(html, { year: 2021 })).rejects.toMatchObject({ code: 'TOO_DEEP' })
    }
  })
})
