import { METRIC_REASONS, metricComparable, metricDef, type MetricDef, type MetricReason, type TemplateId } from '@gongkai/schema'
import type { MetricFact } from './db/metrics.ts'
import type { RegionTallyRow, ValueRow } from './db/ranking.ts'
import type { RegionValueRow } from './db/region-value.ts'
import type { RankedAgency } from './db/ranking-tally.ts'
import type { StatsTallyRow } from './db/stats-tally.ts'
import type { UnknownItem } from './db/unknown-facts.ts'

// Roll-ups of one metric over many reports: values, rankings and totals. Pure functions over the
// fact rows, so the route stays thin and the arithmetic is tested on its own.

export const GROUP_BY = ['agency', 'region', 'level', 'year'] as const
export type GroupBy = (typeof GROUP_BY)[number]

export const LEVEL_NAMES: Record<string, { zh: string; en: string }> = {
  national: { zh: '国家级', en: 'National' },
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县级', en: 'County' },
  township: { zh: '乡镇级', en: 'Township' },
}

export interface Total {
  /** Σ values for a count; Σ numerators ÷ Σ denominators × 100 for a share; null when no report gives a value. */
  value: number | null
  /** Reports whose value is known and counted. */
  reports: number
}

export interface StatGroup extends Total {
  key: string
  label: { zh: string; en: string }
  /** 1 for the largest value; ties share a rank; null for a group with no value. */
  rank: number | null
  /** Reports of the group whose value is unknown, by reason. */
  excluded: Partial<Record<MetricReason, number>>
  templates: TemplateId[]
  agency?: MetricFact['agency']
  /** For a group of one report, the report. */
  reportId?: string
  year?: number
}

const collator = new Intl.Collator('zh')
const round = (n: number) => Math.round(n * 1e4) / 1e4

export function totalOf(def: MetricDef, facts: readonly MetricFact[]): Total {
  const known = facts.filter((f): f is MetricFact & { value: number } => f.value !== null)
  if (known.length === 0) return { value: null, reports: 0 }
  if (def.kind === 'ratio') {
    const num = known.reduce((s, f) => s + (f.numerator ?? 0), 0)
    const den = known.reduce((s, f) => s + (f.denominator ?? 0), 0)
    return { value: den === 0 ? null : round((num / den) * 100), reports: known.length }
  }
  return { value: round(known.reduce((s, f) => s + f.value, 0)), reports: known.length }
}

/** The same total from sums made in the database (`metricSums`): known figures only, a share as Σ numerators ÷ Σ denominators. */
export function totalOfSums(
  def: MetricDef,
  s: { known: number; value: number; numerator: number; denominator: number } | undefined,
): Total {
  if (!s || s.known === 0) return { value: null, reports: 0 }
  if (def.kind === 'ratio') return { value: s.denominator === 0 ? null : round((s.numerator / s.denominator) * 100), reports: s.known }
  return { value: round(s.value), reports: s.known }
}

/** Largest value first, groups without one last; 0 for a tie (two groups without a value tie too). */
const byValue = (a: { value: number | null }, b: { value: number | null }) =>
  a.value === b.value ? 0 : (b.value ?? -Infinity) - (a.value ?? -Infinity)

/** What a ranking orders: a group's value and name, and its agency's code (or its key) to order a tie of equal names. */
interface Rankable {
  key: string
  value: number | null
  rank: number | null
  label: { zh: string }
  agency?: { code: string } | undefined
}

/** The last word on a tie: an agency's code (two agencies may share a name), or the group's key; code-unit order, the same on every engine. */
const tieKey = (g: Rankable) => g.agency?.code ?? g.key
const byKey = (a: Rankable, b: Rankable) => (tieKey(a) < tieKey(b) ? -1 : tieKey(a) > tieKey(b) ? 1 : 0)
/** Within a tie: by name (Intl.Collator 'zh'), then by code. */
const byName = (a: Rankable, b: Rankable) => collator.compare(a.label.zh, b.label.zh) || byKey(a, b)
/**
 * The order of a ranking: largest value first, a tie by name then code; the groups without a value
 * last, unranked, by their agency's code (or key), as the reports not counted are listed (and as
 * an index keeps them: a metric no agency reports is ten thousand groups, not read to show a page).
 */
