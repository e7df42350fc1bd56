import { readFileSync } from 'node:fs'
import { importReport } from './src/index.ts'
for (const f of process.argv.slice(2)) {
  const r = await importReport(new Uint8Array(readFileSync(f)))
  const n = (id: '二' | '三' | '四') => Object.values(r.document.tables[id].cells).filter((c: any) => c.state !== 'not_reported').length
  console.log(f, n('二'), n('三'), n('四'), r.problems.filter((p) => p.severity === 'error').map((p) => p.code).join(','))
}
