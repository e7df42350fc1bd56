import { checkHead, HEAD_BYTES, importReport, type ImportReportOptions, type ImportResult, type PdfAssetReader } from '@gongkai/importer'

// How an uploaded file is read: one function, injected into createApp and the job worker. The
// default reads it in-process (the edge, where a request is its own isolate with its own limits).
// Node injects a runner that reads it in a worker thread with memory and time limits
// (import-thread.ts), so a hostile file cannot take the server down.

export type ImportOptions = Omit<ImportReportOptions, 'pdfAssets'>
export type ImportRunner = (bytes: Uint8Array | string, options: ImportOptions) => Promise<ImportResult>

export function inProcessImporter(pdfAssets?: PdfAssetReader): ImportRunner {
  return (bytes, options) => importReport(bytes, { ...options, ...(pdfAssets ? { pdfAssets } : {}) })
}

/**
 * Refuse what is certainly not a report from its first 64 KB, before it is read whole (as the CLI
 * does): random bytes, images, legacy Word. Reading 3 MB of random bytes took seconds in a thread
 * and minutes at the edge; this takes a millisecond. Text given as a string is text already.
 */
export function checkUploadHead(input: Uint8Array | string, format: ImportOptions['format']): void {
  if (typeof input === 'string') return
  checkHead(input.subarray(0, HEAD_BYTES), format ?? 'auto', input.length <= HEAD_BYTES)
}
