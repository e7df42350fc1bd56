import { readFileSync } from 'node:fs'
import { TABLE_IDS, cellDefs, fromCells, getCell } from '@gongkai/schema'
import { importReport } from '@gongkai/importer'
import { describe, expect, it } from 'vitest'
import { importCommand } from './cli-import.ts'
import { readLegacyWord } from './legacy-word.ts'

// A Word 97–2003 (.doc) report: the corpus's borderless 2023 education bureau report (blank cells
// among the numbers), saved as .doc by LibreOffice 7.4 (`soffice --convert-to 'doc:MS Word 97'`).
const fixture = new URL('./test/fixtures/sample-education-bureau-2023.doc', import.meta.url)
const bytes = new Uint8Array(readFileSync(fixture))
const expected = fromCells(
  JSON.parse(
    readFileSync(
      new URL('../../../packages/importer/corpus/generated/sample-education-bureau-2023-borderless.expected.cells.json', import.meta.url),
      'utf8',
    ),
  ),
)

describe('legacy Word (.doc)', () => {
  it('reads every cell, blanks kept, and says the source was a .doc', async () => {
    const { document, problems } = await importReport(bytes, { legacyWord: readLegacyWord })
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(document.source.kind).toBe('doc')
    expect(document.template).toBe('2021')
    expect(document.year).toBe(2023)
    const value = (c: ReturnType<typeof getCell>) => (c.state === 'value' ? c.value : c.state)
    for (const t of TABLE_IDS)
      for (const def of cellDefs('2021', t))
        expect(value(getCell(document, t, def.id)), `表${t} ${def.id}`).toEqual(value(getCell(expected, t, def.id)))
  })

  it('is refused with a clear message where no reader is given (the edge worker)', async () => {
    await expect(importReport(bytes, {})).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      zh: expect.stringContaining('.doc'),
      en: expect.stringContaining('DOCX or PDF'),
    })
  })

  it('reads through `gongkai import`, and refuses a damaged .doc by name', async () => {
    const { output, exitCode } = await importCommand(fixture.pathname, { json: true })
    expect(exitCode).toBe(0)
    expect(JSON.parse(output).document.source.kind).toBe('doc')
    const broken = new Uint8Array(4096)
    broken.set(bytes.subarray(0, 512))
    await expect(importReport(broken, { legacyWord: readLegacyWord })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      en: expect.stringContaining('.doc or WPS file cannot be read'),
    })
  })
})
