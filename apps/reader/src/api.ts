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

export async function getJson<T>(path: string): Promise<T> {
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
