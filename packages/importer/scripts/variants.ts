// `pnpm corpus:variants`: every PDF and DOCX of the corpus, converted the ways people convert
// them (poppler's pdftotext and pdftohtml, pdfminer's pdf2txt as markitdown uses it, mutool's
// text and HTML, docx2txt, LibreOffice's text and HTML export, pandoc's Markdown, plain text and
// HTML), and every portal page (HTML) through pandoc, w3m and lynx, then read against the same
// expected cells. Needs the converters on the machine (Debian:
// poppler-utils, python3-pdfminer, mupdf-tools, docx2txt, libreoffice-writer-nogui, pandoc, w3m, lynx); a
// converter that is missing is skipped and said so. Prints cells right / wrong /
// missing per file and per converter. Exits 1 on any wrong cell: a converter's order may leave
// cells unread, never read wrong.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { CORPUS_DIRS, measure, type CorpusResult } from '../test/corpus.ts'

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const run = (cmd: string, args: string[], cwd?: string) => execFileSync(cmd, args, { cwd, stdio: 'ignore', timeout: 120_000 })

interface Variant {
  name: string
  from: 'pdf' | 'docx' | 'html'
  tool: string
  make: (src: string, out: string) => string | null | Promise<string | null>
}

// What Node tools built on pdf.js print (pdf-parse, LangChain's PDFLoader): each page's text
// items in drawing order, a new line where the baseline changes, and items on one baseline joined
// with `glue` ('' in pdf-parse: cells on one line run together).
async function pdfjsText(src: string, out: string, glue: string): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(src)),
    cMapUrl: `${root}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${root}/standard_fonts/`,
    verbosity: 0,
  }).promise
  const pages: string[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    let text = ''
    let lastY: number | undefined
    for (const item of content.items) {
      if (!('str' in item)) continue
      const y = Number(item.transform[5])
      text += lastY === undefined || lastY === y ? (text ? glue : '') + item.str : `\n${item.str}`
      lastY = y
    }
    pages.push(text)
  }
  await doc.destroy()
  writeFileSync(`${out}.txt`, pages.join('\n\n'))
  return `${out}.txt`
}
const VARIANTS: Variant[] = [
  { name: 'pdftotext -layout', from: 'pdf', tool: 'pdftotext', make: (s, o) => (run('pdftotext', ['-layout', s, `${o}.txt`]), `${o}.txt`) },
  { name: 'pdftotext -raw', from: 'pdf', tool: 'pdftotext', make: (s, o) => (run('pdftotext', ['-raw', s, `${o}.txt`]), `${o}.txt`) },
  { name: 'pdftotext (default order)', from: 'pdf', tool: 'pdftotext', make: (s, o) => (run('pdftotext', [s, `${o}.txt`]), `${o}.txt`) },
  {
    name: 'pdftohtml -s -i',
    from: 'pdf',
    tool: 'pdftohtml',
    make: (s, o) => (run('pdftohtml', ['-s', '-i', '-noframes', '-q', s, o]), `${o}.html`),
  },
  { name: 'pdfminer pdf2txt', from: 'pdf', tool: 'pdf2txt', make: (s, o) => (run('pdf2txt', ['-o', `${o}.txt`, s]), `${o}.txt`) },
  {
    name: 'mutool draw -F txt',
    from: 'pdf',
    tool: 'mutool',
    make: (s, o) => (run('mutool', ['draw', '-q', '-F', 'txt', '-o', `${o}.txt`, s]), `${o}.txt`),
  },
  {
    name: 'mutool draw -F html',
    from: 'pdf',
    tool: 'mutool',
    make: (s, o) => (run('mutool', ['draw', '-q', '-F', 'html', '-o', `${o}.html`, s]), `${o}.html`),
  },
  { name: 'pdf.js text (pdf-parse)', from: 'pdf', tool: 'node', make: (s, o) => pdfjsText(s, o, '') },
  { name: 'pdf.js text, spaced', from: 'pdf', tool: 'node', make: (s, o) => pdfjsText(s, o, ' ') },
  { name: 'docx2txt', from: 'docx', tool: 'docx2txt', make: (s, o) => (run('docx2txt', [s, `${o}.txt`]), `${o}.txt`) },
  {
    name: 'LibreOffice → text',
    from: 'docx',
    tool: 'soffice',
    make: (s, o) => {
      const dir = mkdtempSync(join(tmpdir(), 'lo-'))
      run('soffice', ['--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, s])
      copyFileSync(join(dir, basename(s).replace(/\.docx$/, '.txt')), `${o}.txt`)
      rmSync(dir, { recursive: true })
      return `${o}.txt`
    },
  },
  {
    name: 'LibreOffice → HTML',
    from: 'docx',
    tool: 'soffice',
    make: (s, o) => {
      const dir = mkdtempSync(join(tmpdir(), 'lo-'))
      run('soffice', ['--headless', '--convert-to', 'html', '--outdir', dir, s])
      copyFileSync(join(dir, basename(s).replace(/\.docx$/, '.html')), `${o}.html`)
      rmSync(dir, { recursive: true })
      return `${o}.html`
    },
  },
  {
    // A Word file published as a web page, saved as PDF from the browser.
    name: 'LibreOffice → HTML → Chrome PDF',
    from: 'docx',
    tool: 'chromium',
    make: (s, o) => {
      const dir = mkdtempSync(join(tmpdir(), 'lo-'))
      run('soffice', ['--headless', '--convert-to', 'html', '--outdir', dir, s])
      const html = join(dir, basename(s).replace(/\.docx$/, '.html'))
      run('chromium', [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-pdf-header-footer',
        `--print-to-pdf=${o}.pdf`,
        `file://${html}`,
      ])
      rmSync(dir, { recursive: true })
      return `${o}.pdf`
    },
  },
  {
    name: 'pandoc → Markdown',
    from: 'docx',
    tool: 'pandoc',
    make: (s, o) => (run('pandoc', ['-f', 'docx', '-t', 'markdown', s, '-o', `${o}.md`]), `${o}.md`),
  },
  {
    name: 'pandoc → GFM',
    from: 'docx',
    tool: 'pandoc',
    make: (s, o) => (run('pandoc', ['-f', 'docx', '-t', 'gfm', s, '-o', `${o}.md`]), `${o}.md`),
  },
  {
    name: 'pandoc → Markdown, HTML tables',
    from: 'docx',
    tool: 'pandoc',
    make: (s, o) => (run('pandoc', ['-f', 'docx', '-t', 'markdown_strict', s, '-o', `${o}.md`]), `${o}.md`),
  },
  {
    name: 'pandoc → plain text',
    from: 'docx',
    tool: 'pandoc',
    make: (s, o) => (run('pandoc', ['-f', 'docx', '-t', 'plain', s, '-o', `${o}.txt`]), `${o}.txt`),
  },
  {
    name: 'pandoc → HTML',
    from: 'docx',
    tool: 'pandoc',
    make: (s, o) => (run('pandoc', ['-f', 'docx', '-t', 'html', s, '-o', `${o}.html`]), `${o}.html`),
  },
  // A portal page as people turn it into text or Markdown.
  {
    name: 'page: pandoc → plain text',
    from: 'html',
    tool: 'pandoc',
    make: (s, o) => (run('pandoc', ['-f', 'html', '-t', 'plain', s, '-o', `${o}.txt`]), `${o}.txt`),
  },
  {
    name: 'page: pandoc → GFM',
    from: 'html',
    tool: 'pandoc',
    make: (s, o) => (run('pandoc', ['-f', 'html', '-t', 'gfm', s, '-o', `${o}.md`]), `${o}.md`),
  },
  {
    name: 'page: w3m -dump',
    from: 'html',
    tool: 'w3m',
    make: (s, o) => (
      writeFileSync(`${o}.txt`, execFileSync('w3m', ['-dump', '-cols', '200', '-T', 'text/html', s], { timeout: 120_000 })),
      `${o}.txt`
    ),
  },
  {
    name: 'page: lynx -dump',
    from: 'html',
    tool: 'lynx',
    make: (s, o) => (
      writeFileSync(`${o}.txt`, execFileSync('lynx', ['-dump', '-nolist', '-width=200', s], { timeout: 120_000 })),
      `${o}.txt`
    ),
  },
]

// `--only <text>`: the converters whose name holds it; `--problems`: print each reading's problems.
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '') : ''
const showProblems = process.argv.includes('--problems')
const work = mkdtempSync(join(tmpdir(), 'gongkai-variants-'))
const results: Array<CorpusResult & { variant: string }> = []
const skipped = new Set<string>()
for (const dir of CORPUS_DIRS) {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.source.json'))) {
    const base = f.slice(0, -'.source.json'.length)
    const source = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>
    const expected = join(dir, `${base}.expected.cells.json`)
    if (!existsSync(expected)) continue
    for (const v of VARIANTS.filter((x) => x.name.includes(only))) {
      const original = v.from === 'docx' ? source.docx : source.file
      if (typeof original !== 'string' || !original.endsWith(`.${v.from}`)) continue
      if (!has(v.tool)) {
        skipped.add(v.tool)
        continue
      }
      const out = join(work, `${base}.${v.name.replace(/\W+/g, '-')}`)
      let file: string | null
      try {
        file = await v.make(join(dir, original), out)
      } catch {
        continue
      }
      if (!file) continue
      copyFileSync(expected, `${out}.expected.cells.json`)
      writeFileSync(`${out}.source.json`, JSON.stringify({ ...source, file: basename(file), format: v.name, docx: undefined }))
      results.push({
        ...(await measure({
          name: base,
          dir: work,
          document: basename(file),
          expected: basename(`${out}.expected.cells.json`),
          source: { ...source, format: v.name },
        }).catch(
          (e: unknown) =>
            ({
              name: base,
              format: v.name,
              expectedCells: 0,
              right: 0,
              wrong: [],
              missing: [],
              template: { expected: null, got: String(e) },
              problems: [],
              exitCode: 1,
              wrongExtras: [],
            }) as CorpusResult,
        )),
        variant: v.name,
      })
    }
  }
}
rmSync(work, { recursive: true })

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length))
const pct = (r: number, n: number) => (n === 0 ? '—' : `${((100 * r) / n).toFixed(1)}%`)
console.log(`${pad('file', 46)}${pad('converter', 32)}right   wrong  missing  score`)
for (const r of results) {
  console.log(
    `${pad(r.name, 46)}${pad(r.variant, 32)}${pad(String(r.right), 8)}${pad(String(r.wrong.length + r.wrongExtras.length), 7)}${pad(String(r.missing.length), 9)}${pct(r.right, r.expectedCells)}`,
  )
  if (showProblems) for (const p of r.problems) console.log(`    ${p.severity === 'error' ? '✗' : '·'} ${p.code}: ${p.message.zh}`)
  for (const w of r.wrong) console.log(`    WRONG ${w.table} ${w.id}: expected ${w.expected}, got ${w.got}`)
  for (const w of r.wrongExtras) console.log(`    WRONG EXTRA ${w.table} ${w.row} | ${w.column}: ${w.got} (not printed so)`)
}
console.log('\nper converter:')
for (const v of VARIANTS) {
  const rs = results.filter((r) => r.variant === v.name)
  if (!rs.length) continue
  const n = rs.reduce((s, r) => s + r.expectedCells, 0)
  const right = rs.reduce((s, r) => s + r.right, 0)
  const wrong = rs.reduce((s, r) => s + (r.wrong.length + r.wrongExtras.length), 0)
  console.log(
    `  ${pad(v.name, 32)} files ${pad(String(rs.length), 3)} cells ${pad(String(n), 6)} right ${pad(String(right), 6)} wrong ${pad(String(wrong), 3)} ${pct(right, n)}`,
  )
}
const n = results.reduce((s, r) => s + r.expectedCells, 0)
const right = results.reduce((s, r) => s + r.right, 0)
const wrong = results.reduce((s, r) => s + (r.wrong.length + r.wrongExtras.length), 0)
console.log(`  ${pad('total', 32)} files ${results.length} cells ${n} right ${right} wrong ${wrong} ${pct(right, n)}`)
if (skipped.size) console.log(`\nskipped (not installed): ${[...skipped].join(', ')}`)
process.exit(wrong > 0 ? 1 : 0)
