import { metricComparable, metricDef, type MetricDef, type MetricReason, type TemplateId } from '@gongkai/schema'
import type { MetricFact } from './db/metrics.ts'

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

/** Competition ranking (1, 2, 2, 4), largest first; groups without a value come last, unranked. */
export function rank<T extends { value: number | null; rank: number | null; label: { zh: string } }>(groups: T[]): T[] {
  return rankedPage(groups, 0, groups.length)
}

/**
 * The groups from `offset` to `offset + limit` of the ranking `rank` gives: largest value first,
 * a tie in the order of the names (Intl.Collator 'zh'). A rank depends on the values alone, so
 * every group is ordered by value (a cheap comparison), and only the tied runs the page shows are
 * put in the order of their names: ten thousand agencies took 24,000 collations, a page a few hundred.
 */
export function rankedPage<T extends { value: number | null; rank: number | null; label: { zh: string } }>(
  groups: T[],
  offset: number,
  limit: number,
): T[] {
  const sorted = [...groups].sort(byValue) // stable: a tie keeps the groups' order until its names order it
  const end = Math.min(sorted.length, offset + limit)
  if (offset >= end) return []
  // The tied runs overlapping [offset, end): from the start of the first one to the end of the last.
  let from = offset
  while (from > 0 && byValue(must(sorted[from - 1]), must(sorted[offset])) === 0) from--
  let to = end
  while (to < sorted.length && byValue(must(sorted[to]), must(sorted[end - 1])) === 0) to++
  const shown = sorted.slice(from, to).sort((a, b) => byValue(a, b) || collator.compare(a.label.zh, b.label.zh))
  // Competition rank: 1 + the groups with a larger value, i.e. the index where a tied run starts.
  let runStart = from
  while (runStart > 0 && byValue(must(sorted[runStart - 1]), must(sorted[from])) === 0) runStart--
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
  for (const [key, members] of groups) {
    const [first] = members
    if (!first) continue // a group has at least the fact that made it
    const excluded: Partial<Record<MetricReason, number>> = {}
    for (const f of members) if (f.reason) excluded[f.reason] = (excluded[f.reason] ?? 0) + 1
    const label =
      by === 'agency'
        ? { zh: first.agency.name, en: first.agency.code }
        : by === 'region'
          ? { zh: regionNames.get(key) ?? key, en: key }
          : by === 'level'
            ? (LEVEL_NAMES[key] ?? { zh: key, en: key })
            : { zh: `${key}年`, en: key }
    out.push({
      key,
      label,
      ...totalOf(def, members),
      rank: null,
      excluded,
      templates: [...new Set(members.map((f) => f.template as TemplateId))].sort(),
      ...(by === 'agency' ? { agency: first.agency } : {}),
      ...(members.length === 1 ? { reportId: first.reportId, year: first.year } : {}),
    })
  }
  return { count: out.length, groups: page ? rankedPage(out, page.offset, page.limit) : rank(out) }
}

/** False when the facts mix templates whose definitions of the metric differ in meaning. */
export function factsComparable(metricId: string, facts: readonly MetricFact[]): boolean {
  const def = metricDef(metricId)
  if (!def) throw new Error(`unknown metric ${metricId}`)
  const templates = [...new Set(facts.map((f) => f.template as TemplateId))]
  return templates.every((a) => templates.every((b) => metricComparable(def, a, b)))
}
