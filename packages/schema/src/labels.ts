// Label normalisation: published pages mix full-width and ASCII punctuation, break labels with
// spaces and line feeds, and use straight or curly quotes. Everything that matches a label
// against the templates goes through `normalizeLabel` first, so alias lists only need the
// variants that differ in wording.

const PUNCT: Record<string, string> = {
  '(': '（',
  ')': '）',
  ':': '：',
  ',': '，',
  ';': '；',
  '"': '“',
  '\u201d': '“',
  '\u2018': '“',
  '\u2019': '“',
  "'": '“',
}

/** Canonical comparison form of a label: no whitespace, one form of each punctuation mark. */
export function normalizeLabel(label: string): string {
  let out = ''
  // NFKC folds full-width digits, letters, brackets and colons to ASCII; PUNCT then maps the
  // punctuation back to the full-width forms the notices use.
  for (const ch of label.normalize('NFKC')) {
    if (/\s/u.test(ch)) continue
    out += PUNCT[ch] ?? ch
  }
  return out
}

/** True when two labels are the same once normalised. */
export function sameLabel(a: string, b: string): boolean {
  return normalizeLabel(a) === normalizeLabel(b)
}
