// `pnpm corpus`: the importer on every real and generated document of the corpus, against the
// cells read by hand from each. Prints, per file, cells right / wrong / missing, the template and
// the problems; then a total per format. Exits 1 when any file is below 100% or reads a wrong cell.
import { HARD_DIR, corpusEntries, measure, type CorpusResult } from '../test/corpus.ts'

const verbose = process.argv.includes('--verbose')
const results: CorpusResult[] = []
for (const entry of corpusEntries()) results.push(await measure(entry))

const pct = (r: number, n: number) => (n === 0 ? '—' : `${((100 * r) / n).toFixed(1)}%`)
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length))
console.log(`${pad('file', 48)}${pad('format', 11)}${pad('template', 12)}${pad('right', 8)}${pad('wrong', 7)}${pad('missing', 9)}score`)
for (const r of results) {
  const tpl = r.template.expected && r.template.expected !== r.template.got ? `${r.template.got}≠${r.template.expected}` : r.template.got
  console.log(
    `${pad(r.name, 48)}${pad(r.format, 11)}${pad(tpl, 12)}${pad(String(r.right), 8)}${pad(String(r.wrong.length + r.wrongExtras.length), 7)}${pad(String(r.missing.length), 9)}${pct(r.right, r.expectedCells)}`,
  )
  const shown = r.problems.filter((p) => p.severity !== 'info')
  for (const p of verbose ? shown : shown.filter((x) => x.severity === 'error'))
    console.log(`    ${p.severity === 'error' ? '✗' : '!'} ${p.code}: ${p.message.zh}`)
  for (const w of r.wrong.slice(0, verbose ? 50 : 5)) console.log(`    WRONG 表${w.table} ${w.id}: expected ${w.expected}, got ${w.got}`)
  for (const w of r.wrongExtras.slice(0, verbose ? 50 : 5))
    console.log(`    WRONG EXTRA 表${w.table} ${w.row} | ${w.column}: ${w.got} (not printed so)`)
  if (verbose) for (const m of r.missing) console.log(`    missing 表${m.table} ${m.id}`)
}
console.log('\nper format:')
const formats = [...new Set(results.map((r) => r.format))].sort()
for (const f of formats) {
  const rs = results.filter((r) => r.format === f)
  const n = rs.reduce((s, r) => s + r.expectedCells, 0)
  const right = rs.reduce((s, r) => s + r.right, 0)
  const wrong = rs.reduce((s, r) => s + (r.wrong.length + r.wrongExtras.length), 0)
  const missing = rs.reduce((s, r) => s + r.missing.length, 0)
  console.log(
    `  ${pad(f, 12)} files ${pad(String(rs.length), 4)} cells ${pad(String(n), 6)} right ${pad(String(right), 6)} wrong ${pad(String(wrong), 4)} missing ${pad(String(missing), 5)} ${pct(right, n)}`,
  )
}
const n = results.reduce((s, r) => s + r.expectedCells, 0)
const right = results.reduce((s, r) => s + r.right, 0)
const wrong = results.reduce((s, r) => s + (r.wrong.length + r.wrongExtras.length), 0)
const templates = results.filter((r) => r.template.expected && r.template.expected === r.template.got).length
console.log(
  `  total        files ${results.length} cells ${n} right ${right} wrong ${wrong} ${pct(right, n)}; template right in ${templates}/${results.filter((r) => r.template.expected).length}`,
)
// Text whose order mixes rows: read what is certain, refuse the rest; never a wrong cell.
const hard: CorpusResult[] = []
for (const entry of corpusEntries([HARD_DIR])) hard.push(await measure(entry))
if (hard.length) {
  console.log('\nhard (order uncertain: cells right or refused, never wrong):')
  for (const r of hard)
    console.log(
      `  ${pad(r.name, 46)}right ${pad(String(r.right), 6)} wrong ${pad(String(r.wrong.length + r.wrongExtras.length), 4)} refused ${pad(String(r.missing.length), 5)} ${pct(r.right, r.expectedCells)}`,
    )
}
const failing = [
  ...hard.filter((r) => r.wrong.length + r.wrongExtras.length > 0 || (r.missing.length > 0 && r.exitCode === 0)),
  ...results.filter(
    (r) =>
      r.wrong.length + r.wrongExtras.length > 0 ||
      r.right < r.expectedCells ||
      (r.template.expected && r.template.expected !== r.template.got),
  ),
]
process.exit(failing.length ? 1 : 0)