const inRankOrder = (a: Rankable, b: Rankable) => byValue(a, b) || (a.value === null ? byKey(a, b) : byName(a, b))

/** Competition ranking (1, 2, 2, 4), largest first; groups without a value come last, unranked. */
export function rank<T extends Rankable>(groups: T[]): T[] {
  return rankedPage(groups, 0, groups.length)
}

/**
 * The groups from `offset` to `offset + limit` of the ranking `rank` gives: largest value first,
 * a tie in the order of the names (Intl.Collator 'zh'), then of the agencies' codes; the groups
 * without a value last, by code (`inRankOrder`). A rank depends
 * on the values alone, so every group is ordered by value (a cheap comparison), and only the tied
 * runs the page shows are put in the order of their names: ten thousand agencies took 24,000
 * collations, a page a few hundred.
 */
export function rankedPage<T extends Rankable>(groups: T[], offset: number, limit: number): T[] {
  const sorted = [...groups].sort(byValue)
  const w = tiedWindow(sorted, offset, limit)
  return w ? rankWindow(sorted.slice(w.from, w.to), w.from, offset, w.end) : []
}

/**
 * Of groups ordered by value, the positions [from, to) of the tied runs a page [offset, end)
 * overlaps: what must be named and ordered by name to show the page. Null when the page starts past the last group.
 */
function tiedWindow(sorted: ReadonlyArray<{ value: number | null }>, offset: number, limit: number) {
  const end = Math.min(sorted.length, offset + limit)
  if (offset >= end) return null
  let from = offset
  while (from > 0 && byValue(must(sorted[from - 1]), must(sorted[offset])) === 0) from--
  let to = end
  while (to < sorted.length && byValue(must(sorted[to]), must(sorted[end - 1])) === 0) to++
  return { from, to, end }
}

/**
 * The groups of a window `tiedWindow` gave (starting at position `from` of the ranking) in rank
 * order with their ranks, cut to the page [offset, end). Competition rank: 1 + the groups with a
 * larger value, i.e. the position where a tied run starts (a window starts where a run does).
 */
function rankWindow<T extends Rankable>(window: T[], from: number, offset: number, end: number): T[] {
  const shown = window.sort(inRankOrder)
  let runStart = from
  for (const [i, g] of shown.entries()) {
    const before = shown[i - 1]
    if (before !== undefined && byValue(before, g) !== 0) runStart = from + i
    g.rank = g.value === null ? null : runStart + 1
  }
  return shown.slice(offset - from, end - from)
}

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('index out of range') // unreachable: indexes stay within the sorted groups
  return x
}

function keyOf(f: MetricFact, by: GroupBy): string {
  if (by === 'agency') return f.agency.id
  if (by === 'region') return f.agency.regionCode ?? '-'
  if (by === 'level') return f.agency.level
  return String(f.year)
}

/** A group's label: an agency's name and code, a region's name, a level's name, a year. */
function labelOf(
  by: GroupBy,
  key: string,
  first: MetricFact | undefined,
  regionNames: ReadonlyMap<string, string>,
): { zh: string; en: string } {
  if (by === 'agency' && first) return { zh: first.agency.name, en: first.agency.code }
  if (by === 'region') return { zh: regionNames.get(key) ?? key, en: key }
  if (by === 'level') return LEVEL_NAMES[key] ?? { zh: key, en: key }
  return { zh: `${key}年`, en: key }
}

