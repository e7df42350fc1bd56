import { crc32 } from 'node:zlib'
import { Deflate, Zip, type ZipInputFile } from 'fflate'

// Hostile zips for tests, made small and fast: the bomb's entries are written as a stream, with
// data descriptors after the data (as streaming zip tools do), so nothing big is ever in memory.

export const MiB = 1024 * 1024

/**
 * Raw DEFLATE of `mib` MiB of zeros: one MiB is compressed once and its output repeated. Each
 * piece is a complete run of blocks ending on a byte boundary (a sync flush), so pieces can follow
 * one another; an empty final block ends the stream.
 */
export function deflatedZeros(mib: number): Array<Uint8Array<ArrayBuffer>> {
  const piece: Uint8Array[] = []
  const d = new Deflate({ level: 9 }, (chunk) => piece.push(chunk))
  d.push(new Uint8Array(MiB))
  d.flush(true)
  const end: Uint8Array[] = []
  new Deflate((chunk) => end.push(chunk)).push(new Uint8Array(0), true)
  const one = join(piece)
  return [...Array.from({ length: mib }, () => one), join(end)]
}

/** The CRC-32 of `mib` MiB of zeros. */
function zerosCrc(mib: number): number {
  const zeros = new Uint8Array(MiB)
  let crc = 0
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc)
  return crc
}

/** A zip of `count` entries, each `mib` MiB of zeros once inflated (10 × 300 MiB is about 3 MB). */
export function zipBomb(count: number, mib: number): Uint8Array {
  const out: Uint8Array[] = []
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    out.push(chunk)
  })
  const data = deflatedZeros(mib)
  const crc = zerosCrc(mib)
  for (let i = 0; i < count; i++) {
    const file: ZipInputFile = { filename: `bomb-${i}.txt`, size: mib * MiB, crc, compression: 8 }
    zip.add(file)
    data.forEach((chunk, n) => file.ondata!(null, chunk, n === data.length - 1))
  }
  zip.end()
  return join(out)
}

export function join(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
