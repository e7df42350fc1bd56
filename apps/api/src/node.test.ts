import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from './auth/password.ts'
import { insertUser } from './db/users.ts'
import { EDGE_PAGE_HEADERS, HSTS } from './security-headers.ts'
import { connect, type Connection } from './db/connect.ts'
import { migrateToLatest } from './db/migrator.ts'
import { createNodeApp } from './node.ts'

// The Node entry's static serving: the two apps, their SPA fallbacks, and which headers go where.

const BIG = `export const labels = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `政府信息公开第${i}项`))}\n`

let conn: Connection
let dir: string
let app: ReturnType<typeof createNodeApp>
beforeAll(async () => {
  conn = await connect({ url: ':memory:' })
  await migrateToLatest(conn.db)
  dir = mkdtempSync(join(tmpdir(), 'gongkai-static-'))
  for (const name of ['reader', 'admin']) {
    mkdirSync(join(dir, name, 'assets'), { recursive: true })
    writeFileSync(join(dir, name, 'index.html'), `<!doctype html><title>${name}</title>`)
    writeFileSync(join(dir, name, 'assets', 'app-1234.js'), `console.log(${JSON.stringify(name)})`)
    writeFileSync(join(dir, name, 'assets', 'big-5678.js'), BIG)
    // What scripts/precompress.mjs writes beside a build's files.
    writeFileSync(join(dir, name, 'assets', 'big-5678.js.br'), brotliCompressSync(BIG))
    writeFileSync(join(dir, name, 'assets', 'big-5678.js.gz'), gzipSync(BIG))
  }
  app = createNodeApp(conn, { reader: join(dir, 'reader'), admin: join(dir, 'admin') })
})
afterAll(async () => {
  await conn?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

it('gives pages the full set of security headers, with the app’s content policy', async () => {
  for (const path of ['/', '/reports/some-id', '/admin/', '/admin/reports/x']) {
    const res = await app.request(path)
    expect({ path, status: res.status, type: res.headers.get('content-type') }).toMatchObject({
      path,
      status: 200,
      type: expect.stringContaining('text/html'),
    })
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toBe('no-cache')
  }
  expect(await (await app.request('/admin/reports/x')).text()).toContain('<title>admin</title>')
})

it('serves hashed assets as immutable, with nosniff but without the page-only headers', async () => {
  const res = await app.request('/assets/app-1234.js')
  expect(res.status).toBe(200)
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  for (const h of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'strict-transport-security'])
    expect({ h, v: res.headers.get(h) }).toEqual({ h, v: null })
  // A missing file is a 404, never the app's index.html.
  expect((await app.request('/assets/gone-after-deploy.js')).status).toBe(404)
})

it('sends the Brotli copy of a built file to a browser that takes it, gzip to one that takes only that', async () => {
  for (const prefix of ['', '/admin']) {
    const br = await app.request(`${prefix}/assets/big-5678.js`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(BIG)
    const gz = await app.request(`${prefix}/assets/big-5678.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    const plain = await app.request(`${prefix}/assets/big-5678.js`)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(BIG)
  }
})

describe('HTTPS headers and the session cookie', () => {
  const socket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress, remotePort: 40000, remoteFamily: 'IPv4' } } })
  let proxied: ReturnType<typeof createNodeApp>
  beforeAll(async () => {
    proxied = createNodeApp(conn, { reader: join(dir, 'reader'), admin: join(dir, 'admin') }, { trustProxy: ['10.0.0.1'] })
    await insertUser(
      conn.db,
      { username: 'cookie-user', displayName: 'c', passwordHash: await hashPassword('a long cookie password'), isAdmin: false },
      new Date(),
    )
  })

  it('sends no X-Frame-Options: SAMEORIGIN beside frame-ancestors, and every header the edge sends on its pages, alike', async () => {
    const res = await app.request('/reports/x')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    for (const [k, v] of Object.entries(EDGE_PAGE_HEADERS)) expect({ k, v: res.headers.get(k) }).toEqual({ k, v })
  })

  it('sends HSTS only over HTTPS: directly, or when a trusted proxy says so', async () => {
    const hsts = async (a: typeof app, url: string, from: string | null, headers: Record<string, string> = {}) =>
      (await a.request(url, { headers }, from ? socket(from) : undefined)).headers.get('strict-transport-security')
    expect(await hsts(app, 'http://localhost/', '192.0.2.1')).toBeNull()
    expect(await hsts(app, 'http://localhost/admin/', null)).toBeNull()
    expect(await hsts(app, 'https://localhost/', '192.0.2.1')).toBe(HSTS)
    expect(await hsts(proxied, 'http://localhost/', '10.0.0.1', { 'X-Forwarded-Proto': 'https' })).toBe(HSTS)
    // The same header from anyone else, or "http" from the proxy, is plain HTTP.
    expect(await hsts(proxied, 'http://localhost/', '192.0.2.1', { 'X-Forwarded-Proto': 'https' })).toBeNull()
    expect(await hsts(proxied, 'http://localhost/', '10.0.0.1', { 'X-Forwarded-Proto': 'http' })).toBeNull()
    // Never on API responses or files (document-only), even over HTTPS.
    expect(await hsts(app, 'https://localhost/api/health', '192.0.2.1')).toBeNull()
  })

  it('marks the session cookie Secure whenever the site is served over HTTPS, behind a trusted proxy too', async () => {
    const cookie = async (a: typeof app, url: string, from: string, headers: Record<string, string> = {}) => {
      const res = await a.request(
        url,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ username: 'cookie-user', password: 'a long cookie password' }),
        },
        socket(from),
      )
      expect(res.status).toBe(200)
      return res.headers.get('set-cookie') ?? ''
    }
    expect(await cookie(app, 'http://localhost/api/auth/login', '192.0.2.1')).not.toMatch(/;\s*Secure/i)
    expect(await cookie(app, 'https://localhost/api/auth/login', '192.0.2.1')).toMatch(/;\s*Secure/i)
    expect(
      await cookie(proxied, 'http://localhost/api/auth/login', '10.0.0.1', {
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-For': '192.0.2.9',
      }),
    ).toMatch(/;\s*Secure/i)
    expect(await cookie(proxied, 'http://localhost/api/auth/login', '192.0.2.1', { 'X-Forwarded-Proto': 'https' })).not.toMatch(
      /;\s*Secure/i,
    )
  })
})

it("sends the reader's home page with its first API answer, and a report page without one when there is no such report", async () => {
  const root = join(dir, 'reader-first')
  mkdirSync(join(root, '.vite'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>reader</title></head><body><div id="app"></div></body></html>')
  writeFileSync(
    join(root, '.vite', 'manifest.json'),
    JSON.stringify({ 'src/pages/HomePage.vue': { file: 'assets/HomePage-1.js', imports: ['index.html'] } }),
  )
  const withFirst = createNodeApp(conn, { reader: root, admin: join(dir, 'admin') })
  const home = await (await withFirst.request('/')).text()
  expect(home).toContain('<link rel="modulepreload" crossorigin href="/assets/HomePage-1.js"></head>')
  const block = /<script type="application\/json" id="gk-first" data-path="([^"]*)">(.*)<\/script><\/body>/.exec(home)
  expect(block?.[1]).toBe('/api/reports?sort=recent&amp;limit=10')
  expect(JSON.parse(block?.[2] ?? 'null')).toMatchObject({ items: [] })
  const missing = await withFirst.request('/reports/no-such-report')
  expect(missing.status).toBe(200)
  expect(await missing.text()).not.toContain('gk-first')
})
