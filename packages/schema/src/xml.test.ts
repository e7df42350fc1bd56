import { describe, expect, it } from 'vitest'
import { escapeXml } from './xml.ts'

describe('escapeXml', () => {
  it('escapes the five markup characters, so text cannot open a tag or end an attribute', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;')
    expect(escapeXml('"/><a href="javascript:1')).toBe('&quot;/&gt;&lt;a href=&quot;javascript:1')
  })

  it('escapes an ampersand once, so an existing entity reads back as typed', () => {
    expect(escapeXml('&amp; &#60;')).toBe('&amp;amp; &amp;#60;')
  })

  it('keeps Chinese text, tab, line breaks and characters beyond the BMP as they are', () => {
    const text = '北京市人民政府办公厅 2023 年度报告\t第 1 版\r\n𠀋𡈽 😀'
    expect(escapeXml(text)).toBe(text)
  })

  it('replaces what XML 1.0 cannot carry: control characters, lone surrogates, U+FFFE and U+FFFF', () => {
    expect(escapeXml('a\u0000b\u0008c\u000Bd\u001Fe')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe')
    expect(escapeXml('x\uD800y')).toBe('x\uFFFDy')
    expect(escapeXml('x\uDC00y')).toBe('x\uFFFDy')
    expect(escapeXml('\uDC00\uD800')).toBe('\uFFFD\uFFFD')
    expect(escapeXml('end\uD83D')).toBe('end\uFFFD')
    expect(escapeXml('\uFFFE\uFFFF')).toBe('\uFFFD\uFFFD')
  })

  it('gives text an XML parser reads back unchanged but for the replaced characters', () => {
    const hostile = `<a title="x">'&\u0001\uD800😀</a>`
    const doc = `<r a="${escapeXml(hostile)}">${escapeXml(hostile)}</r>`
    const back = (s: string) =>
      s.replace(/&(lt|gt|amp|apos|quot);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[e] ?? '')
    const m = /^<r a="([^"<]*)">([^<]*)<\/r>$/.exec(doc)
    expect(m).not.toBeNull()
    const expected = `<a title="x">'&\uFFFD\uFFFD😀</a>`
    expect(back(m![1]!)).toBe(expected)
    expect(back(m![2]!)).toBe(expected)
    // Every surrogate left is half of a pair: the text encodes as UTF-8 and back unchanged.
    expect(new TextDecoder().decode(new TextEncoder().encode(m![2]!))).toBe(m![2])
  })
})
