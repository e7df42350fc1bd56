// A web page saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File", .mht/.mhtml):
// a MIME message whose first text/html part is the page, quoted-printable or base64, followed
// by its pictures and styles. The page is taken out and read as HTML; the rest is left unread.

const latin1 = new TextDecoder('latin1')

/** Whether the bytes are a saved web page: MIME headers, then a multipart/related body. */
export function isMhtml(bytes: Uint8Array): boolean {
  const head = latin1.decode(bytes.subarray(0, 4096))
  const headers = head.split(/\r?\n\r?\n/, 1)[0] ?? ''
  return (
    /^(?:From|MIME-Version|Subject|Date|Snapshot-Content-Location|Content-Type)\s*:/im.test(headers) &&
    /content-type\s*:\s*multipart\/related/i.test(headers)
  )
}

export interface MhtmlPage {
  /** The page's bytes, transfer encoding undone. */
  bytes: Uint8Array
  /** The charset its part declares, if any. */
  charset: string | null
  /** Where the page was saved from. */
  location: string | null
}

/** The saved page, or null when the message holds no HTML part. */
export function mhtmlPage(bytes: Uint8Array): MhtmlPage | null {
  const text = latin1.decode(bytes)
  const split = /\r?\n\r?\n/.exec(text)
  if (!split) return null
  const headers = unfold(text.slice(0, split.index))
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(headers)?.[1]
  if (!boundary) return null
  const location = /^snapshot-content-location\s*:\s*(\S+)/im.exec(headers)?.[1] ?? null
  for (const part of text.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break
    const body = /\r?\n\r?\n/.exec(part)
    if (!body) continue
    const partHeaders = unfold(part.slice(0, body.index))
    if (!/^content-type\s*:\s*text\/html/im.test(partHeaders)) continue
    const encoding = /^content-transfer-encoding\s*:\s*([\w-]+)/im.exec(partHeaders)?.[1]?.toLowerCase() ?? '7bit'
    const raw = part.slice(body.index + body[0].length).replace(/(?:\r?\n)+$/, '')
    const charset = /charset\s*=\s*"?([\w-]+)"?/i.exec(partHeaders)?.[1]?.toLowerCase() ?? null
    const partLocation = /^content-location\s*:\s*(\S+)/im.exec(partHeaders)?.[1] ?? null
    return {
      bytes: encoding === 'quoted-printable' ? quotedPrintable(raw) : encoding === 'base64' ? base64(raw) : latin1Bytes(raw),
      charset,
      location: location ?? partLocation,
    }
  }
  return null
}

/** Header lines continued on the next line (starting with a space or tab) joined. */
const unfold = (headers: string) => headers.replace(/\r?\n[ \t]+/g, ' ')

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff
  return out
}

function quotedPrintable(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i)
    if (ch === '=') {
      // A soft line break: "=" at a line's end.
      if (s[i + 1] === '\r' && s[i + 2] === '\n') {
        i += 2
        continue
      }
      if (s[i + 1] === '\n') {
        i += 1
        continue
      }
      const hex = s.slice(i + 1, i + 3)
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out[n++] = parseInt(hex, 16)
        i += 2
        continue
      }
    }
    out[n++] = s.charCodeAt(i) & 0xff
  }
  return out.subarray(0, n)
}

function base64(s: string): Uint8Array {
  const clean = s.replace(/[^A-Za-z0-9+/=]/g, '')
  const bin = atob(clean)
  return latin1Bytes(bin)
}
