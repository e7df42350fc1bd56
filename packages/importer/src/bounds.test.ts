import { describe, expect, it } from 'vitest'
import { docxBomb, lyingDocx, minimalPdf, MiB, nestedTables, randomBytes, tableTags } from '../test/hostile.ts'
import { checkDocxArchive, DOCX_LIMITS, MAX_PDF_PAGES } from './bounds.ts'
import { importReport } from './index.ts'

// Hostile files never reach the library that would read them whole: each is refused with its code
// (a zip bomb naming its entry), and a real DOCX still reads (import.test.ts reads every cell of one).

const refusal = async (bytes: Uint8Array | string, format?: 'docx' | 'pdf') => {
  try {
    await importReport(bytes, format ? { format } : {})
  } catch (e) {
    return e as { code: string; zh: string; en: string }
  }
  throw new Error('the file was read')
}

describe('a DOCX is bounded before mammoth unzips it', () => {
  it('refuses a DOCX whose document.xml unpacks to 1 GiB (about 1 MB of file), naming the entry', async () => {
    const bomb = docxBomb(1024)
    expect(bomb.length).toBeLessThan(2 * MiB)
    const e = await refusal(bomb)
    expect(e).toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
      zh: expect.stringContaining('word/document.xml'),
      en: expect.stringContaining('word/document.xml'),
    })
  })

  it('refuses an entry under the size limit that is compressed like a bomb', () => {
    expect(() => checkDocxArchive(docxBomb(40))).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_TOO_LARGE', en: expect.stringContaining('compressed more than') }),
    )
  })

  it('refuses an entry that unpacks to more than it declares, stopping at the declared size', () => {
    expect(() => checkDocxArchive(lyingDocx(20))).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_TOO_LARGE', en: expect.stringMatching(/word\/document\.xml.*declares/) }),
    )
  })

  it('counts every entry against the total', () => {
    expect(() => checkDocxArchive(docxBomb(3), { ...DOCX_LIMITS, totalBytes: 2 * MiB, ratio: 1e9 })).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_TOO_LARGE', en: expect.stringContaining('past 2 MB') }),
    )
  })

  it('calls random bytes or a truncated zip forced to DOCX unsupported, not a crash', async () => {
    expect(await refusal(randomBytes(100_000), 'docx')).toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
    const zip = lyingDocx(1)
    expect(await refusal(zip.subarray(0, zip.length - 40), 'docx')).toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
    expect(await refusal(new TextEncoder().encode('PK\x03\x04 not really a zip'), 'docx')).toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
  })
})

describe('other hostile files', () => {
  it(`refuses a PDF of more than ${MAX_PDF_PAGES} pages (2,000 here) by its page count`, async () => {
    const e = await refusal(minimalPdf(2_000))
    expect(e).toMatchObject({ code: 'TOO_LARGE', en: expect.stringContaining('2000 pages') })
  })

  it('reads the hand-written PDF when it is short (so the refusal above is the page count)', async () => {
    const e = await refusal(minimalPdf(2))
    // It has a text layer but no report in it: no year to file it under is the refusal.
    expect(e.code).not.toBe('TOO_LARGE')
  })

  it('calls a truncated PDF unsupported', async () => {
    const pdf = minimalPdf(20)
    expect(await refusal(pdf.subarray(0, Math.floor(pdf.length / 3)))).toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
  })

  it('refuses 200,000 nested tables as too deep', async () => {
    expect(await refusal(nestedTables(200_000))).toMatchObject({ code: 'TOO_DEEP' })
  })

  it('refuses 200,000 <table> tags in a row as more tables than a report holds', async () => {
    expect(await refusal(tableTags(200_000))).toMatchObject({ code: 'TOO_LARGE', en: expect.stringContaining('tables') })
  })

  it('refuses random bytes as an unsupported format', async () => {
    expect(await refusal(randomBytes(1_000_000, 7))).toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
  })
})
