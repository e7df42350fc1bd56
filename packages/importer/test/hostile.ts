import { crc32 } from 'node:zlib'
import { Deflate, Zip, zipSync, strToU8, type ZipInputFile } from 'fflate'

// Hostile files, made small and fast, for the importer's and the API's tests and benches: a DOCX
// whose document.xml is a zip bomb, a DOCX whose sizes lie, 200,000 nested tables, 200,000 <table> tags, and a PDF of
// any number of pages written by hand (one shared page content, so 2,000 pages is ~100 KB).

export const MiB = 1024 * 1024

function join(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

const CONTENT_TYPES = strToU8(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
)

/**
 * A DOCX whose word/document.xml is `mib` MiB of zeros (1,024 MiB is about 1 MB of file): the
 * deflated MiB is made once and repeated, written as a stream so nothing big is in memory.
 */
export function docxBomb(mib: number): Uint8Array<ArrayBuffer> {
  const piece: Uint8Array[] = []
  const d = new Deflate({ level: 9 }, (chunk) => piece.push(chunk))
  const zeros = new Uint8Array(MiB)
  d.push(zeros)
  d.flush(true)
  const end: Uint8Array[] = []
  new Deflate((chunk) => end.push(chunk)).push(new Uint8Array(0), true)
  const one = join(piece)
  let crc = 0
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc)
  const out: Uint8Array[] = []
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    out.push(chunk)
  })
  const types: ZipInputFile = { filename: '[Content_Types].xml', size: CONTENT_TYPES.length, crc: crc32(CONTENT_TYPES), compression: 0 }
  zip.add(types)
  types.ondata!(null, CONTENT_TYPES, true)
  const doc: ZipInputFile = { filename: 'word/document.xml', size: mib * MiB, crc, compression: 8 }
  zip.add(doc)
  for (let i = 0; i < mib; i++) doc.ondata!(null, one, false)
  doc.ondata!(null, join(end), true)
  zip.end()
  return join(out)
}

/** A DOCX whose document.xml says it unpacks to 1,000 bytes and unpacks to `mib` MiB. */
export function lyingDocx(mib: number): Uint8Array<ArrayBuffer> {
  const zip = zipSync({
    '[Content_Types].xml': [CONTENT_TYPES, { level: 0 }],
    'word/document.xml': [new Uint8Array(mib * MiB), { level: 9 }],
  }) as Uint8Array<ArrayBuffer>
  const view = new DataView(zip.buffer)
  const name = strToU8('word/document.xml')
  // Every header naming the entry (the local one and the central directory's) tells the same lie.
  for (let i = 0; i + 46 < zip.length; i++) {
    const sig = view.getUint32(i, true)
    if (
      sig === 0x04034b50 &&
      view.getUint16(i + 26, true) === name.length &&
      zip.subarray(i + 30, i + 30 + name.length).every((b, k) => b === name[k])
    )
      view.setUint32(i + 22, 1000, true)
    if (
      sig === 0x02014b50 &&
      view.getUint16(i + 28, true) === name.length &&
      zip.subarray(i + 46, i + 46 + name.length).every((b, k) => b === name[k])
    )
      view.setUint32(i + 24, 1000, true)
  }
  return zip
}

/** `n` tables nested each in a cell of the one before, left open: 200,000 is 3 MB. */
export function nestedTables(n: number): string {
  return `<html><body><p>2023年度报告</p>${'<table><tr><td>'.repeat(n)}2023年度报告</body></html>`
}

/**
 * `n` <table> tags one after another, as a probe sent them (200,000 is 3 MB). A browser nests
 * none of them (a <table> directly in a <table> closes it): that is `n` tables, not depth.
 */
export function tableTags(n: number): string {
  return `<html><body>${'<table>'.repeat(n)}2023年度报告${'</table>'.repeat(n)}</body></html>`
}

/**
 * A valid PDF of `pages` pages written by hand: one catalog, one page tree, one font, one content
 * stream that every page shares. Text in Helvetica (ASCII), so it has a text layer.
 */
export function minimalPdf(pages: number, text = '2023 annual report on government information disclosure'): Uint8Array<ArrayBuffer> {
  const objects: string[] = []
  const content = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  const kids = Array.from({ length: pages }, (_, i) => `${5 + i} 0 R`).join(' ')
  objects[2] = `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  objects[4] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`
  for (let i = 0; i < pages; i++)
    objects[5 + i] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>'
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = pdf.length
    pdf += `${n} 0 obj\n${objects[n]}\nendobj\n`
  }
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let n = 1; n < objects.length; n++) pdf += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return strToU8(pdf) as Uint8Array<ArrayBuffer>
}

/** Random bytes from a seed (a small xorshift), the same every run. */
export function randomBytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length)
  let x = seed || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}