/** Reasons in the catalogue's order, so a group's `excluded` lists them the same way however its facts were read. */
const REASONS = Object.keys(METRIC_REASONS) as MetricReason[]
function excludedOf(counts: Map<string, number>): Partial<Record<MetricReason, number>> {
  const out: Partial<Record<MetricReason, number>> = {}
  for (const r of REASONS) {
    const n = counts.get(r)
    if (n) out[r] = n
  }
  // A reason the catalogue does not list (none today) keeps its place after them.
  for (const [r, n] of counts) if (n && !(r in out)) out[r as MetricReason] = n
  return out
}

/** One group of facts (at least one), as the ranking lists it. */
export function groupOf(
  def: MetricDef,
  by: GroupBy,
  key: string,
  members: readonly MetricFact[],
  regionNames: Map<string, string>,
): StatGroup {
  const first = members[0]
  const reasons = new Map<string, number>()
  for (const f of members) if (f.reason) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + 1)
  return {
    key,
    label: labelOf(by, key, first, regionNames),
    ...totalOf(def, members),
    rank: null,
    excluded: excludedOf(reasons),
    templates: [...new Set(members.map((f) => f.template as TemplateId))].sort(),
    ...(by === 'agency' && first ? { agency: first.agency } : {}),
    ...(members.length === 1 && first ? { reportId: first.reportId, year: first.year } : {}),
  }
}

/** The groups of the facts, ranked; `page` (offset, limit) gives only those groups, with `count` all of them. */
export function groupFacts(
  def: MetricDef,
  facts: readonly MetricFact[],
  by: GroupBy,
  regionNames: Map<string, string>,
  page?: { offset: number; limit: number },
): { count: number; groups: StatGroup[] } {
  const groups = new Map<string, MetricFact[]>()
  for (const f of facts) {
    const k = keyOf(f, by)
    let members = groups.get(k)
    if (!members) groups.set(k, (members = []))
    members.push(f)
  }
  const out: StatGroup[] = []
  for (const [key, members] of groups) out.push(groupOf(def, by, key, members, regionNames))
  return { count: out.length, groups: page ? rankedPage(out, page.offset, page.limit) : rank(out) }
}

/** What a tally row holds (db/stats-tally.ts, db/ranking-tally.ts): facts of a template and reason, the known ones and their sums. */
type TallyRow = Pick<StatsTallyRow, 'template' | 'reason' | 'n' | 'known' | 'value' | 'numerator' | 'denominator'>

/** Σ of tally rows: facts, known ones and their sums, reasons and templates. */
function sumRows(rows: readonly TallyRow[]) {
  const s = { n: 0, known: 0, value: 0, numerator: 0, denominator: 0, reasons: new Map<string, number>(), templates: new Set<TemplateId>() }
  for (const r of rows) {
    s.n += r.n
    s.known += r.known
    s.value += r.value
    s.numerator += r.numerator
    s.denominator += r.denominator
    if (r.reason) s.reasons.set(r.reason, (s.reasons.get(r.reason) ?? 0) + r.n)
    s.templates.add(r.template as TemplateId)
  }
  return s
}

/** The total, counts and comparability `totalOf`, the route and `factsComparable` give over the facts, from their tally rows. */
export function tallyTotals(def: MetricDef, rows: readonly TallyRow[]) {
  const s = sumRows(rows)
  return {
    total: totalOfSums(def, s),
    reports: { total: s.n, included: s.known, excluded: s.n - s.known },
    comparable: templatesComparable(def, [...s.templates]),
  }
}

/**
 * The groups by level or year `groupFacts` gives, from the tally rows: null when a group holds a
 * single report, whose id and year the answer names (the caller reads the facts then).
 */
export function groupTally(
  def: MetricDef,
  rows: readonly StatsTallyRow[],
  by: 'level' | 'year',
  page: { offset: number; limit: number },
): { count: number; groups: StatGroup[] } | null {
  const byKey = new Map<string, StatsTallyRow[]>()
  for (const r of [...rows].sort((a, b) => a.year - b.year)) {
    const k = by === 'level' ? r.level : String(r.year)
    let members = byKey.get(k)
    if (!members) byKey.set(k, (members = []))
    members.push(r)
  }
  const out: StatGroup[] = []
  for (const [key, members] of byKey) {
    const s = sumRows(members)
    if (s.n === 1) return null
    out.push(groupOfSums(def, key, labelOf(by, key, undefined, new Map()), s))
  }
  return { count: out.length, groups: rankedPage(out, page.offset, page.limit) }
}

