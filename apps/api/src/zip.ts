import { Unzip, UnzipInflate, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate'
import { ApiError } from './errors.ts'

// Reading an uploaded zip without trusting it. Entries are read one by one from the stream
// (fflate's Unzip), and each is inflated a few kilobytes of input at a time, counting as it
// goes: the first step past a limit stops the reading. A 300 MiB entry of zeros is refused
// after its first megabytes, never inflated whole.

const MiB = 1024 * 1024

export interface ZipLimits {
  /** Entries of any kind (folders and skipped files included). */
  entries: number
  /** Report files (entries that are not folders, hidden files or __MACOSX). */
  files: number
  /** Inflated bytes of one entry. */
  entryBytes: number
  /** Inflated bytes of all entries together. */
  totalBytes: number
  /** Inflated bytes per compressed byte of one entry, checked once it has inflated `ratioAfter` bytes. */
  ratio: number
  ratioAfter: number
}

export const ZIP_LIMITS: ZipLimits = {
  entries: 1_000,
  files: 200,
  entryBytes: 8 * MiB,
  totalBytes: 32 * MiB,
  ratio: 200,
  ratioAfter: 1 * MiB,
}

/** Compressed bytes handed to the inflater per step: one step inflates at most about 1,000 times this. */
const STEP = 4 * 1024

export interface ZipFile {
  /** The entry's path inside the archive. */
  path: string
  bytes: Uint8Array
}

const skipped = (path: string) => path.endsWith('/') || /(^|\/)(\.|__MACOSX)/.test(path)

/** Entry names without the UTF-8 flag come as Latin-1: read them as UTF-8, then GB18030 (Windows in Chinese), if they are valid there. */
function entryName(name: string): string {
  const codes = Array.from(name, (ch) => ch.charCodeAt(0))
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return name
  const bytes = Uint8Array.from(codes)
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes)
    } catch {
      // not this one
    }
  }
  return name
}

const mb = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MB`

function tooLarge(field: string, entry: string, zh: string, en: string): ApiError {
  return new ApiError(
    'ARCHIVE_TOO_LARGE',
    [{ path: field, message: `字段 ${field}：压缩包中的“${entry}”${zh}`, message_en: `Field ${field}: entry "${entry}" ${en}` }],
    { entry },
  )
}

function broken(field: string, zh: string, en: string): ApiError {
  return new ApiError('VALIDATION_FAILED', [{ path: field, message: `字段 ${field}：${zh}`, message_en: `Field ${field}: ${en}` }])
}

/**
 * The report files in a zip, in archive order, each whole. Refuses with ARCHIVE_TOO_LARGE (naming
 * the entry) as soon as a limit is passed, and with VALIDATION_FAILED when it is not a readable zip.
 * `field` names the request field the zip came in.
 */
export function readZip(zip: Uint8Array, field: string, limits: ZipLimits = ZIP_LIMITS): ZipFile[] {
  if (!(zip[0] === 0x50 && zip[1] === 0x4b && (zip[2] === 3 || zip[2] === 5)))
    throw broken(field, '不是有效的 zip 文件', 'not a valid zip file')
  const files: ZipFile[] = []
  const open = new Set<string>()
  let entries = 0
  let total = 0
  let failure: ApiError | null = null
  // The decoder start() made last: the current entry's, since entries are read one after another.
  let lastDecoder: CountingInflate | null = null
  const made = (d: CountingInflate) => {
    lastDecoder = d
  }

  /** fflate's inflater for zip entries, counting the compressed bytes it is given. */
  class CountingInflate implements UnzipDecoder {
    static readonly compression = 8
    ondata: AsyncFlateStreamHandler = () => {}
    compressed = 0
    private readonly inflater = new UnzipInflate()
    constructor() {
      this.inflater.ondata = (err, data, final) => this.ondata(err, data, final)
      made(this)
    }
    push(chunk: Uint8Array, final: boolean) {
      this.compressed += chunk.length
      this.inflater.push(chunk, final)
    }
  }

  const unzip = new Unzip((file) => {
    if (failure) return
    const path = entryName(file.name)
    if (++entries > limits.entries) {
      failure = tooLarge(
        field,
        path,
        `是第 ${entries} 个条目，最多 ${limits.entries} 个`,
        `is entry number ${entries}; an archive may hold at most ${limits.entries}`,
      )
      return
    }
    if (skipped(path)) return
    if (files.length + open.size >= limits.files) {
      failure = tooLarge(
        field,
        path,
        `是第 ${limits.files + 1} 个文件，最多 ${limits.files} 个`,
        `is file number ${limits.files + 1}; a batch may hold at most ${limits.files}`,
      )
      return
    }
    // A declared size is not trusted, but one over the limit needs no reading.
    const declared = file.originalSize ?? 0
    if (declared > limits.entryBytes) {
      failure = tooLarge(
        field,
        path,
        `解压后为 ${mb(declared)}，每个文件最多 ${mb(limits.entryBytes)}`,
        `unpacks to ${mb(declared)}; each file may take at most ${mb(limits.entryBytes)}`,
      )
      return
    }
    const chunks: Uint8Array[] = []
    let size = 0
    // start() makes the entry's decoder when it is deflated (stored entries are read as they are).
    let decoder: CountingInflate | null = null
    open.add(path)
    lastDecoder = null
    file.ondata = (err, data, final) => {
      if (failure) return
      if (err) {
        failure = broken(
          field,
          `压缩包中的“${path}”已损坏或使用了不支持的压缩方式`,
          `entry "${path}" is damaged or uses an unsupported compression method`,
        )
        return
      }
      decoder ??= lastDecoder
      size += data.length
      total += data.length
      if (size > limits.entryBytes) {
        failure = tooLarge(
          field,
          path,
          `解压后超过 ${mb(limits.entryBytes)}（每个文件的上限）`,
          `unpacks to more than ${mb(limits.entryBytes)}, the limit for one file`,
        )
      } else if (total > limits.totalBytes) {
        failure = tooLarge(
          field,
          path,
          `使解压总量超过 ${mb(limits.totalBytes)}（整个压缩包的上限）`,
          `takes the archive past ${mb(limits.totalBytes)} unpacked, the limit for the whole archive`,
        )
      } else if (decoder && size > limits.ratioAfter && size > limits.ratio * decoder.compressed) {
        failure = tooLarge(
          field,
          path,
          `的压缩比超过 ${limits.ratio}:1，疑似压缩炸弹`,
          `is compressed more than ${limits.ratio}:1, like a zip bomb`,
        )
      } else {
        chunks.push(data)
        if (final) {
          open.delete(path)
          files.push({ path, bytes: concat(chunks, size) })
        }
      }
    }
    file.start()
  })
  unzip.register(CountingInflate)

  try {
    for (let at = 0; at < zip.length && !failure; at += STEP) unzip.push(zip.subarray(at, at + STEP), at + STEP >= zip.length)
  } catch {
    if (!failure) failure = broken(field, '不是有效的 zip 文件（内容不完整）', 'not a valid zip file (it is incomplete)')
  }
  if (failure) throw failure
  if (open.size > 0) throw broken(field, `压缩包中的“${[...open][0]}”不完整`, `entry "${[...open][0]}" is incomplete`)
  return files
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const [only] = chunks
  if (chunks.length === 1 && only) return only
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/**
 * Base64 to bytes, in one typed array. `Uint8Array.from(atob(s), fn)` walks the string as an
 * iterator, one small string per character: for a 3 MB upload that left the heap 120 MB larger.
 */
export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

/** Bytes as base64, in slices (spreading megabytes into one call would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}
