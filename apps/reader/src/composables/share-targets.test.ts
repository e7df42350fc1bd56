import { describe, expect, it } from 'vitest'
import { anchorName, findShareTargets, fragmentInView } from './share-targets.ts'

function page(html: string): HTMLElement {
  const root = document.createElement('div')
  root.innerHTML = html
  document.body.replaceChildren(root)
  return root
}
/** Place elements on screen: id → [top, bottom]. */
function place(root: HTMLElement, boxes: Record<string, [number, number]>) {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[id]'))) {
    const [top, bottom] = boxes[el.id] ?? [0, 0]
    el.getBoundingClientRect = () => ({
      top,
      bottom,
      height: bottom - top,
      left: 0,
      right: 360,
      width: 360,
      x: 0,
      y: top,
      toJSON: () => ({}),
    })
  }
}

const REPORT = `
  <section id="part-3" class="gk-part"><h2>三、收到和处理政府信息公开申请情况<span lang="en">Part 3</span></h2>
    <div id="table-三" class="gk-table-block"><div role="region" aria-label="表三"><table></table></div></div>
  </section>
  <section id="part-2" class="gk-part"><h2>二、主动公开</h2>
    <div id="table-二" class="gk-table-block"><div role="region" aria-label="表二 第二十条第（一）项"><table><caption>第二十条第（一）项</caption></table></div></div>
  </section>
  <div id="table-四" class="gk-table-block"><p>未在原文中提供</p></div>`

describe('share targets', () => {
  it('lists the tables given in the source, named without a section caption, and skips a table not given', () => {
    const targets = findShareTargets(page(REPORT))
    expect(targets.map((t) => [t.id, t.kind, t.name])).toEqual([
      ['table-三', 'table', '表三'],
      ['table-二', 'table', '表二'],
    ])
  })

  it('gives each chart a stable id from its section, the same on every scan', () => {
    const root =
      page(`<section id="tu-applications"><figure class="gk-chart"><span class="gk-chart-title">申请来源</span></figure><figure class="gk-chart"><span class="gk-chart-title">处理结果</span></figure></section>
      <section id="tu-reviews"><figure class="gk-chart"><span class="gk-chart-title">复议</span></figure></section>`)
    const ids = findShareTargets(root).map((t) => [t.id, t.name])
    expect(ids).toEqual([
      ['tu-applications-chart-1', '申请来源'],
      ['tu-applications-chart-2', '处理结果'],
      ['tu-reviews-chart-1', '复议'],
    ])
    expect(findShareTargets(root).map((t) => [t.id, t.name])).toEqual(ids)
    expect(anchorName(root, 'tu-reviews-chart-1')).toBe('复议')
  })

  it('takes the innermost part, table or chart crossing the reading line, and keeps a part opened from the contents', () => {
    const root = page(REPORT)
    // A 780 px window reads at 260 px. Part 三 starts at the top, its table already crosses the line.
    place(root, { 'part-3': [0, 2000], 'table-三': [120, 1800], 'part-2': [2000, 3000], 'table-二': [2100, 2900] })
    expect(fragmentInView(root, 780)).toBe('table-三')
    expect(fragmentInView(root, 780, 'part-3')).toBe('part-3')
    // Scrolled on: the part's start has left the screen, so the table is what is being read.
    place(root, { 'part-3': [-400, 1600], 'table-三': [-280, 1400], 'part-2': [1600, 2600], 'table-二': [1700, 2500] })
    expect(fragmentInView(root, 780, 'part-3')).toBe('table-三')
    // Above the report: nothing.
    place(root, { 'part-3': [900, 2900], 'table-三': [1020, 2700] })
    expect(fragmentInView(root, 780)).toBe('')
    expect(anchorName(root, 'part-3')).toBe('三、收到和处理政府信息公开申请情况')
  })
})
