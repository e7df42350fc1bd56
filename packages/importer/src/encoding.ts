import chardet from 'chardet'
import { DOCX_LIMITS, centralDirectory } from './bounds.ts'
import { ImportError } from './errors.ts'

// Reading bytes as text. Older government CMSs still publish GB2312/GBK pages and text files,
// and some Big5, so UTF-8 is tried strictly first, then the charset the page declares, then the
// Chinese encoding that chardet's statistical detectors rank first (GB18030 is a superset of
// GB2312 and GBK; Big5 bytes are often also valid GB18030, so validity alone cannot decide).
// Files that are not text at all are refused by what they are.

/** Signatures of files that are not reports in a readable format, with what to say about them. */
const BINARY: Array<{ magic: number[]; zh: string; en: string }> = [
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    zh: '这是旧版 Word（.doc）或 WPS 文件，无法直接读取，请另存为 DOCX 或 PDF 后上传',
    en: 'This is a legacy Word (.doc) or WPS file, which cannot be read; save it as DOCX or PDF and upload that',
  },
  { magic: [0x89, 0x50, 0x4e, 0x47], zh: '这是一张图片（PNG），没有可读取的文字', en: 'This is an image (PNG) with no text to read' },
  { magic: [0xff, 0xd8, 0xff], zh: '这是一张图片（JPEG），没有可读取的文字', en: 'This is an image (JPEG) with no text to read' },
  { magic: [0x47, 0x49, 0x46, 0x38], zh: '这是一张图片（GIF），没有可读取的文字', en: 'This is an image (GIF) with no text to read' },
  { magic: [0x49, 0x49, 0x2a, 0x00], zh: '这是一张图片（TIFF），没有可读取的文字', en: 'This is an image (TIFF) with no text to read' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], zh: '这是一张图片（TIFF），没有可读取的文字', en: 'This is an image (TIFF) with no text to read' },
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    zh: '这是一个 ZIP 压缩包而不是 DOCX 文件；如需批量导入，请在导入页面上传该压缩包',
    en: 'This is a ZIP archive, not a DOCX file; to import several reports, upload the archive on the import page',
  },
]

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

export interface DecodedText {
  text: string
  /** The encoding the bytes were read in (WHATWG label). */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5'
  /** Bytes that were not valid in that encoding, each shown as U+FFFD (never guessed). */
  replaced: number
}

/** chardet's names for the legacy encodings a Chinese report may come in. */
const CHARDET_NAMES: Partial<Record<string, DecodedText['encoding']>> = { GB18030: 'gb18030', Big5: 'big5' }

function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096))
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)
  return m?.[1]?.toLowerCase() ?? null
}

const strict = (encoding: string, bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/**
 * Archives that are documents of another kind, told by the entries they hold (their names stand
 * in the zip's headers: the first ones near the start, all of them in the directory at the end).
 * OFD is China's own fixed-layout format (GB/T 33190), which portals publish beside or instead
 * of PDF: it is named, and the PDF asked for, rather than called a batch archive.
 */
const ZIPPED: Array<{ is: (names: readonly string[], odf: string) => boolean; zh: string; en: string }> = [
  {
    is: (names) => names.includes('OFD.xml'),
    zh: '这是 OFD 版式文件（GB/T 33190），暂不能直接读取；请上传同一报告的 PDF（可在发布系统或阅读器中另存为 PDF）',
    en: 'This is an OFD fixed-layout document (GB/T 33190), which cannot be read yet; upload the same report as a PDF (save it as PDF from the publishing system or a reader)',
  },
  {
    is: (_, odf) => odf === 'text',
    zh: '这是 OpenDocument 文本（.odt），无法直接读取；请另存为 DOCX 或 PDF 后上传',
    en: 'This is an OpenDocument text (.odt), which cannot be read; save it as DOCX or PDF and upload that',
  },
  {
    is: (names, odf) => names.includes('xl/workbook.xml') || odf === 'spreadsheet',
    zh: '这是电子表格（Excel / WPS 表格），不是报告文档；请上传报告全文的 DOCX、PDF 或网页',
    en: 'This is a spreadsheet (Excel or WPS), not a report; upload the whole report as DOCX, PDF or a web page',
  },
  {
    is: (names, odf) => names.includes('ppt/presentation.xml') || odf === 'presentation',
    zh: '这是演示文稿（PowerPoint / WPS 演示），不是报告文档；请上传报告全文的 DOCX、PDF 或网页',
    en: 'This is a presentation (PowerPoint or WPS), not a report; upload the whole report as DOCX, PDF or a web page',
  },
]

/** The names in a zip's local entry headers, wherever one starts in these bytes. */
function localNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const names: string[] = []
  for (let i = bytes.indexOf(0x50); i >= 0 && i + 30 <= bytes.length; i = bytes.indexOf(0x50, i + 1)) {
    if (view.getUint32(i, true) !== 0x04034b50) continue
    const length = view.getUint16(i + 26, true)
    names.push(new TextDecoder('latin1').decode(bytes.subarray(i + 30, Math.min(bytes.length, i + 30 + length))))
  }
  return names
}

