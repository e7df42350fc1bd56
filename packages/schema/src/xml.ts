// The one XML escaper, for every XML the project writes (the Atom feeds, the deadlines calendar, the
// 图解's SVG). It escapes the five markup characters, so text is safe in element content and in
// quoted attributes alike. Characters XML 1.0 cannot carry at all (control characters other than tab,
// line feed and carriage return, lone surrogates, U+FFFE and U+FFFF) become U+FFFD, so a hostile or
// damaged title can never make a feed or an SVG ill-formed.

const MARKUP: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }

const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[<>&'"]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function escapeXml(s: string): string {
  return s.replace(UNSAFE, (ch) => MARKUP[ch] ?? '\uFFFD')
}
