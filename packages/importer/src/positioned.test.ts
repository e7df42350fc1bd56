import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { positionedWords } from './positioned.ts'

// A page as poppler's pdftohtml writes it: runs placed in pixels (1.5 a point), the font sizes
// in class rules hidden in an HTML comment, a footer printed as two runs.
function page(runs: Array<[number, number, string, string?]>): string {
  const ps = runs.map(
    ([top, left, text, cls = 'ft1']) =>
      `<p style="position:absolute;top:${top}px;left:${left}px;white-space:nowrap" class="${cls}">${text}</p>`,
  )
  return `<html><head><meta name="generator" content="pdftohtml 0.36"/></head><body>
<!-- Page 1 --><style type="text/css"><!--
	.ft1{font-size:15px;font-family:AAAA+NotoSerifCJK;color:#000000;}
--></style>
<div id="page1-div" style="position:relative;width:892px;height:1262px;">${ps.join('\n')}</div></body></html>`
}
const filler = Array.from({ length: 40 }, (_, i) => [100 + i * 20, 120, '本行正文'] as [number, number, string])

describe('text placed on pages by a PDF converter', () => {
  it('places each run in points, its width from its class font size', () => {
    const html = page([...filler, [1000, 150, '行政处罚'], [1000, 450, '12']])
    const words = positionedWords(parse(html), html)!
    const label = words.find((w) => w.text === '行政处罚')!
    expect(label.x).toBeCloseTo(100)
    // Four characters of 15 px (10 pt) each.
    expect(label.x2 - label.x).toBeCloseTo(40)
    expect(words.find((w) => w.text === '12')!.x).toBeCloseTo(300)
  })

  it('leaves out a page footer printed as two runs', () => {
    const html = page([...filler, [1163, 119, '-&#160;'], [1161, 132, '3&#160;-']])
    const words = positionedWords(parse(html), html)!
    expect(words.some((w) => /-/.test(w.text))).toBe(false)
  })

  it('keeps two numbers of one run together, so no column takes them apart by a guess', () => {
    const html = page([...filler, [1000, 450, '12   3']])
    const words = positionedWords(parse(html), html)!
    expect(words.filter((w) => /\d/.test(w.text)).map((w) => w.text)).toEqual(['12   3'])
  })

  it("puts a wrapped cell's lines (one run parted by <br/>) one below the other, a row number with its label", () => {
    const html = page([...filler, [1000, 560, '社会<br/>公益<br/>组织'], [1100, 235, '1.属于国家秘密']])
    const words = positionedWords(parse(html), html)!
    const stack = ['社会', '公益', '组织'].map((t) => words.find((w) => w.text === t)!)
    expect(stack.map((w) => Math.round(w.x))).toEqual([373, 373, 373])
    expect(stack[1]!.y).toBeGreaterThan(stack[0]!.y)
    expect(stack[2]!.y).toBeGreaterThan(stack[1]!.y)
    expect(words.some((w) => w.text === '1.属于国家秘密')).toBe(true)
  })

  it('is no positioned page when few runs are placed', () => {
    const html = '<html><body><p style="position:absolute;top:1px;left:2px">一</p><table><tr><td>1</td></tr></table></body></html>'
    expect(positionedWords(parse(html), html)).toBeNull()
  })
})
