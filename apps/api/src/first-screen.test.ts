import { describe, expect, it } from 'vitest'
import { firstScreenOf, withFirstScreen, type BuildManifest } from './first-screen.ts'

const HTML = '<!doctype html><html><head><title>x</title></head><body><div id="app"></div></body></html>'
const MANIFEST: BuildManifest = {
  'index.html': { file: 'assets/index-a.js' },
  'src/pages/ReportPage.vue': { file: 'assets/ReportPage-b.js', imports: ['index.html', '_templates-c.js', '_Share-d.js'] },
  '_templates-c.js': { file: 'assets/templates-c.js', imports: ['index.html'] },
  '_Share-d.js': { file: 'assets/Share-d.js', imports: ['_templates-c.js'] },
  'src/pages/HomePage.vue': { file: 'assets/HomePage-e.js', imports: ['index.html'] },
}

describe('firstScreenOf', () => {
  it('names the API answer and the page of the home page and of a report, as the reader asks for them', () => {
    expect(firstScreenOf('/')).toEqual({ api: '/api/reports?sort=recent&limit=10', page: 'src/pages/HomePage.vue' })
    expect(firstScreenOf('/reports/abc-1')).toEqual({ api: '/api/reports/abc-1', page: 'src/pages/ReportPage.vue' })
    // The reader decodes the path's id and encodes it again: the same key either way.
    expect(firstScreenOf('/reports/%E6%8A%A5')?.api).toBe('/api/reports/%E6%8A%A5')
  })

  it('has nothing for other pages, or for an id that does not decode', () => {
    expect(firstScreenOf('/browse')).toBeNull()
    expect(firstScreenOf('/reports/a/b')).toBeNull()
    expect(firstScreenOf('/reports/%E0%A4%A')).toBeNull()
  })
})

describe('withFirstScreen', () => {
  it("preloads the page's chunks (not the entry) and carries the answer in a data block no script policy runs", () => {
    const screen = { api: '/api/reports?sort=recent&limit=10', page: 'src/pages/ReportPage.vue' }
    const html = withFirstScreen(HTML, screen, MANIFEST, '{"items":[]}')
    expect(html).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/ReportPage-b.js"><link rel="modulepreload" crossorigin href="/assets/templates-c.js"><link rel="modulepreload" crossorigin href="/assets/Share-d.js"></head>',
    )
    expect(html).not.toContain('index-a.js')
    expect(html).toContain(
      '<script type="application/json" id="gk-first" data-path="/api/reports?sort=recent&amp;limit=10">{"items":[]}</script></body>',
    )
  })

  it('cannot be ended early by the data: every < is escaped, and the JSON reads back the same', () => {
    const json = JSON.stringify({ title: '</script><script>alert(1)</script><!--' })
    const html = withFirstScreen(HTML, { api: '/api/reports/x', page: 'src/pages/ReportPage.vue' }, null, json)
    const block = /<script type="application\/json"[^>]*>(.*)<\/script><\/body>/.exec(html)?.[1] ?? ''
    expect(block).not.toContain('<')
    expect(JSON.parse(block)).toEqual({ title: '</script><script>alert(1)</script><!--' })
  })

  it('without an answer, or a manifest, adds only what it has', () => {
    const html = withFirstScreen(HTML, { api: '/api/reports/x', page: 'src/pages/HomePage.vue' }, MANIFEST, null)
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/HomePage-e.js"></head>')
    expect(html).not.toContain('gk-first')
    expect(withFirstScreen(HTML, { api: '/api/reports/x', page: 'src/pages/HomePage.vue' }, null, null)).toBe(HTML)
  })
})