/** Rows by template and reason grouped by their region code ('-' for agencies without one), in the order they came. */
function rowsByRegion(rows: readonly RegionTallyRow[]): Map<string, RegionTallyRow[]> {
  const out = new Map<string, RegionTallyRow[]>()
  for (const r of rows) {
    const k = r.region ?? '-'
    const members = out.get(k)
    if (members) members.push(r)
    else out.set(k, [r])
  }
  return out
}

/**
 * A page of the groups by region `groupFacts` gives, from the facts counted by region code,
 * template and reason (db/ranking.ts `regionTally`): every group's value from its rows, and the
 * names (`namesOf`, read from the registry) of the groups the page shows and those tied with
 * them, which order a tie. Thousands of regions, a few names read.
 */
export async function regionGroupPage(
  def: MetricDef,
  rows: readonly RegionTallyRow[],
  page: { offset: number; limit: number },
  namesOf: (codes: string[]) => Promise<Map<string, string>>,
): Promise<{ count: number; groups: StatGroup[] }> {
  // Each region's value first (what orders them: a few sums a region); its group in full only
  // for the regions the page shows and those tied with them.
  const sorted = [...rowsByRegion(rows)]
    .map(([key, members]) => {
      const sums = { known: 0, value: 0, numerator: 0, denominator: 0 }
      for (const r of members) {
        sums.known += r.known
        sums.value += r.value
        sums.numerator += r.numerator
        sums.denominator += r.denominator
      }
      return { key, value: totalOfSums(def, sums).value, rows: members }
    })
    .sort(byValue)
  const w = tiedWindow(sorted, page.offset, page.limit)
  if (!w) return { count: sorted.length, groups: [] }
  const slice = sorted.slice(w.from, w.to)
  const names = await namesOf(slice.map((g) => g.key))
  const window = slice.map(({ key, rows: members }) => {
    const s = sumRows(members)
    const one = s.n === 1 ? members.find((m) => m.n === 1) : undefined
    return groupOfSums(def, key, labelOf('region', key, undefined, names), s, undefined, one && { reportId: one.reportId, year: one.year })
  })
  return { count: sorted.length, groups: rankWindow(window, w.from, page.offset, w.end) }
}

/** A group from its tally rows' sums, as `groupOf` gives it from its facts (an agency's, and the report of a group of one). */
function groupOfSums(
  def: MetricDef,
  key: string,
  label: { zh: string; en: string },
  s: ReturnType<typeof sumRows>,
  agency?: MetricFact['agency'],
  single?: { reportId: string; year: number },
): StatGroup {
  return {
    key,
    label,
    ...totalOfSums(def, s),
    rank: null,
    excluded: excludedOf(s.reasons),
    templates: [...s.templates].sort(),
    ...(agency ? { agency } : {}),
    ...(single ? { reportId: single.reportId, year: single.year } : {}),
  }
}

/** A group's place in a ranking read from value rows: what orders it, and its row. */
interface RankEntry<R extends ValueRow = RankedAgency> extends Rankable {
  row: R
}

/**
 * The groups of a page of a ranking read from value rows, in rank order with their ranks, as
 * `groupFacts` orders them: `counts` the groups ranked and those with a value; `range` the groups
 * tied with the page's known groups and how many rank above them; `unknown` the page's groups
 * without a value, in the order of their keys, when the page reaches them; `entry` what orders a
 * row (its key, name, agency). Null when what was read does not line up (a write came between the
 * reads, or a score is not the value its sums give): the caller groups every fact then.
 */
