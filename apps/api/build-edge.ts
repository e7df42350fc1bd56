// Composes the edge worker's static assets (wrangler.toml [assets] → dist/site): the built reader
// at /, the built admin app at /admin/, and the files of pdfjs-dist the PDF importer reads at
// /pdfjs/ (CMaps and standard fonts). Cloudflare serves these without running the worker; the
// `_headers` file gives them the cache and security headers the Node server sends.
// Run: corepack pnpm --filter @gongkai/api build:edge
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EDGE_ASSET_HEADERS } from './src/security-headers.ts'

const here = dirname(fileURLToPath(import.meta.url))
const apps = resolve(here, '..')
const out = join(here, 'dist/site')
const reader = join(apps, 'reader/dist')
const admin = join(apps, 'admin/dist')
for (const dir of [reader, admin]) {
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`缺少前端构建 / missing front-end build: ${dir}\n先运行 / run first: corepack pnpm build`)
    process.exit(1)
  }
}

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
// Without the .br/.gz copies made for the Node server: Cloudflare compresses by itself.
const notPrecompressed = (src: string) => !/\.(br|gz)$/.test(src)
cpSync(reader, out, { recursive: true, filter: notPrecompressed })
cpSync(admin, join(out, 'admin'), { recursive: true, filter: notPrecompressed })
const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
for (const d of ['cmaps', 'standard_fonts']) cpSync(join(pdfjs, d), join(out, 'pdfjs', d), { recursive: true })

writeFileSync(join(out, '_headers'), EDGE_ASSET_HEADERS)
console.log(`edge assets → ${out}`)
