import { describe, expect, it } from 'vitest'
import { importReport } from './index.ts'
import { isMhtml, mhtmlPage } from './mhtml.ts'
import { encodeLegacy } from '../test/fixtures.ts'

// Saved web pages as browsers write them: MIME headers, a boundary, the page as quoted-printable
// (Chrome) or base64, then its pictures.
const page =
  '<html><body><h1>某县财政局2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度，我局主动公开信息128条。</p><p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p></body></html>'

function mhtml(part: { encoding: 'quoted-printable' | 'base64'; charset?: string; body: Uint8Array }): Uint8Array {
  const body =
    part.encoding === 'base64'
      ? btoa(String.fromCharCode(...part.body)).replace(/.{76}/g, '$&\r\n')
      : // Every byte above 127 as =XX, lines cut before 76 with soft breaks, never inside an
        // escape, as Chrome writes it.
        [...part.body]
          .map((b) => (b > 126 || b === 61 ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b)))
          .reduce(
            (lines, unit) => {
              if (lines[lines.length - 1]!.length + unit.length > 75) lines.push('')
              lines[lines.length - 1] += unit
              return lines
            },
            [''],
          )
          .join('=\r\n')
  const head = [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://www.example.gov.cn/xxgk/2024/report.html',
    'Subject: =?utf-8?Q?report?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    '\tboundary="----MultipartBoundary--x1----"',
    '',
    '',
    '------MultipartBoundary--x1----',
    `Content-Type: text/html${part.charset ? `; charset=${part.charset}` : ''}`,
    `Content-Transfer-Encoding: ${part.encoding}`,
    'Content-Location: https://www.example.gov.cn/xxgk/2024/report.html',
    '',
    body,
    '',
    '------MultipartBoundary--x1----',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    '',
    'iVBORw0KGgo=',
    '',
    '------MultipartBoundary--x1------',
    '',
  ].join('\r\n')
  return new TextEncoder().encode(head)
}

describe('a web page saved as one file (MHTML)', () => {
  it('takes the page out of its quoted-printable or base64 part', () => {
    for (const encoding of ['quoted-printable', 'base64'] as const) {
      const bytes = mhtml({ encoding, body: new TextEncoder().encode(page) })
      expect(isMhtml(bytes)).toBe(true)
      const saved = mhtmlPage(bytes)!
      expect(new TextDecoder().decode(saved.bytes)).toBe(page)
      expect(saved.location).toBe('https://www.example.gov.cn/xxgk/2024/report.html')
    }
  })

  it('reads the report in it as HTML, in the charset its part declares', async () => {
    for (const [charset, body] of [
      [undefined, new TextEncoder().encode(page)],
      ['gb2312', encodeLegacy(page, 'gb18030')],
    ] as const) {
      // In GBK only the part's header says which charset the page is in.
      const { document, problems } = await importReport(mhtml({ encoding: 'quoted-printable', ...(charset ? { charset } : {}), body }))
      expect(document.agency.name).toBe('某县财政局')
      expect(document.year).toBe(2023)
      expect(document.source.kind).toBe('html')
      expect(JSON.stringify(document.parts['一'])).toContain('128')
      if (charset) expect(problems.find((p) => p.code === 'ENCODING_CONVERTED')?.message.en).toContain('GB18030')
    }
  })

  it('is not taken for a plain text that starts like a mail, and an archive without a page is refused by name', async () => {
    expect(isMhtml(new TextEncoder().encode('Subject: 年度报告\n\n某县2023年政府信息公开工作年度报告'))).toBe(false)
    const noPage = new TextEncoder().encode(
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n',
    )
    await expect(importReport(noPage, { year: 2023 })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      en: expect.stringContaining('MHTML'),
    })
  })
})
