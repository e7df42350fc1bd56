import { ReportDocumentSchema, type ReportDocument } from '@gongkai/schema'
import fc from 'fast-check'
import { ERRORS, type ErrorCode } from '../errors.ts'
import type { Actor } from './actors.ts'
import type { TestSite } from './harness.ts'

// Fuzzing every JSON write route of the API: random, mutated and hostile bodies (NUL, lone
// surrogates, huge strings, deep nesting, __proto__ and constructor keys, wrong types, arrays for
// objects, numbers as strings, huge numbers, NaN-ish strings, broken JSON). Shared by the test
// (fuzz.test.ts, a few hundred bodies per route) and `pnpm bench:fuzz` (>= 10,000 per engine).
//
// What must hold: never a 5xx; every 4xx carries a known code with its status and a message in
// Chinese and English; afterwards every stored document (drafts and revisions) still validates.

/** The ids a route's path is filled with. */
export interface FuzzIds {
  draft: string
  published: string
  job: string
  user: string
  agency: string
}

export type ActorName = 'admin' | 'editor' | 'anon'

export interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** The path as routed by Hono (`:id` is filled from `ids`). */
  route: string
  /** Which id fills `:id`. */
  id?: keyof FuzzIds
  /** A valid body, the seed of the mutations; null for a route that takes no body. */
  valid: ((ids: FuzzIds, doc: ReportDocument) => unknown) | null
  /** Who may call it in the fuzz (logout would end the session the others use). */
  actors?: readonly ActorName[]
}

/** Stands for the report's current draft version in a valid body; send() puts the real one in. */
export const CURRENT_VERSION = 424242

/** Every JSON write route of the API. fuzz.test.ts checks against the app's route table that none is missing. */
export const WRITE_ROUTES: readonly WriteRoute[] = [
  { method: 'POST', route: '/api/auth/login', valid: () => ({ username: 'editor-a', password: 'a wrong password' }), actors: ['anon'] },
  { method: 'POST', route: '/api/auth/logout', valid: null, actors: ['anon'] },
  { method: 'POST', route: '/api/admin/reports', valid: (ids) => ({ agencyId: ids.agency, year: 2030, template: '2021' }) },
  { method: 'PUT', route: '/api/admin/reports/:id/draft', id: 'draft', valid: (_, doc) => ({ version: CURRENT_VERSION, document: doc }) },
  { method: 'DELETE', route: '/api/admin/reports/:id/draft', id: 'draft', valid: () => ({ version: 999 }) },
  { method: 'POST', route: '/api/admin/reports/:id/validate', id: 'draft', valid: null },
  {
    method: 'POST',
    route: '/api/admin/reports/:id/publish',
    id: 'draft',
    valid: () => ({ version: CURRENT_VERSION, note: '首次发布', acknowledgement: '已核对' }),
  },
  {
    method: 'POST',
    route: '/api/admin/reports/:id/correct',
    id: 'published',
    valid: () => ({ version: CURRENT_VERSION, kind: 'correction', reason: '更正数字', note: '', acknowledgement: '已核对' }),
  },
  { method: 'POST', route: '/api/admin/reports/:id/preview-diff', id: 'published', valid: null },
  { method: 'POST', route: '/api/admin/reports/:id/withdraw', id: 'published', valid: () => ({ reason: '内容有误' }) },
  {
    method: 'POST',
    route: '/api/admin/reports/:id/schedule',
    id: 'draft',
    valid: () => ({ version: CURRENT_VERSION, at: '2031-01-31T09:00', note: '', acknowledgement: '已核对' }),
  },
  {
    method: 'POST',
    route: '/api/admin/jobs/import-batch',
    valid: (ids) => ({ agencyId: ids.agency, files: [{ name: 'a.txt', contentBase64: 'MjAyM+W5tOW6puaKpeWRig==' }] }),
  },
  { method: 'POST', route: '/api/admin/jobs/rebuild', valid: null },
  { method: 'POST', route: '/api/admin/jobs/:id/cancel', id: 'job', valid: null },
  { method: 'POST', route: '/api/admin/jobs/:id/retry', id: 'job', valid: null },
  { method: 'POST', route: '/api/admin/jobs/:id/reschedule', id: 'job', valid: () => ({ at: '2031-02-01T09:00' }) },
  {
    method: 'POST',
    route: '/api/admin/agencies',
    valid: (ids) => ({
      name: '模糊测试局',
      code: 'fuzz-1',
      level: 'county',
      kind: 'department',
      regionCode: '990101',
      parentId: ids.agency,
    }),
  },
  {
    method: 'POST',
    route: '/api/admin/users',
    valid: (ids) => ({
      username: 'fuzz.user',
      displayName: '测试',
      password: 'a long enough password',
      isAdmin: false,
      memberships: [{ agencyId: ids.agency, role: 'editor' }],
    }),
  },
  {
    method: 'PATCH',
    route: '/api/admin/users/:id',
    id: 'user',
    valid: (ids) => ({ displayName: '改名', memberships: [{ agencyId: ids.agency, role: 'editor' }] }),
  },
  {
    method: 'POST',
    route: '/api/admin/import',
    valid: (ids) => ({
      agencyId: ids.agency,
      year: 2029,
      format: 'auto',
      filename: 'r.txt',
      content: '测试甲局2029年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息100条。',
    }),
  },
]

