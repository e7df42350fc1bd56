import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sampleReports } from '@gongkai/schema'
import { afterAll, describe, expect, it } from 'vitest'
import { reportHtml } from '../../../packages/importer/test/fixtures.ts'
import { insertAgency } from './db/agencies.ts'
import { connect } from './db/connect.ts'
import { enqueueJob, getJob } from './db/jobs.ts'
import { migrateToLatest } from './db/migrator.ts'

// A real worker process, killed with SIGKILL in the middle of a batch: after a restart, no file
// is lost and none is imported twice.

const API = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dir = mkdtempSync(join(tmpdir(), 'gongkai-kill-'))
const children: ChildProcess[] = []
const startWorker = () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker', '--lease-ms', '1500', '--poll-ms', '50'], {
    cwd: API,
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
    stdio: 'ignore',
  })
  children.push(child)
  return child
}
const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)))

afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

describe('a worker killed mid-batch (SQLite file, separate processes)', () => {
  it('loses no file and imports none twice after a restart', async () => {
    const conn = await connect({ url: join(dir, 'gongkai.sqlite') })
    await migrateToLatest(conn.db)
    const agencyId = await insertAgency(
      conn.db,
      { name: '示例崩溃测试局', code: 'crash-test', level: 'county', kind: 'department', regionCode: null, parentId: null },
      new Date(),
    )
    const base = sampleReports().find((s) => s.document.template === '2021')!.document
    const files = Array.from({ length: 40 }, (_, i) => {
      const year = 2030 + i
      return {
        name: `${year}.html`,
        contentBase64: b64(
          reportHtml({
            ...base,
            year,
            title: `示例崩溃测试局${year}年政府信息公开工作年度报告`,
            period: { start: `${year}-01-01`, end: `${year}-12-31` },
          }),
        ),
      }
    })
    const { job } = await enqueueJob(
      conn.db,
      { type: 'import-batch', payload: { agencyId, files }, agencyId, total: files.length },
      new Date(),
    )

    const first = startWorker()
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline && (await getJob(conn.db, job.id))!.progress.done < 5) await new Promise((r) => setTimeout(r, 20))
    first.kill('SIGKILL')
    await new Promise((r) => first.once('exit', r))
    const atKill = (await getJob(conn.db, job.id))!
    expect(atKill.state).toBe('running')
    expect(atKill.progress.done).toBeLessThan(files.length)

    startWorker()
    let finished = atKill
    while (Date.now() < deadline + 30_000) {
      finished = (await getJob(conn.db, job.id))!
      if (finished.state !== 'running' && finished.state !== 'queued') break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(finished.state).toBe('succeeded')
    const results = (finished.result as { files: Array<{ name: string; status: string; reportId: string }> }).files
    expect(results.map((f) => f.name)).toEqual(files.map((f) => f.name))
    expect(results.every((f) => f.status === 'imported')).toBe(true)
    const reports = await conn.db.selectFrom('report').select(['id', 'year']).where('agency_id', '=', agencyId).execute()
    expect(reports).toHaveLength(files.length)
    expect(new Set(results.map((f) => f.reportId))).toEqual(new Set(reports.map((r) => r.id)))
    await conn.close()
  }, 90_000)
})
