import { expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { LOCK_MS } from '../db/login-attempts.ts'
import { nodePeer } from '../node.ts'
import { forEachDialect, suiteSite } from '../test/harness.ts'

// The sign-in limit as a client meets it: the address is the socket's (given here the way
// @hono/node-server gives it, in the request's env), forwarding headers count only from a trusted
// proxy, and failures are limited per address and per account name, with backoff.

forEachDialect('sign-in limit', (dialect) => {
  const suite = suiteSite(dialect, { actors: false })

  function client(trustProxy: string[] = []) {
    let clock = new Date('2026-03-01T00:00:00Z')
    // Each test starts from its own time, far from the others, so their counts never meet.
    const app = createApp({
      db: suite.site.conn.db,
      dialect: suite.site.conn.dialect,
      batch: suite.site.conn.batch,
      now: () => clock,
      peer: nodePeer(trustProxy),
    })
    return {
      advance: (ms: number) => {
        clock = new Date(clock.getTime() + ms)
      },
      setClock: (d: Date) => {
        clock = d
      },
      login: (from: string, username: string, password: string, headers: Record<string, string> = {}) =>
        app.request(
          '/api/auth/login',
          { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) },
          { incoming: { socket: { remoteAddress: from, remotePort: 40000, remoteFamily: from.includes(':') ? 'IPv6' : 'IPv4' } } },
        ),
    }
  }

  it('limits one address without any header: failures across many account names are stopped at the fifth', async () => {
    const c = client()
    c.setClock(new Date('2026-03-01T00:00:00Z'))
    const statuses: number[] = []
    for (let i = 0; i < 30; i++) statuses.push((await c.login('198.51.100.7', `nobody-${i}`, 'wrong')).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]))
    // The right password from that address waits too; from another address it works.
    const locked = await c.login('198.51.100.7', 'admin', suite.site.adminPassword)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await c.login('::ffff:198.51.100.8', 'admin', suite.site.adminPassword)).status).toBe(200)
    // An IPv4 client seen on a dual-stack socket is the same address.
    expect((await c.login('::ffff:198.51.100.7', 'nobody-x', 'wrong')).status).toBe(429)
  })

  it('ignores X-Forwarded-For and CF-Connecting-IP from anyone not a trusted proxy: a spoofed header locks no one out', async () => {
    const c = client()
    c.setClock(new Date('2026-04-01T00:00:00Z'))
    const victim = '203.0.113.9'
    for (let i = 0; i < 8; i++)
      await c.login('198.51.100.20', `spoof-${i}`, 'wrong', { 'X-Forwarded-For': victim, 'CF-Connecting-IP': victim })
    // The attacker's own address is what got locked...
    expect((await c.login('198.51.100.20', 'spoof-x', 'wrong', { 'X-Forwarded-For': '192.0.2.1' })).status).toBe(429)
    // ...and the address it named signs in.
    expect((await c.login(victim, 'admin', suite.site.adminPassword)).status).toBe(200)
  })

  it('behind a trusted proxy takes the right-most untrusted X-Forwarded-For hop', async () => {
    const c = client(['10.0.0.1', '10.1.0.0/16'])
    c.setClock(new Date('2026-05-01T00:00:00Z'))
    // The client wrote the left-most hop itself; the proxies appended the client and themselves.
    for (let i = 0; i < 5; i++)
      expect((await c.login('10.0.0.1', `proxied-${i}`, 'wrong', { 'X-Forwarded-For': `203.0.113.77, 192.0.2.50, 10.1.2.3` })).status).toBe(
        401,
      )
    expect((await c.login('10.0.0.1', 'admin', suite.site.adminPassword, { 'X-Forwarded-For': '192.0.2.50' })).status).toBe(429)
    // Naming another address to the left does not get the locked client out.
    expect((await c.login('10.0.0.1', 'admin', suite.site.adminPassword, { 'X-Forwarded-For': '192.0.2.99, 192.0.2.50' })).status).toBe(429)
    // The address it tried to name is not locked, nor is the proxy itself.
    expect((await c.login('10.0.0.1', 'admin', suite.site.adminPassword, { 'X-Forwarded-For': '203.0.113.77' })).status).toBe(200)
    // The same header straight from an untrusted socket is ignored: that socket is the client.
    expect((await c.login('198.51.100.30', 'admin', suite.site.adminPassword, { 'X-Forwarded-For': '192.0.2.50' })).status).toBe(200)
  })

  it('limits one account name from many addresses, and backs off: each lock after the first is twice as long', async () => {
    const c = client()
    c.setClock(new Date('2026-06-01T00:00:00Z'))
    const name = `target-${dialect.name}`
    for (let i = 0; i < 5; i++) expect((await c.login(`192.0.2.${100 + i}`, name, 'wrong')).status).toBe(401)
    const first = await c.login('192.0.2.200', name, 'wrong')
    expect(first.status).toBe(429)
    expect(Number(first.headers.get('retry-after'))).toBe(LOCK_MS / 1000)
    c.advance(LOCK_MS + 60_000)
    // The lock ended, but the account is remembered: one more failure locks it for twice as long.
    expect((await c.login('192.0.2.201', name, 'wrong')).status).toBe(401)
    const second = await c.login('192.0.2.202', name, 'wrong')
    expect(second.status).toBe(429)
    expect(Number(second.headers.get('retry-after'))).toBe((2 * LOCK_MS) / 1000)
    c.advance(LOCK_MS + 60_000)
    expect((await c.login('192.0.2.203', name, 'wrong')).status).toBe(429)
    c.advance(LOCK_MS)
    expect((await c.login('192.0.2.204', name, 'wrong')).status).toBe(401)
    expect(Number((await c.login('192.0.2.205', name, 'wrong')).headers.get('retry-after'))).toBe((4 * LOCK_MS) / 1000)
  })
})