function rankOrderOf<R extends ValueRow>(
  def: MetricDef,
  counts: { count: number; known: number },
  page: { offset: number; limit: number },
  range: { above: number; rows: readonly R[]; high: number; low: number } | null,
  unknown: readonly R[] | null,
  entry: (row: R, value: number | null) => RankEntry<R>,
): RankEntry<R>[] | null {
  const end = Math.min(counts.count, page.offset + page.limit)
  if (page.offset >= end) return []
  const out: RankEntry<R>[] = []
  if (page.offset < counts.known) {
    if (!range) return null
    let above = range.above
    const tied: RankEntry<R>[] = []
    for (const row of range.rows) {
      const { value } = totalOfSums(def, row)
      if (row.score === null || value === null || value !== round(row.score)) return null
      if (value > range.high) above++
      else if (value >= range.low) tied.push(entry(row, value))
    }
    const knownEnd = Math.min(counts.known, end)
    if (page.offset < above || knownEnd - above > tied.length) return null
    out.push(...rankWindow(tied, above, page.offset, knownEnd))
  }
  if (end > counts.known) {
    if (!unknown || unknown.length !== end - Math.max(page.offset, counts.known) || unknown.some((row) => row.score !== null)) return null
    out.push(...unknown.map((row) => entry(row, null)))
  }
  return out
}

/**
 * The agencies of a page of the ranking by agency over every year, in rank order with their ranks,
 * as `groupFacts` orders them, from what db/ranking-tally.ts reads (`rankOrderOf`: `unknown` by the
 * agency's code, `unrankedAgencies`). `agencyRankGroups` makes their groups.
 */
export function agencyRankOrder(
  def: MetricDef,
  counts: { count: number; known: number },
  page: { offset: number; limit: number },
  range: { above: number; agencies: readonly RankedAgency[]; high: number; low: number } | null,
  unknown: readonly RankedAgency[] | null,
): RankEntry[] | null {
  return rankOrderOf(def, counts, page, range && { ...range, rows: range.agencies }, unknown, (row, value) => ({
    key: row.agency.id,
    value,
    rank: null,
    label: { zh: row.agency.name },
    agency: row.agency,
    row,
  }))
}

/**
 * A page of a ranking by region (of a year or every year) read from its value rows (db/region-value.ts), as
 * `regionGroupPage` gives it from the facts: the regions in rank order (a tie by the names in
 * `names`, then by code; those without a value by code), each group from its rows by template and
 * reason (`details`, db/ranking.ts `regionTally` of those regions). Null when what was read does
 * not line up (a write came between the reads): the caller counts the facts then.
 */
export function regionRankPage(
  def: MetricDef,
  counts: { count: number; known: number },
  page: { offset: number; limit: number },
  range: { above: number; rows: readonly RegionValueRow[]; high: number; low: number } | null,
  unknown: readonly RegionValueRow[] | null,
  names: ReadonlyMap<string, string>,
  details: readonly RegionTallyRow[],
): StatGroup[] | null {
  const order = rankOrderOf(def, counts, page, range, unknown, (row, value) => ({
    key: row.region,
    value,
    rank: null,
    label: labelOf('region', row.region, undefined, names),
    row,
  }))
  if (!order) return null
  const byRegion = rowsByRegion(details)
  const groups: StatGroup[] = []
  for (const { row, rank, label } of order) {
    const members = byRegion.get(row.region) ?? []
    const s = sumRows(members)
    if (s.n !== row.n || s.known !== row.known) return null
    const one = s.n === 1 ? members.find((m) => m.n === 1) : undefined
    const g = groupOfSums(
      def,
      row.region,
      { zh: label.zh, en: row.region },
      s,
      undefined,
      one && { reportId: one.reportId, year: one.year },
    )
    g.rank = rank
    groups.push(g)
  }
  return groups
}

/**
 * The groups of the agencies `agencyRankOrder` gave, from their detail rows (by template and reason)
 * and, for an agency with a single fact, its report and year. Null when they do not line up with
 * the value rows (a write came between the reads).
 */
