import OpenCC from 'opencc-js/t2cn'
import { normalizeLabel } from '@gongkai/schema'

// Mirror sites publish reports in Traditional characters, and one wiki converter also rewrote
// 文件 as 檔案. Text is converted to Simplified before anything is matched.
const toCn = OpenCC.Converter({ from: 'tw', to: 'cn' })
const HAN_TRADITIONAL_HINT = /[們個資訊報這說國對於與將會關應]|檔案|規範|處理|申請|結轉|複議|訴訟|公開/u

export function looksTraditional(text: string): boolean {
  return HAN_TRADITIONAL_HINT.test(text) && toCn(text) !== text
}

/**
 * Some mirrors also print a character's pinyin after it, in brackets ("規(guī)章", "項(xiàng)"): no
 * label matched, and a table was "not provided". A bracketed syllable with a tone mark, right after
 * a Han character, is dropped; brackets of anything else ("(一)", "(单位:万元)") stay.
 */
const PINYIN_NOTE = /(\p{Script=Han})[(（]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)[)）]/gu

export function toSimplified(text: string): string {
  return toCn(text.replace(PINYIN_NOTE, '$1'))
}

// Fonts in PDFs map some characters to look-alike radicals, and text converters copy them out
// (Chromium's PDFs through pdf.js, mutool or pdfminer: "上海市⼈民政府"). NFKC folds the Kangxi
// radicals (⼈ → 人) but not the CJK Radicals Supplement, whose simplified forms are mapped here.
const RADICALS: Record<string, string> = {
  '⺟': '母',
  '⺠': '民',
  '⻆': '角',
  '⻈': '讠',
  '⻉': '贝',
  '⻋': '车',
  '⻓': '长',
  '⻔': '门',
  '⻘': '青',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻢': '马',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻬': '齐',
  '⻮': '齿',
  '⻰': '龙',
  '⻳': '龟',
}
/**
 * Characters that print nothing (zero-width space and joiners, word joiner, a byte-order mark
 * inside the text, soft hyphen), as the characters or as HTML's names for them. Some CMSs put
 * them between the characters of a line ("规\u200b章"), and a label no longer matched: the
 * tables were lost, with no error. A reader sees no difference without them.
 */
const INVISIBLE =
  /[\u200b-\u200d\u2060\ufeff\u00ad]|&(?:#(?:8203|8204|8205|8288|65279|173|x200[bcd]|x2060|xfeff|xad);|ZeroWidthSpace;|zwnj;|zwj;|shy;|NoBreak;)/giu
export function withoutInvisible(t: string): string {
  return t.replace(INVISIBLE, '')
}

/**
 * Full-width digits (０–９, typed with a Chinese input method) as ASCII digits, one for one, so
 * offsets hold: "７１３" is a number to every reading, as "713" is.
 */
export function halfWidthDigits(t: string): string {
  return t.replace(/[\uff10-\uff19]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
}

/** Radicals printed for characters, as the characters. Nothing else in the text changes. */
export function unradical(t: string): string {
  return t.replace(/[\u2e80-\u2fdf]/gu, (ch) => RADICALS[ch] ?? ch.normalize('NFKC'))
}

/** The comparison form of a label from any source: Simplified, converter slips undone, normalised. */
export function matchForm(label: string): string {
  let form = forms.get(label)
  if (form === undefined) {
    form = normalizeLabel(toCn(label).replace(/档案/g, '文件'))
    // Labels repeat across tables, templates and files: the conversion is done once for each.
    if (forms.size > 50_000) forms.clear()
    forms.set(label, form)
  }
  return form
}
const forms = new Map<string, string>()

/** Similarity of two labels, 0–1, from their edit distance. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1
  const m = a.length
  const n = b.length
  if (!m || !n) return 0
  // One row of the distance table, rewritten in place row by row: `up` is the cell above
  // (i-1, j), `left` the one just written (i, j-1), `diag` the one above that (i-1, j-1).
  const prev = Array.from({ length: n + 1 }, (_, j) => j)
  let diag = 0
  let left = 0
  for (let i = 1; i <= m; i++) {
    prev.forEach((up, j) => {
      const d = j === 0 ? i : Math.min(up + 1, left + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
      left = d
      prev[j] = d
    })
  }
  // The last cell written is (m, n): the distance of the whole labels.
  return 1 - left / Math.max(m, n)
}

export interface LabelMatch<T> {
  item: T
  confidence: number
}

/** The best label among candidates: exact or alias (1.0), else fuzzy above `min`. */
export function bestLabel<T>(
  text: string,
  candidates: readonly T[],
  labels: (c: T) => readonly string[],
  min = 0.75,
): LabelMatch<T> | null {
  const t = matchForm(text)
  if (!t) return null
  let best: LabelMatch<T> | null = null
  for (const c of candidates) {
    for (const l of labels(c)) {
      const f = matchForm(l)
      if (f === t) return { item: c, confidence: 1 }
      // The edit distance is at least the difference in length: skip what cannot reach `min`
      // or beat the best so far (the same result, without the work).
      const bound = 1 - Math.abs(f.length - t.length) / Math.max(f.length, t.length)
      if (bound < min || bound <= (best?.confidence ?? 0)) continue
      const score = similarity(t, f)
      if (score > (best?.confidence ?? 0)) best = { item: c, confidence: score }
    }
  }
  return best && best.confidence >= min ? best : null
}

/** One of the six part headings (table 三's rows also start with 一、 二、 … but are not these). */
export const PART_HEADING =
  /^[一二三四五六]?[、.]?\s*(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开|.{0,12}行政复议、.{0,4}行政诉讼情况|.{0,12}存在的主要问题|其他需要报告的事项)/u

/**
 * Where the body starts after the title line `at`: the line after it, or the title line itself
 * when it is a part's heading (an excerpt that starts at "一、总体情况" has no title; its first
 * line stands as the title, and the heading stays in the body, where part 一 is found).
 */
export function bodyStart(lines: readonly string[], at: number): number {
  return PART_HEADING.test((lines[at] ?? '').trim()) ? at : at + 1
}

/**
 * The report's title among the first lines: it names a year and a report (page furniture does
 * not), before the first part's heading. A line after a heading that names the report ("向社会公布
 * 2021年本级政府信息公开工作年度报告", part 一's first sentence in an excerpt that starts at its
 * heading) is the part's prose, not a title.
 */
export function titleLine(lines: readonly string[]): number {
  const heading = lines.findIndex((l) => PART_HEADING.test(l.trim()))
  const at = lines.findIndex((l) => /(19|20)\d{2}\s*年.{0,40}报告/u.test(l) && !l.includes('|'))
  return heading >= 0 && at > heading ? 0 : Math.max(0, at)
}