// ---------------------------------------------------------------------------------------------
// Hostile values

const MiB = 1024 * 1024
/** Past the general body limit (5 MiB): a 413, never read whole. */
const OVER_LIMIT = 'x'.repeat(6 * MiB)
const HUGE = '政'.repeat(200_000)

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udbff\ud800',
  '\ud83d\ude00',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1',
  '0x10',
  '9007199254740993',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '\u202e',
  '\ufeff',
  '２０２４',
  '二〇二四',
  '2031-13-45T99:99',
  '2000-01-01T00:00',
  'x'.repeat(10_000),
  HUGE,
]

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  // Unpaired halves of surrogate pairs, anywhere in a string.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 10 }))
      .map(([a, c, b]) => a + String.fromCharCode(c) + b),
  },
)

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 31, 5e-324, 2008, 2100, 2101, 999_999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Keys that break code which treats objects as maps. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', '\u0000', '\ud800', 'then']

/** An object with own properties for every key, `__proto__` included (a literal would set the prototype). */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  return o
}

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: hostileString },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 4 })
        .map(objectOf),
    },
  ),
})).value

/** Raw JSON nested `depth` deep, written as text (stringify would recurse). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

// ---------------------------------------------------------------------------------------------
// Bodies

export interface FuzzBody {
  /** What is sent, as it is (not necessarily JSON). */
  raw: string | null
  contentType: string | null
  /** A short label for a failure report. */
  label: string
}

/** The paths (key lists) of every value in a JSON value, for mutating deep inside a document. */
function pathsOf(value: unknown, limit = 4_000): string[][] {
  const out: string[][] = []
  const stack: Array<[unknown, string[]]> = [[value, []]]
  while (stack.length && out.length < limit) {
    const [v, path] = stack.pop()!
    if (path.length) out.push(path)
    if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) stack.push([child, [...path, k]])
  }
  return out
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T))

type Mutation =
  | { kind: 'set'; path: string[]; value: unknown }
  | { kind: 'delete'; path: string[] }
  | { kind: 'add'; path: string[]; key: string; value: unknown }
  | { kind: 'stringify-numbers' }
  | { kind: 'wrap' }

function parentOf(root: unknown, path: string[]): [Record<string, unknown> | null, string] {
  let at = root as Record<string, unknown>
  for (const k of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return [null, '']
    at = at[k] as Record<string, unknown>
  }
  return at !== null && typeof at === 'object' ? [at, path[path.length - 1]!] : [null, '']
}

function applyMutation(body: unknown, m: Mutation): unknown {
  switch (m.kind) {
    case 'set': {
      if (m.path.length === 0) return m.value
      const [p, k] = parentOf(body, m.path)
      if (p) Object.defineProperty(p, k, { value: m.value, enumerable: true, writable: true, configurable: true })
      return body
    }
    case 'delete': {
      const [p, k] = parentOf(body, m.path)
      if (p) {
        if (Array.isArray(p)) p.splice(Number(k), 1)
        else delete p[k]
      }
      return body
    }
    case 'add': {
      const [p, k] = m.path.length ? parentOf(body, m.path) : [null, '']
      const target = m.path.length ? (p?.[k] as unknown) : body
      if (target !== null && typeof target === 'object' && !Array.isArray(target))
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
      return body
    }
    case 'stringify-numbers':
      return JSON.parse(JSON.stringify(body, (_, v: unknown) => (typeof v === 'number' ? String(v) : v)))
    case 'wrap':
      return [body]
  }
}

/** Text-level damage to JSON: cut short, numbers JSON cannot hold, a deep value put in. */
type RawDamage =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'number'; literal: string }
  | { kind: 'deep'; depth: number; shape: 'array' | 'object' }
  | { kind: 'replace'; text: string }

