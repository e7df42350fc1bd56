import { Inflate } from 'fflate'
import { ImportError } from './errors.ts'

// Bounds on a file before a library reads it whole. mammoth hands a DOCX to JSZip, which inflates
// each part it needs with no limit: a 1 MB DOCX whose word/document.xml unpacks to 1 GiB of zeros
// would fill the memory of whoever reads it. So the archive is checked first, from its central
// directory (entries, each entry's size, the total, the compression ratio), and then each entry is
// inflated once, counting and keeping nothing, to see that it is no larger than it says: a size
// that lies is caught at the first kilobytes past it. Anything over a limit is ARCHIVE_TOO_LARGE,
// naming the entry. A PDF is bounded by its page count (MAX_PDF_PAGES, checked in pdf.ts).

const MiB = 1024 * 1024

export interface DocxLimits {
  /** Entries in the archive (a Word document has a few dozen). */
  entries: number
  /** Inflated bytes of one entry. */
  entryBytes: number
  /** Inflated bytes of all entries together. */
  totalBytes: number
  /** Inflated bytes per compressed byte of one entry, for entries over `ratioAfter` bytes. */
  ratio: number
  ratioAfter: number
}

/** Far above a real report (its document.xml is a few MB, compressed 5–20 times), far below what hurts. */
export const DOCX_LIMITS: DocxLimits = { entries: 2_000, entryBytes: 64 * MiB, totalBytes: 128 * MiB, ratio: 200, ratioAfter: 1 * MiB }

/** More pages than any annual report has (they run to a few dozen). */
export const MAX_PDF_PAGES = 500

export function assertPdfPages(pages: number): void {
  if (pages > MAX_PDF_PAGES)
    throw new ImportError(
      'TOO_LARGE',
      `此 PDF 有 ${pages} 页，最多读取 ${MAX_PDF_PAGES} 页`,
      `This PDF has ${pages} pages; at most ${MAX_PDF_PAGES} are read`,
    )
}

const mb = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MB`

function tooLarge(entry: string, zh: string, en: string): ImportError {
  return new ImportError('ARCHIVE_TOO_LARGE', `DOCX 压缩包中的“${entry}”${zh}`, `Entry "${entry}" of the DOCX ${en}`)
}

const notDocx = (why: string, whyEn: string) =>
  new ImportError('FORMAT_UNSUPPORTED', `此文件不是可读取的 DOCX（${why}）`, `This file is not a readable DOCX (${whyEn})`)

export interface Entry {
  name: string
  method: number
  compressed: number
  size: number
  localOffset: number
  /** Where the entry's central directory record starts and ends. */
  record: [number, number]
}

/** The central directory's entries, from the end-of-central-directory record. */
export function centralDirectory(bytes: Uint8Array, limits: DocxLimits): Entry[] & { offset: number; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The record is at the end, after a comment of at most 65,535 bytes.
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw notDocx('没有 zip 目录', 'no zip directory')
  const count = view.getUint16(eocd + 10, true)
  const cdSize = view.getUint32(eocd + 12, true)
  const cdOffset = view.getUint32(eocd + 16, true)
  // ZIP64 (over 65,535 entries or 4 GB): no report is that; refused unread.
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw tooLarge('(zip64)', '使用了 ZIP64 格式（超过 4 GB 或 65535 个条目）', 'uses ZIP64 (over 4 GB or 65,535 entries)')
  if (count > limits.entries)
    throw tooLarge(
      '(目录 directory)',
      `共有 ${count} 个条目，最多 ${limits.entries} 个`,
      `holds ${count} entries; at most ${limits.entries}`,
    )
  if (cdOffset + cdSize > eocd) throw notDocx('zip 目录已损坏', 'its zip directory is damaged')
  const decoder = new TextDecoder()
  const entries = Object.assign([] as Entry[], { offset: cdOffset, end: eocd })
  let at = cdOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) throw notDocx('zip 目录已损坏', 'its zip directory is damaged')
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    const compressed = view.getUint32(at + 20, true)
    const size = view.getUint32(at + 24, true)
    const localOffset = view.getUint32(at + 42, true)
    if (compressed === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      throw tooLarge(name, '使用了 ZIP64 格式（超过 4 GB）', 'uses ZIP64 (over 4 GB)')
    const next = at + 46 + nameLength + extraLength + commentLength
    entries.push({ name, method: view.getUint16(at + 10, true), compressed, size, localOffset, record: [at, next] })
    at = next
  }
  return entries
}

/** Inflate one entry, keeping nothing, and refuse it once it passes the size it declares. */
function inflatesWithin(bytes: Uint8Array, entry: Entry): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const local = entry.localOffset
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50)
    throw notDocx(`“${entry.name}”的条目头已损坏`, `the header of entry "${entry.name}" is damaged`)
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
  const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressed))
  let size = 0
  let over = false
  let broken = false
  const inflate = new Inflate((chunk) => {
    size += chunk.length
    if (size > entry.size) over = true
  })
  // A step of 4 KB inflates to at most about 4 MB: the count is checked between steps.
  const STEP = 4 * 1024
  try {
    for (let i = 0; i < data.length && !over; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length)
  } catch {
    broken = true
  }
  if (over)
    throw tooLarge(
      entry.name,
      `声明解压后为 ${mb(entry.size)}，实际更大，疑似压缩炸弹`,
      `declares ${mb(entry.size)} unpacked but unpacks to more, like a zip bomb`,
    )
  // A damaged entry is left to the reader, which says so in its own words.
  void broken
}

/**
 * Refuse a DOCX that would unpack to more than the limits allow (ARCHIVE_TOO_LARGE, naming the
 * entry), or that is not a zip at all (FORMAT_UNSUPPORTED), before mammoth opens it.
 */
export function checkDocxArchive(bytes: Uint8Array, limits: DocxLimits = DOCX_LIMITS): void {
  if (bytes.length < 22) throw notDocx('文件过短', 'the file is too short')
  const entries = centralDirectory(bytes, limits)
  let total = 0
  for (const e of entries) {
    if (e.size > limits.entryBytes)
      throw tooLarge(
        e.name,
        `解压后为 ${mb(e.size)}，每个条目最多 ${mb(limits.entryBytes)}`,
        `unpacks to ${mb(e.size)}; each entry may take at most ${mb(limits.entryBytes)}`,
      )
    total += e.size
    if (total > limits.totalBytes)
      throw tooLarge(
        e.name,
        `使解压总量超过 ${mb(limits.totalBytes)}（整个文件的上限）`,
        `takes the document past ${mb(limits.totalBytes)} unpacked, the limit for the whole file`,
      )
    if (e.size > limits.ratioAfter && e.size > limits.ratio * Math.max(1, e.compressed)) {
      throw tooLarge(e.name, `的压缩比超过 ${limits.ratio}:1，疑似压缩炸弹`, `is compressed more than ${limits.ratio}:1, like a zip bomb`)
    }
  }
  // The sizes are what the archive says: each deflated entry is checked against its own.
  for (const e of entries) if (e.method === 8) inflatesWithin(bytes, e)
}