/** Refuses a file whose first bytes are the signature of a known binary format, saying which. */
export function refuseKnownBinary(bytes: Uint8Array): void {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    let names: string[]
    try {
      names = centralDirectory(bytes, DOCX_LIMITS).map((e) => e.name)
    } catch {
      // Only the first bytes (the CLI's head), or a damaged directory: the entries' own headers.
      names = localNames(bytes.subarray(0, 1024 * 1024))
    }
    // An OpenDocument file's first entry is "mimetype", stored, holding its type.
    const odf = /^PK[\s\S]{28}mimetypeapplication\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)/.exec(
      new TextDecoder('latin1').decode(bytes.subarray(0, 128)),
    )?.[1]
    for (const z of ZIPPED) if (z.is(names, odf ?? '')) throw new ImportError('FORMAT_UNSUPPORTED', z.zh, z.en)
  }
  for (const b of BINARY) if (startsWith(bytes, b.magic)) throw new ImportError('FORMAT_UNSUPPORTED', b.zh, b.en)
}

export const NOT_RECOGNISED = () =>
  new ImportError(
    'FORMAT_UNSUPPORTED',
    '无法识别此文件：它不是 HTML、文本、Markdown、PDF 或 DOCX',
    'This file is not recognised: it is not HTML, text, Markdown, PDF or DOCX',
  )

/**
 * UTF-16 saved without its byte-order mark: the line breaks, spaces and digits of a report put
 * a zero byte beside every one of their bytes, on the same side nearly each time, which no 8-bit
 * text does. Read only when the whole file decodes cleanly that way.
 */
function utf16WithoutBom(bytes: Uint8Array): DecodedText | null {
  if (bytes.length < 64 || bytes.length % 2 !== 0) return null
  const n = Math.min(bytes.length, 8192)
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++
    if (bytes[i + 1] === 0) odd++
  }
  const pairs = n / 2
  // A character whose code ends in 00 puts a zero on the other side: 一 (U+4E00), one of the
  // commonest characters of a report ("一、", "第一项"), does so in one character of forty.
  const encoding = odd > pairs * 0.05 && even < odd * 0.5 ? 'utf-16le' : even > pairs * 0.05 && odd < even * 0.5 ? 'utf-16be' : null
  if (!encoding) return null
  const text = strict(encoding, bytes)
  return text === null ? null : { text, encoding, replaced: 0 }
}

/** The bytes as text, or an ImportError that says what the file is instead. */
export function decodeText(bytes: Uint8Array): DecodedText {
  refuseKnownBinary(bytes)
  if (startsWith(bytes, [0xff, 0xfe]))
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', replaced: 0 }
  if (startsWith(bytes, [0xfe, 0xff]))
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', replaced: 0 }
  let decoded: DecodedText | null = utf16WithoutBom(bytes)
  const utf8 = decoded ? null : strict('utf-8', bytes)
  if (utf8 !== null) decoded = { text: utf8.replace(/^\uFEFF/, ''), encoding: 'utf-8', replaced: 0 }
  if (!decoded) {
    // A UTF-8 file with a few broken bytes (a scrape cut mid-character) stays UTF-8, with the
    // damage shown and counted; text in a legacy encoding breaks UTF-8 on nearly every character.
    const lenient = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
    const replaced = lenient.split('\uFFFD').length - 1
    if (replaced <= Math.max(1, lenient.length / 2000)) decoded = { text: lenient, encoding: 'utf-8', replaced }
  }
  if (!decoded) {
    const declared = declaredCharset(bytes)
    const fromDeclared: DecodedText['encoding'][] =
      declared === null ? [] : /big5/.test(declared) ? ['big5'] : /^(gb|euc-cn|x-gbk|cp936)/.test(declared) ? ['gb18030'] : []
    const ranked = chardet
      .analyse(bytes)
      .map((m) => CHARDET_NAMES[m.name])
      .filter((e): e is DecodedText['encoding'] => e !== undefined)
    for (const encoding of [...new Set([...fromDeclared, ...ranked, 'gb18030' as const])]) {
      const text = strict(encoding, bytes)
      if (text !== null) {
        decoded = { text, encoding, replaced: 0 }
        break
      }
    }
  }
  // Control characters other than tab, newlines and form feed mean a binary file.
  const sample = decoded?.text.slice(0, 20_000) ?? ''
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c < 0x09 || (c > 0x0d && c < 0x20)) control++
  }
  if (!decoded || control > Math.max(2, sample.length / 1000)) {
    throw NOT_RECOGNISED()
  }
  return decoded
}
