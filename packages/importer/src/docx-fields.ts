import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { DOCX_LIMITS, centralDirectory } from './bounds.ts'

// mammoth reads Word's complex fields (<w:fldChar>) as the value they show, but leaves out a
// simple field (<w:fldSimple>) and everything in it (mammoth.js, as python-mammoth issue 69).
// A table whose totals are Word formulas (表格 > 公式: "=SUM(LEFT)") keeps each total's value
// inside such a field, and mammoth dropped it: the cell came out blank, where the page shows a
// number. So, when mammoth says it left one out, the main document's simple fields (and the
// direction wrappers <w:dir>, <w:bdo>, left out the same way) are replaced by what they hold,
// the value Word last showed. The archive is not rebuilt: the new document.xml is appended, and
// a new central directory points to it and to every other entry where it already is.

const WRAPPER = /<w:(?:fldSimple|dir|bdo)\b/u
/** An opening tag with its attributes (a value may hold ">": w:instr=" IF a > b "), or a closing tag. */
const TAG = /<w:(?:fldSimple|dir|bdo)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?>|<\/w:(?:fldSimple|dir|bdo)\s*>/gu

const MAIN = 'word/document.xml'

/** The DOCX with its main document's simple fields unwrapped; the same bytes when it has none. */
export function withSimpleFieldsShown(bytes: Uint8Array): Uint8Array {
  // Bounded already (checkDocxArchive): the entry inflates to no more than it declares.
  const entries = centralDirectory(bytes, DOCX_LIMITS)
  const main = entries.find((e) => e.name === MAIN)
  if (!main) return bytes
  const part = unzipSync(bytes, { filter: (f) => f.name === MAIN })[MAIN]
  if (!part) return bytes
  const xml = strFromU8(part)
  if (!WRAPPER.test(xml)) return bytes
  // A self-closing field shows nothing; an open one shows what it holds.
  const shown = xml.replace(TAG, '')

  // One entry zipped alone gives its local header, data and central record, CRC and all.
  const single = zipSync({ [MAIN]: strToU8(shown) })
  const singleView = new DataView(single.buffer, single.byteOffset, single.byteLength)
  const singleEnd = single.length - 22
  const singleCd = singleView.getUint32(singleEnd + 16, true)
  const local = single.subarray(0, singleCd)
  const record = single.slice(singleCd, singleEnd)
  new DataView(record.buffer).setUint32(42, entries.offset, true)

  const records = entries.map((e) => (e === main ? record : bytes.subarray(e.record[0], e.record[1])))
  const cdSize = records.reduce((n, r) => n + r.length, 0)
  const out = new Uint8Array(entries.offset + local.length + cdSize + 22)
  out.set(bytes.subarray(0, entries.offset), 0)
  out.set(local, entries.offset)
  let at = entries.offset + local.length
  for (const r of records) {
    out.set(r, at)
    at += r.length
  }
  // The end record as it was (entry counts, disk numbers), with the new directory and no comment.
  out.set(bytes.subarray(entries.end, entries.end + 22), at)
  const view = new DataView(out.buffer)
  view.setUint32(at + 12, cdSize, true)
  view.setUint32(at + 16, entries.offset + local.length, true)
  view.setUint16(at + 20, 0, true)
  return out
}
