import { ImportError } from './errors.ts'

// Before the HTML is parsed: how deep do its tags nest? node-html-parser builds the tree without
// recursion, but walking it (querySelectorAll, textContent, closest) recurses once per level, so
// 200,000 nested tables overflowed the call stack (a 500 on the API). This scan follows the
// parser's own rules with a counter and a stack of names, iteratively, in one pass, and refuses
// a page nested deeper than any real one (TOO_DEEP) before anything is built.
//
// It sees the tags the parser will: the markup pattern, the void tags, and the implied closes
// below are node-html-parser 9's (src/nodes/html.ts). It counts the elements open at each moment
// of the parse, which is at least the depth of the tree the parser returns (elements still open at
// the end are flattened by the parser), so nothing nested deeper than the limit gets through.

/** Far deeper than any real report page (a CMS page nests a few dozen elements), far shallower than the stack. */
export const MAX_DEPTH = 500

const MARKUP =
  /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][-.:0-9_a-zA-Z@\xB7\xC0-\xD6\xD8-\xF6\u00F8-\u03A1\u03A3-\u03D9\u03DB-\u03EF\u03F7-\u03FF\u0400-\u04FF\u0500-\u052F\u1D00-\u1D2B\u1D6B-\u1D77\u1D79-\u1D9A\u1E00-\u1E9B\u1F00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u2126\u212A-\u212B\u2132\u214E\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA78E\uA790-\uA7AD\uA7B0-\uA7B7\uA7F7-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB5F\uAB64-\uAB65\uFB00-\uFB06\uFB13-\uFB17\uFF21-\uFF3A\uFF41-\uFF5A\x37F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*)((?:\s+[^>]*?(?:(?:'[^']*')|(?:"[^"]*"))?)*)\s*(\/?)>/gu
const MARKUP_WITH_CDATA =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([a-zA-Z][-.:0-9_a-zA-Z@\xB7\xC0-\xD6\xD8-\xF6\u00F8-\u03A1\u03A3-\u03D9\u03DB-\u03EF\u03F7-\u03FF\u0400-\u04FF\u0500-\u052F\u1D00-\u1D2B\u1D6B-\u1D77\u1D79-\u1D9A\u1E00-\u1E9B\u1F00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u2126\u212A-\u212B\u2132\u214E\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA78E\uA790-\uA7AD\uA7B0-\uA7B7\uA7F7-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB5F\uAB64-\uAB65\uFB00-\uFB06\uFB13-\uFB17\uFF21-\uFF3A\uFF41-\uFF5A\x37F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*)((?:\s+[^>]*?(?:(?:'[^']*')|(?:"[^"]*"))?)*)\s*(\/?)>/gu
const UNQUOTED_ATTRIBUTE_VALUE_AT_END = /(?:^|\s)[^\s"'<>=/]+\s*=\s*[^\s"'<>`]+$/

const both = (names: string[]) => new Set(names.flatMap((n) => [n, n.toUpperCase()]))
const VOID = both(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
/** Dropped with their content: importHtml passes these as block text elements. */
const RAW_TEXT = /^(script|style|noscript)$/i

/** An open element (the key, as written) is closed by opening one of these. */
const CLOSED_BY_OPENING = new Map<string, Set<string>>()
/** An open element (the key, upper case) is closed by the closing tag of one of these. */
const CLOSED_BY_CLOSING = new Map<string, Set<string>>()
function rule(map: Map<string, Set<string>>, open: string[], by: string[], keys: (n: string) => string[]) {
  for (const o of open) for (const k of keys(o)) map.set(k, both(by))
}
const asWritten = (n: string) => [n, n.toUpperCase()]
const upper = (n: string) => [n.toUpperCase()]
rule(CLOSED_BY_OPENING, ['li'], ['li'], asWritten)
rule(CLOSED_BY_OPENING, ['p'], ['p', 'div'], asWritten)
rule(CLOSED_BY_OPENING, ['b'], ['div'], asWritten)
rule(CLOSED_BY_OPENING, ['td', 'th'], ['td', 'th', 'tr', 'tbody', 'tfoot'], asWritten)
rule(CLOSED_BY_OPENING, ['tr'], ['tr', 'tbody', 'tfoot'], asWritten)
rule(CLOSED_BY_OPENING, ['thead', 'tbody'], ['tbody', 'tfoot'], asWritten)
for (const h of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) rule(CLOSED_BY_OPENING, [h], [h], asWritten)
rule(CLOSED_BY_OPENING, ['dt', 'dd'], ['dt', 'dd'], asWritten)
rule(CLOSED_BY_CLOSING, ['li'], ['ul', 'ol'], upper)
rule(CLOSED_BY_CLOSING, ['a', 'b', 'i', 'p'], ['div'], upper)
rule(CLOSED_BY_CLOSING, ['td', 'th'], ['tr', 'table', 'thead', 'tbody', 'tfoot'], upper)
rule(CLOSED_BY_CLOSING, ['tr'], ['table', 'thead', 'tbody', 'tfoot'], upper)
rule(CLOSED_BY_CLOSING, ['tbody', 'tfoot'], ['table'], upper)
rule(CLOSED_BY_CLOSING, ['dt', 'dd'], ['dl', 'body', 'html'], upper)
/** A <p> is closed by the closing tag of its container, except these. */
const P_KEPT_BY = new Set(['a', 'audio', 'del', 'ins', 'map', 'noscript', 'video'])

/** The deepest the elements of `html` nest while it is parsed. */
export function nestingDepth(html: string, limit = Infinity): number {
  const pattern = html.includes('<![CDATA[') ? MARKUP_WITH_CDATA : MARKUP
  pattern.lastIndex = 0
  const stack: string[] = []
  let deepest = 0
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
    const [text, leadingSlash, name, attributes = ''] = m
    let closingSlash = m[4]
    // A comment or CDATA, and the name of the parser's own wrapper, which it skips.
    if (name === undefined || text[1] === '!' || name === 'documentfragmentcontainer') continue
    if (closingSlash && !leadingSlash && UNQUOTED_ATTRIBUTE_VALUE_AT_END.test(attributes) && !VOID.has(name)) closingSlash = ''
    let closing = Boolean(leadingSlash)
    if (!leadingSlash) {
      if (!closingSlash)
        for (let top = stack.at(-1); top !== undefined && CLOSED_BY_OPENING.get(top)?.has(name); top = stack.at(-1)) stack.pop()
      stack.push(name)
      if (stack.length > deepest) {
        deepest = stack.length
        if (deepest > limit) return deepest
      }
      if (RAW_TEXT.test(name)) {
        const end = html.indexOf(`</${name}>`, pattern.lastIndex)
        if (end === -1) break
        pattern.lastIndex = end + name.length + 3
        closing = true
      }
    }
    if (!(closing || closingSlash || VOID.has(name))) continue
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      if (top === name) {
        stack.pop()
        break
      }
      if (CLOSED_BY_CLOSING.get(top.toUpperCase())?.has(name)) {
        stack.pop()
        continue
      }
      if (top.toLowerCase() === 'p' && stack.at(-2)?.toLowerCase() === name.toLowerCase() && !P_KEPT_BY.has(name.toLowerCase())) {
        stack.pop()
        continue
      }
      break
    }
  }
  return deepest
}

/** Refuse (TOO_DEEP) HTML whose elements nest deeper than MAX_DEPTH. */
export function assertShallow(html: string): void {
  const depth = nestingDepth(html, MAX_DEPTH)
  if (depth > MAX_DEPTH) {
    throw new ImportError(
      'TOO_DEEP',
      `网页的标签嵌套超过 ${MAX_DEPTH} 层，无法读取（正常的报告页面只有几十层）`,
      `The page nests its tags more than ${MAX_DEPTH} deep and cannot be read (a real report page nests a few dozen)`,
    )
  }
}
