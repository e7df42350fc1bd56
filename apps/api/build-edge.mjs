// Composes the edge worker's static assets (wrangler.toml [assets] → dist/site): the built reader
// at /, the built admin app at /admin/, and the files of pdfjs-dist the PDF importer reads at
// /pdfjs/ (CMaps and standard fonts). Cloudflare serves these without running the worker; the
// `_headers` file gives them the cache and security headers the Node server sends.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

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
cpSync(reader, out, { recursive: true })
cpSync(admin, join(out, 'admin'), { recursive: true })
const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
for (const d of ['cmaps', 'standard_fonts']) cpSync(join(pdfjs, d), join(out, 'pdfjs', d), { recursive: true })

const csp = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"].join('; ')
writeFileSync(
  join(out, '_headers'),
  `# Hashed build files never change; everything else revalidates (index.html, sw.js, the manifest).
/*
  Cache-Control: no-cache
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  X-Frame-Options: DENY
  Referrer-Policy: strict-origin-when-cross-origin
/assets/*
  ! Cache-Control
  Cache-Control: public, max-age=31536000, immutable
/admin/assets/*
  ! Cache-Control
  Cache-Control: public, max-age=31536000, immutable
`,
)
console.log(`edge assets → ${out}`)
