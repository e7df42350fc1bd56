// Validator speed: it runs on every keystroke in the admin editor, so the target is ≤ 1 ms per
// report. Run: pnpm bench:validator
import {
  emptyDocument,
  generateTables,
  seededRandom,
  validateReport,
  type ReportDocument,
  type TemplateId,
} from '../packages/schema/src/index.ts'
import { quantile } from './must.ts'

const agency = { name: '示例市示例局', code: 'bench', level: 'city', kind: 'department', region: null } as const

function reports(template: TemplateId, n: number): ReportDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const doc = emptyDocument(agency, template === '2019' ? 2020 : 2022, template)
    doc.tables = generateTables(template, seededRandom(i), { scale: 5 }).tables
    return doc
  })
}

function measure(label: string, docs: ReportDocument[], rounds: number) {
  for (const d of docs.slice(0, 50)) validateReport(d) // warm up the JIT
  const times: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const d of docs) {
      const t = performance.now()
      validateReport(d)
      times.push(performance.now() - t)
    }
  }
  times.sort((a, b) => a - b)
  const q = (p: number) => quantile(times, p)
  const mean = times.reduce((s, t) => s + t, 0) / times.length
  console.log(
    `${label}: ${times.length} validations, mean ${(mean * 1000).toFixed(0)} µs, p50 ${(q(0.5) * 1000).toFixed(0)} µs, p95 ${(q(0.95) * 1000).toFixed(0)} µs, p99 ${(q(0.99) * 1000).toFixed(0)} µs`,
  )
}

measure('2019 template', reports('2019', 200), 10)
measure('2021 template', reports('2021', 200), 10)
