import { seededRandom } from '@gongkai/schema'
import { parse, type HTMLElement } from 'node-html-parser'
import { parse as parseLikeBrowser, type DefaultTreeAdapterMap } from 'parse5'
import { describe, expect, it } from 'vitest'
import { corpusEntry, measureChanged } from '../test/corpus.ts'
import { MAX_DEPTH, MAX_ELEMENTS, MAX_TABLES, asBrowserBuildsIt } from './browser-html.ts'
import { importReport } from './index.ts'

const report = (body: string) =>
  `<html><head><title>测试局2021年政府信息公开工作年度报告</title></head><body><div id="zoom"><p>一、总体情况</p><p>2021年，测试局推进政务公开。</p>${body}</div></body></html>`

/** Element names in document order, as node-html-parser reads the page. */
function namesAsRead(html: string): string[] {
  const out: string[] = []
  const stack: HTMLElement[] = [parse(html, { blockTextElements: { script: false, style: false, noscript: false } })]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.tagName) out.push(node.tagName.toLowerCase())
    const children = node.childNodes.filter((c): c is HTMLElement => c.nodeType === 1)
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as HTMLElement)
  }
  return out
}

/** Element names in document order, as a browser builds the page. */
function namesAsBuilt(html: string): string[] {
  type Node = DefaultTreeAdapterMap['node']
  const out: string[] = []
  const stack: Node[] = [parseLikeBrowser(html)]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('tagName' in node) out.push(node.tagName)
    if ('tagName' in node && /^(script|noscript|template)$/.test(node.tagName)) continue
    if ('childNodes' in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node)
  }
  return out
}

describe('a page read as a browser builds it', () => {
  // The Shanghai government office's 2019 report page, its markup left as CMSs leave theirs.
  const shanghai = corpusEntry('shanghai-gov-office-2019')
  const untidy: Record<string, (h: string) => string> = {
    'cells, rows and paragraphs left to close themselves': (h) => h.replace(/<\/(td|tr|p)>/g, ''),
    'a <span> left open in every number cell': (h) =>
      h.replace(/<td([^>]*)><p([^>]*)>(\d+)<\/p><\/td>/g, '<td$1><p$2><span style="font-size:12px">$3</p></td>'),
    'a <font> left open in every cell': (h) => h.replace(/<td([^>]*)>/g, '<td$1><font size=2>'),
    'a </tbody> closing a <thead> it never opened': (h) => h.replace(/<tbody><tr>/g, '<thead><tr>'),
  }
  for (const [name, change] of Object.entries(untidy)) {
    it(`reads every cell of a real page with ${name}`, async () => {
      const result = await measureChanged(shanghai, change)
      expect(result.wrong).toEqual([])
      expect(result.missing).toEqual([])
      expect(result.right).toBe(198)
    })
  }

  it('hands node-html-parser the very tree a browser builds, for tag soup of every kind', () => {
    const parts = [
      '<div>',
      '</div>',
      '<DIV>',
      '<p>',
      '</p>',
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
      '<thead>',
      '</thead>',
      '<tbody>',
      '</tbody>',
      '<ul>',
      '<li>',
      '</li>',
      '<a href=x>',
      '</a>',
      '<b>',
      '</b>',
      '<i>',
      '<font>',
      '</font>',
      '<br>',
      '</br>',
      '<img src=x/>',
      '<div a=b/>',
      '<x·y>',
      '<script>',
      '</script>',
      '<!--',
      '-->',
      '<h1>',
      '</h1>',
      '文字',
      '1',
      ' ',
      '<',
      '>',
      '"',
      '<a title="x>y">',
      '<o:p>',
      '</o:p>',
      '<![if !supportMisalignedColumns]>',
      '<![endif]>',
      '<tr height=0>',
    ]
    const random = seededRandom(19)
    for (let n = 0; n < 2_000; n++) {
      const soup = Array.from({ length: 5 + Math.floor(random() * 60) }, () => parts[Math.floor(random() * parts.length)]).join('')
      const built = asBrowserBuildsIt(soup)
      if (namesAsRead(built).join(' ') !== namesAsBuilt(soup).join(' '))
        expect({ soup, read: namesAsRead(built) }).toEqual({ soup, read: namesAsBuilt(soup) })
    }
  })

  it('reads a long table written without closing tags, nested lists, scripts and comments', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => `<tr><td>第${i}行<td>${i}`).join('\n')
    const html = report(
      `<table>${rows}</table><ul>${'<li>一项'.repeat(600)}</ul><script>if (a < b) document.write('<div><div><div>')</script><!-- <div><div> --><p>完</p>`,
    )
    const { document } = await importReport(html, { year: 2021 })
    expect(document.year).toBe(2021)
  })
})

describe('hostile pages, refused before they are read', () => {
  // Each within seconds on a loaded machine: the limits stop the build, not the whole file.
  it("refuses 200,000 tables nested in each other's cells (3 MB) with TOO_DEEP, in both languages", async () => {
    const html = report('<table><tr><td>'.repeat(200_000))
    expect(html.length).toBeGreaterThan(3_000_000)
    await expect(importReport(html)).rejects.toMatchObject({
      code: 'TOO_DEEP',
      zh: expect.stringContaining(`${MAX_DEPTH} 层`),
      en: expect.stringContaining(`more than ${MAX_DEPTH} deep`),
    })
  })

  it('refuses elements a browser keeps open one inside another (<b><div>…, unclosed <div>s) with TOO_DEEP', async () => {
    for (const html of [report('<b><div>'.repeat(50_000)), report('<div>'.repeat(50_000)), report('<table><tr><td><span>'.repeat(50_000))])
      await expect(importReport(html, { year: 2021 })).rejects.toMatchObject({ code: 'TOO_DEEP' })
  })

  it('refuses a page of more tables or elements than any report, naming which', async () => {
    await expect(importReport(report(`${'<table>'.repeat(200_000)}x${'</table>'.repeat(200_000)}`))).rejects.toMatchObject({
      code: 'TOO_LARGE',
      zh: expect.stringContaining(`${MAX_TABLES.toLocaleString('en')} 个表格`),
      en: expect.stringContaining(`${MAX_TABLES.toLocaleString('en')} tables`),
    })
    await expect(importReport(report('<p>x</p>'.repeat(MAX_ELEMENTS + 1)), { year: 2021 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      en: expect.stringContaining(`${MAX_ELEMENTS.toLocaleString('en')} elements`),
    })
  })
})