function damage(json: string, d: RawDamage): string {
  switch (d.kind) {
    case 'none':
      return json
    case 'truncate':
      return json.slice(0, Math.floor(d.at * json.length))
    case 'number': {
      const replaced = json.replace(/(:\s*)-?\d+(\.\d+)?([eE][+-]?\d+)?/, `$1${d.literal}`)
      return replaced === json ? json.replace(/^\{/, `{"n":${d.literal},`) : replaced
    }
    case 'deep': {
      const deep = deepJson(d.depth, d.shape)
      const replaced = json.replace(/(:\s*)("[^"]*"|-?\d+(\.\d+)?|true|false|null)/, `$1${deep}`)
      return replaced === json ? deep : replaced
    }
    case 'replace':
      return d.text
  }
}

const RAW_DAMAGE: fc.Arbitrary<RawDamage> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ kind: 'none' } as const) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: 'truncate', at }) as const) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '1e-999', '12345678901234567890123', '0x1F', '01', '.5', '1.', '+1')
      .map((literal) => ({ kind: 'number', literal }) as const),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ depth: fc.constantFrom(64, 1_000, 10_000, 100_000), shape: fc.constantFrom('array', 'object') })
      .map((r) => ({ kind: 'deep', ...r }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '',
        ' ',
        'null',
        '[]',
        '{}',
        '"text"',
        '123',
        'true',
        '{"a":1,}',
        "{'a':1}",
        '\u0000',
        '{"__proto__":{"isAdmin":true}}',
        '{"constructor":{"prototype":{"isAdmin":true}}}',
        OVER_LIMIT,
      )
      .map((text) => ({ kind: 'replace', text }) as const),
  },
)

/** Bodies for a route: random values, mutations of a valid body (deep in a document too), and text-level damage. */
export function bodies(route: WriteRoute, ids: FuzzIds, doc: ReportDocument): fc.Arbitrary<FuzzBody> {
  const valid = route.valid?.(ids, doc)
  const paths = valid === undefined ? [[] as string[]] : [[] as string[], ...pathsOf(valid)]
  const path = fc.constantFrom(...paths)
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        path,
        key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })),
        value: hostileValue,
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'stringify-numbers' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'wrap' as const }) },
  )
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'text/plain', 'application/json; charset=gbk', 'multipart/form-data; boundary=x') },
  )
  const mutated = fc
    .record({
      mutations: fc.oneof(
        { weight: 1, arbitrary: fc.constant([] as Mutation[]) },
        { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
      ),
      damage: RAW_DAMAGE,
      contentType,
    })
    .map(({ mutations, damage: d, contentType: ct }): FuzzBody => {
      let body: unknown = clone(valid) ?? {}
      for (const m of mutations) body = applyMutation(body, m)
      const json = JSON.stringify(body) ?? 'null'
      return {
        raw: damage(json, d),
        contentType: ct,
        label: `${mutations.map((m) => `${m.kind}${'path' in m ? `@${m.path.join('.')}` : ''}`).join(',')} ${d.kind}`,
      }
    })
  const random = fc
    .record({ value: hostileValue, contentType })
    .map(({ value, contentType: ct }): FuzzBody => ({ raw: JSON.stringify(value) ?? 'null', contentType: ct, label: 'random' }))
  const arbitraries: Array<{ weight: number; arbitrary: fc.Arbitrary<FuzzBody> }> = [
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: random },
  ]
  // A route without a body also gets none, as a client would send.
  if (valid === undefined)
    arbitraries.push({ weight: 2, arbitrary: fc.constant<FuzzBody>({ raw: null, contentType: null, label: 'no body' }) })
  return fc.oneof(...arbitraries)
}

/** A path id: the real one mostly, else a hostile one (percent-encoded; invalid UTF-8 too). */
export function pathId(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(real) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%00',
        'a%00b',
        '%ED%A0%80',
        '%FF',
        '%',
        '..',
        '%2e%2e',
        'x'.repeat(100),
        '__proto__',
        'constructor',
        '%F0%9F%98%80',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 20 })
        .filter((s) => s.length > 0)
        .map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')))
        .filter((s) => s.length > 0),
    },
  )
}

export interface FuzzCase {
  route: WriteRoute
  actor: ActorName
  id: string
  body: FuzzBody
}

export function fuzzCases(route: WriteRoute, ids: FuzzIds, doc: ReportDocument): fc.Arbitrary<FuzzCase> {
  const actors = route.actors ?? ['admin', 'admin', 'admin', 'admin', 'admin', 'admin', 'editor', 'editor', 'anon']
  return fc.record({
    route: fc.constant(route),
    actor: fc.constantFrom(...actors),
    id: route.id ? pathId(ids[route.id]) : fc.constant(''),
    body: bodies(route, ids, doc),
  })
}

// ---------------------------------------------------------------------------------------------
// Sending and checking

export interface Actors {
  admin: Actor
  editor: Actor
}

