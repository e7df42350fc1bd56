import { expect, it } from 'vitest'
import { isTrusted, parseTrustedProxies, resolvePeer } from './peer.ts'

it('reads TRUST_PROXY as addresses and IPv4 ranges', () => {
  const trusted = parseTrustedProxies(' 10.0.0.1, ::FFFF:10.0.0.2 ,172.16.0.0/12,, ::1')
  expect(trusted).toEqual(['10.0.0.1', '10.0.0.2', '172.16.0.0/12', '::1'])
  expect(isTrusted('::ffff:10.0.0.1', trusted)).toBe(true)
  expect(isTrusted('172.31.255.1', trusted)).toBe(true)
  expect(isTrusted('172.32.0.1', trusted)).toBe(false)
  expect(isTrusted('::1', trusted)).toBe(true)
  expect(isTrusted('10.0.0.3', trusted)).toBe(false)
})

it('believes forwarding headers only from a trusted socket peer', () => {
  const h = { forwardedFor: '1.2.3.4, 5.6.7.8', forwardedProto: 'https' }
  expect(resolvePeer('9.9.9.9', h, ['10.0.0.1'], false)).toEqual({ address: '9.9.9.9', https: false })
  expect(resolvePeer('10.0.0.1', h, ['10.0.0.1'], false)).toEqual({ address: '5.6.7.8', https: true })
  expect(resolvePeer('10.0.0.1', { forwardedFor: '1.2.3.4, 10.0.0.2' }, ['10.0.0.0/8'], false)).toEqual({
    address: '1.2.3.4',
    https: false,
  })
  // Every hop a trusted proxy: the left-most is the client.
  expect(resolvePeer('10.0.0.1', { forwardedFor: '10.0.0.9' }, ['10.0.0.0/8'], false).address).toBe('10.0.0.9')
  // No header: the proxy itself.
  expect(resolvePeer('10.0.0.1', {}, ['10.0.0.1'], true)).toEqual({ address: '10.0.0.1', https: true })
  // A client's own X-Forwarded-Proto to the left of the proxy's is not taken.
  expect(resolvePeer('10.0.0.1', { forwardedProto: 'https, http' }, ['10.0.0.1'], false).https).toBe(false)
  expect(resolvePeer(null, h, [], false)).toEqual({ address: null, https: false })
})
