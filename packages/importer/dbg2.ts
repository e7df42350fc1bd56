import { readFileSync } from 'node:fs'
import { tokenizeText } from './src/tokens.ts'
import { readLinear } from './src/linear.ts'
import { toSimplified } from './src/normalize.ts'
const t = tokenizeText(toSimplified(readFileSync(process.argv[2]!, 'utf8')))
console.log(t.slice(0, 60).map(x => x.value ? `[${x.text}]` : x.text).join(' ').slice(0, 1500))
const r = readLinear(t)
for (const tb of r.tables) console.log(tb.table, tb.template, Object.keys(tb.cells).length, tb.signals, tb.score, tb.problems.map(p=>p.code+':'+(p.where.row??'')+':'+(p.where.why??'')).join(' | '))
