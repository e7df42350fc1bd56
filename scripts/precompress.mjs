// Writes a Brotli (.br) and a gzip (.gz) copy next to every compressible file of a build, so the
// Node server sends the smallest one the browser accepts without compressing on every request
// (serveStatic's `precompressed`). Brotli at its best level is about a sixth smaller than gzip
// for our scripts, which matters on a phone. The edge build leaves these copies out: Cloudflare
// compresses by itself.
// Usage: node scripts/precompress.mjs <dist folder>
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/
// Below this, headers outweigh what compression saves.
const MIN_BYTES = 1024

/**
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

const root = process.argv[2]
if (!root) {
  console.error('usage: node scripts/precompress.mjs <dist folder>')
  process.exit(2)
}
let count = 0
for (const path of files(root)) {
  if (!COMPRESSIBLE.test(path)) continue
  const bytes = readFileSync(path)
  if (bytes.length < MIN_BYTES) continue
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  )
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }))
  count++
}
console.log(`precompressed ${count} files in ${root}`)
