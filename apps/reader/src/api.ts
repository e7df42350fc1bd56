// The reader's only way to the data: the public API.
import type { DOCUMENT_FORMAT, ReportDocument, TableId } from '@gongkai/schema'
import type { ReportPage, ReportSummary } from '@gongkai/schema/api'
import { ApiFailure, bodyOf, failureOf, send, type FailureBody } from '@gongkai/schema/api-client'

// The schema's format version, checked against it by the type; importing the value would bring
// the whole schema module (and zod) into the reader.
const FORMAT: typeof DOCUMENT_FORMAT = 'gongkai.report/1'

export type { ReportPage, ReportSummary }

/** A list's total as people read it: "10,000+" when the API stopped counting. */
export function formatTotal(page: Pick<ReportPage, 'total' | 'totalIsLowerBound'>, locale: string): string {
  const n = page.total.toLocaleString(locale === 'en' ? 'en' : 'zh-CN')
  return page.totalIsLowerBound ? `${n}+` : n
}

export { ApiFailure }

/**
 * Set by the service worker on an answer it kept for offline use: when that answer was fetched.
 * Only a copy served from its cache carries it, so its presence means "not fresh from the network".
 */
export const FETCHED_AT_HEADER = 'X-Gongkai-Fetched-At'

async function request(path: string): Promise<Response> {
  // No network and no service worker to answer: the same code the service worker uses.
  const res = await send(path, { headers: { Accept: 'application/json' } }, 'offline')
  if (!res.ok) throw failureOf(res, (await bodyOf(res)) as FailureBody | null, (e) => e.message ?? res.statusText)
  return res
}

/** The home page's list of what was published or corrected last. */
export const RECENT_PATH = '/api/reports?sort=recent&limit=10'
/** A report, as the report page shows it. */
export const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`

/**
 * Answers a page will ask for, got before its code had loaded: sent in the page itself by the
 * server (`keepAnswer`) or asked for at start (`askEarly`). Each is kept for the first `getJson` of
 * the same path, and not for long: a later visit asks again.
 */
const early = new Map<string, { at: number } & ({ data: unknown } | { answer: Promise<Response> })>()
const EARLY_KEEP_MS = 15_000

/** Keep an answer the server sent with the page, for the page that will ask for it. */
export function keepAnswer(path: string, data: unknown): void {
  early.set(path, { data, at: Date.now() })
}

/**
 * Ask now for an answer a page will ask for once its code has loaded: on a cold visit, the first
 * screen's data then travels while the page's chunk does, not after it. A failure reaches the page
 * when it takes the answer, as if it had asked itself.
 */
export function askEarly(path: string): void {
  if (early.has(path)) return
  const answer = request(path)
  answer.catch(() => undefined)
  early.set(path, { answer, at: Date.now() })
}

export async function getJson<T>(path: string): Promise<T> {
  const kept = early.get(path)
  early.delete(path)
  if (kept && Date.now() - kept.at < EARLY_KEEP_MS) {
    if ('data' in kept) return kept.data as T
    return (await (await kept.answer).json()) as T
  }
  return (await (await request(path)).json()) as T
}

/** An answer, and when it was fetched if it came from the offline copy (null when fresh). */
export async function getJsonDated<T>(path: string): Promise<{ data: T; fetchedAt: string | null }> {
  const res = await request(path)
  return { data: (await res.json()) as T, fetchedAt: res.headers.get(FETCHED_AT_HEADER) }
}

/**
 * A report document from the API or from a copy saved on this device. The API validated it with
 * the full schema when it was written, so the reader does not ship that schema (about 10 KB gzip
 * of a cold view); it checks the format version and the parts it draws, and refuses anything
 * else (an incompatible old copy, say) with a clear error rather than drawing it wrongly.
 */
export function acceptDocument(raw: unknown): ReportDocument {
  const doc = raw as Partial<ReportDocument> | null
  const ok =
    doc !== null &&
    typeof doc === 'object' &&
    doc.format === FORMAT &&
    typeof doc.title === 'string' &&
    typeof doc.agency?.name === 'string' &&
    typeof doc.year === 'number' &&
    (doc.template === '2019' || doc.template === '2021') &&
    typeof doc.parts === 'object' &&
    doc.parts !== null &&
    ['二', '三', '四'].every((t) => typeof doc.tables?.[t as TableId]?.cells === 'object')
  if (!ok)
    throw new ApiFailure(
      0,
      'DOCUMENT_UNREADABLE',
      'This report is in a format this version of the reader cannot show / 此报告的格式无法显示',
    )
  return doc as ReportDocument
}