export function agencyRankGroups(
  def: MetricDef,
  entries: readonly RankEntry[],
  details: ReadonlyMap<string, readonly TallyRow[]>,
  singles: ReadonlyMap<string, { reportId: string; year: number }>,
): StatGroup[] | null {
  const groups: StatGroup[] = []
  for (const { row, rank } of entries) {
    const s = sumRows(details.get(row.agency.id) ?? [])
    const single = s.n === 1 ? singles.get(row.agency.id) : undefined
    if (s.n !== row.n || s.known !== row.known || (s.n === 1 && !single)) return null
    const g = groupOfSums(def, row.agency.id, { zh: row.agency.name, en: row.agency.code }, s, row.agency, single)
    g.rank = rank
    groups.push(g)
  }
  return groups
}

/** The group of one report whose value is unknown, as `groupOf` makes it from its fact. */
function unknownGroup(def: MetricDef, f: UnknownItem): StatGroup {
  const sums = {
    n: 1,
    known: 0,
    value: 0,
    numerator: 0,
    denominator: 0,
    reasons: new Map<string, number>(f.reason ? [[f.reason, 1]] : []),
    templates: new Set([f.template as TemplateId]),
  }
  return groupOfSums(def, f.agency.id, { zh: f.agency.name, en: f.agency.code }, sums, f.agency, f)
}

/** Whether values of a metric from reports of these templates may be compared. */
export function templatesComparable(def: MetricDef, templates: readonly TemplateId[]): boolean {
  return templates.every((a) => templates.every((b) => metricComparable(def, a, b)))
}

/** False when the facts mix templates whose definitions of the metric differ in meaning. */
export function factsComparable(metricId: string, facts: readonly MetricFact[]): boolean {
  const def = metricDef(metricId)
  if (!def) throw new Error(`unknown metric ${metricId}`)
  return templatesComparable(def, [...new Set(facts.map((f) => f.template as TemplateId))])
}

/**
 * A page of a year's ranking by agency (one fact a group), as `groupFacts` gives it, from what
 * db/ranking.ts reads: `known` and `count` the year's facts with a value and in all; `range` the
 * facts tied with the page's known groups (in code order) and how many rank above them;
 * `unknownPage` the facts without a value the page shows, in their order (by the agency's code), when
 * it reaches them. Null when what was read
 * does not line up (a write came between the reads, or a share's value is not its numerator ÷
 * denominator): the caller groups every fact then.
 */
export function agencyPage(
  def: MetricDef,
  known: number,
  count: number,
  page: { offset: number; limit: number },
  range: { above: number; facts: readonly MetricFact[]; high: number; low: number } | null,
  unknownPage: readonly UnknownItem[] | null,
): StatGroup[] | null {
  const end = Math.min(count, page.offset + page.limit)
  if (page.offset >= end) return []
  const out: StatGroup[] = []
  if (page.offset < known) {
    if (!range) return null
    let above = range.above
    const tied: StatGroup[] = []
    for (const f of range.facts) {
      const g = groupOf(def, 'agency', f.agency.id, [f], new Map())
      if (f.value === null || g.value === null || g.value !== round(f.value)) return null
      if (g.value > range.high) above++
      else if (g.value >= range.low) tied.push(g)
    }
    tied.sort(inRankOrder)
    let runStart = 0
    for (const [i, g] of tied.entries()) {
      const before = tied[i - 1]
      if (before !== undefined && byValue(before, g) !== 0) runStart = i
      g.rank = above + runStart + 1
    }
    const knownEnd = Math.min(known, end)
    if (page.offset < above || knownEnd - above > tied.length) return null
    out.push(...tied.slice(page.offset - above, knownEnd - above))
  }
  if (end > known) {
    if (!unknownPage || unknownPage.length !== end - Math.max(page.offset, known)) return null
    out.push(...unknownPage.map((f) => unknownGroup(def, f)))
  }
  return out
}
