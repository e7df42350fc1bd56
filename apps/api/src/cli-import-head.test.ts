import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { strToU8, zipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { docxBomb, minimalPdf, nestedTables } from '@gongkai/importer/test-hostile'
import { importCommand } from './cli-import.ts'
import { seedText } from './seed-text.ts'

// `gongkai import` as a user runs it: a binary file is known by its first bytes (64 KB), and
// refused at once with exit 2 and FORMAT_UNSUPPORTED, however large; reports still import.

const API = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const REPO = resolve(API, '../..')
const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: API })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => res({ code, stdout, stderr }))
  })
}

const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

describe('gongkai import detects a binary by its first bytes', () => {
  it('refuses a random file by its first 64 KB, without reading the rest, however large', async () => {
    const tiny = await cli('import', file('tiny.bin', randomBytes(4096)))
    // 6 GiB, sparse: only its first 64 KB are written. Read whole, it could not even be held in
    // memory (a typed array that large is refused), so the refusal proves the rest was not read.
    const huge = file('huge.bin', randomBytes(64 * 1024))
    truncateSync(huge, 6 * 1024 ** 3)
    const big = await cli('import', huge)
    for (const r of [tiny, big]) {
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('FORMAT_UNSUPPORTED')
      expect(r.stderr).toContain('无法识别')
    }
    // In-process too.
    await expect(importCommand(huge, {})).rejects.toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
  }, 60_000)

  it('refuses images, legacy Word and a ZIP that is not a DOCX at once, saying which', async () => {
    const png = new Uint8Array(10 * 1024 * 1024)
    png.set([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])
    const doc = new Uint8Array(10 * 1024 * 1024)
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    const zip = zipSync({ 'a.txt': strToU8('2017年报告'), 'b.bin': randomBytes(5 * 1024 * 1024) }, { level: 0 })
    const cases = [
      [file('scan.png', png), '图片'],
      [file('old.doc', doc), '.doc'],
      [file('reports.zip', zip), 'ZIP'],
    ] as const
    for (const [path, says] of cases) {
      const r = await cli('import', path)
      expect({ path, code: r.code }).toEqual({ path, code: 2 })
      expect(r.stderr).toContain('FORMAT_UNSUPPORTED')
      expect(r.stderr).toContain(says)
    }
    // Forced to DOCX, a file that does not start as one is refused before the rest is read.
    const forced = await cli('import', file('not.docx', randomBytes(1024 * 1024)), '--format', 'docx')
    expect(forced.code).toBe(2)
    expect(forced.stderr).toContain('DOCX')
  }, 60_000)

  it('still reads reports: text and a DOCX', async () => {
    const text = await cli('import', file('seed.txt', seedText()), '--json')
    expect(text.code).not.toBe(2)
    expect(JSON.parse(text.stdout).document.year).toBe(2020)
    const docx = await cli('import', join(REPO, 'packages/importer/corpus/generated/sample-town-2020-ruled.docx'), '--json')
    expect(docx.code).not.toBe(2)
    expect(JSON.parse(docx.stdout).document.year).toBe(2020)
  }, 60_000)
})

describe('gongkai import refuses hostile files with a clear code', () => {
  it('exits 2 with ARCHIVE_TOO_LARGE, naming the entry, for a DOCX whose document.xml unpacks to 1 GiB', async () => {
    const r = await cli('import', file('bomb.docx', docxBomb(1024)))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^ARCHIVE_TOO_LARGE: .*word\/document\.xml/m)
    expect(r.stdout).toBe('')
  }, 60_000)

  it('exits 2 with TOO_DEEP for 200,000 nested tables, and with TOO_LARGE for a 2,000-page PDF', async () => {
    const deep = await cli('import', file('deep.html', nestedTables(200_000)))
    expect(deep.code).toBe(2)
    expect(deep.stderr).toMatch(/^TOO_DEEP: /m)
    const pages = await cli('import', file('pages.pdf', minimalPdf(2_000)))
    expect(pages.code).toBe(2)
    expect(pages.stderr).toMatch(/^TOO_LARGE: .*2000 pages/m)
  }, 60_000)
})