export async function send(site: TestSite, actors: Actors, c: FuzzCase): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {}
  const actor = c.actor === 'anon' ? null : actors[c.actor]
  if (actor) {
    headers.Cookie = actor.cookie
    headers['X-CSRF-Token'] = actor.csrf
  }
  if (c.body.contentType) headers['Content-Type'] = c.body.contentType
  const path = c.route.route.replace(':id', c.id)
  let raw = c.body.raw
  if (raw?.includes(`"version":${CURRENT_VERSION}`) && c.route.id) {
    const row = await site.conn.db.selectFrom('report').select('draft_version').where('id', '=', c.id).executeTakeFirst()
    if (row) raw = raw.replace(`"version":${CURRENT_VERSION}`, `"version":${row.draft_version}`)
  }
  const res = await site.app.request(path, { method: c.route.method, headers, ...(raw !== null ? { body: raw } : {}) })
  return { status: res.status, text: await res.text() }
}

/** Why a response breaks the contract, or null when it keeps it. */
export function contractBroken(status: number, text: string): string | null {
  if (status >= 500) return `${status}: ${text.slice(0, 300)}`
  if (status < 400) return null
  let body: { error?: { code?: string; message?: unknown; message_en?: unknown } }
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    return `${status} without a JSON error: ${text.slice(0, 200)}`
  }
  const code = body.error?.code
  if (!code || !Object.hasOwn(ERRORS, code)) return `${status} with an unknown code ${String(code)}`
  if (ERRORS[code as ErrorCode].status !== status) return `${code} came as ${status}, not ${ERRORS[code as ErrorCode].status}`
  const { message, message_en } = body.error!
  if (typeof message !== 'string' || !/[\u4e00-\u9fff]/.test(message)) return `${code} without a Chinese message`
  if (typeof message_en !== 'string' || !/[A-Za-z]/.test(message_en)) return `${code} without an English message`
  return null
}

/** Every stored document (working copies and published revisions) that no longer parses, with why. */
export async function invalidStoredDocuments(site: TestSite): Promise<string[]> {
  const db = site.conn.db
  const bad: string[] = []
  const check = (what: string, json: string) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch {
      bad.push(`${what}: not JSON`)
      return
    }
    const r = ReportDocumentSchema.safeParse(parsed)
    if (!r.success) bad.push(`${what}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`)
  }
  for (const r of await db.selectFrom('report').select(['id', 'draft_document']).where('draft_document', 'is not', null).execute())
    check(`draft of ${r.id}`, r.draft_document!)
  for (const r of await db.selectFrom('revision').select(['report_id', 'number', 'document']).execute())
    check(`revision ${r.number} of ${r.report_id}`, r.document)
  return bad
}

/** A site ready to fuzz: actors, a filled draft, a published report, a job, a user to change. */
export async function prepareFuzz(site: TestSite): Promise<{ actors: Actors; ids: FuzzIds; doc: ReportDocument }> {
  const { makeActors, as } = await import('./actors.ts')
  const { generateTables, seededRandom } = await import('@gongkai/schema')
  const a = await makeActors(site)
  const admin = as(site, a.admin)
  const created = await admin('POST', '/api/admin/reports', { agencyId: a.agencyA, year: 2025 })
  if (created.status !== 201) throw new Error(`draft: ${created.status} ${created.text}`)
  const doc = created.json.document as ReportDocument
  doc.tables = generateTables('2021', seededRandom(7), { scale: 2 }).tables
  doc.period = { start: '2025-01-01', end: '2025-12-31' }
  doc.parts['一'] = [{ type: 'paragraph', text: '2025年，测试甲局推进政务公开。' }]
  const saved = await admin('PUT', `/api/admin/reports/${created.json.id}/draft`, { version: 1, document: doc })
  if (saved.status !== 200) throw new Error(`save: ${saved.status} ${saved.text}`)
  const published = await site.conn.db
    .selectFrom('report')
    .select('id')
    .where('current_revision', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow()
  // A working copy on the published report, so a correction has something to publish.
  const current = await admin('GET', `/api/admin/reports/${published.id}`)
  const copy = await admin('PUT', `/api/admin/reports/${published.id}/draft`, {
    version: current.json.draft.version,
    document: current.json.draft.document,
  })
  if (copy.status !== 200) throw new Error(`copy: ${copy.status} ${copy.text}`)
  const job = await admin('POST', '/api/admin/jobs/rebuild')
  if (job.status !== 202) throw new Error(`job: ${job.status} ${job.text}`)
  const user = await site.conn.db.selectFrom('app_user').select('id').where('username', '=', 'editor-b').executeTakeFirstOrThrow()
  return {
    actors: { admin: a.admin, editor: a.editorA },
    ids: { draft: created.json.id, published: published.id, job: job.json.job.id, user: user.id, agency: a.agencyA },
    doc,
  }
}

/** fast-check as the fuzz uses it (bench/ resolves packages from apps/api through this module). */
export { fc }
