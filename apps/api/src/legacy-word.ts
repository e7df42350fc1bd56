import type { LegacyWordReader } from '@gongkai/importer'
import { Buffer } from 'node:buffer'
import WordExtractor from 'word-extractor'

// Legacy Word (.doc, Word 97–2003) on Node: word-extractor reads the document's text from its
// OLE2 compound file, table cells parted by tabs, which the importer reads as it reads a table
// copied from Word. Node-only (word-extractor uses Node's Buffer and streams); the edge worker
// has no reader, so there a .doc is refused with a message saying to save it as DOCX or PDF.

export const readLegacyWord: LegacyWordReader = async (bytes) => {
  const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  return doc.getBody()
}
