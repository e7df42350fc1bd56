import type { PdfAssetReader } from '@gongkai/importer'
import type { ReportDocument, ValidationResult } from '@gongkai/schema'
import type { Kysely } from 'kysely'
import type { Lru } from './lru.ts'
import type { BodyEncoders, CachedBody } from './cached-response.ts'
import type { PeerOf } from './peer.ts'
import type { ImportRunner } from './importer.ts'
import type { BatchRunner } from './db/write-batch.ts'
import type { Database, Dialect } from './db/database.ts'
import type { Role } from './db/user.table.ts'

export interface AppDeps {
  db: Kysely<Database>
  dialect: Dialect
  /** The database's name in /api/health (default: the dialect; the edge says "d1"). */
  database?: string
  /** Runs a WriteBatch atomically (default: a transaction on `db`; D1 passes its `batch()`). */
  batch?: BatchRunner
  /**
   * The database for one request, when the runtime gives each request its own (D1 sessions, which
   * send reads to read replicas). Called with the runtime's env (Hono's `c.env`).
   */
  scope?: (env: unknown) => { db: Kysely<Database>; batch: BatchRunner } | undefined
  /** Where the PDF importer reads pdf.js's CMaps and fonts (default: the installed package, on Node). */
  pdfAssets?: PdfAssetReader
  /**
   * The client's address and whether it is served over HTTPS (default: no address, the URL's
   * scheme). Node reads the socket and trusts forwarding headers only from TRUST_PROXY; the edge
   * reads CF-Connecting-IP. Used by the sign-in limit, HSTS and the cookie's Secure flag.
   */
  peer?: PeerOf
  /**
   * Reads an uploaded file (`POST /api/admin/import`). Default: in-process, with `pdfAssets` (the
   * edge). Node injects a worker thread with memory and time limits (import-thread.ts).
   */
  importer?: ImportRunner
  /** The clock, injected so tests can move time. */
  now?: () => Date
  /** Gzip text responses (the Node entry; edge platforms compress by themselves). */
  compress?: boolean
  /**
   * Compressors for cached public responses (report, SVG, downloads, feed), each body compressed
   * once. Default: gzip through CompressionStream; Node adds Brotli (node:zlib).
   */
  encoders?: BodyEncoders
  /** Bytes the cache of computed public responses may hold, per app instance (default 64 MiB). */
  responseCacheBytes?: number
}

/** Values derived from published revisions (immutable), per app instance. */
export interface Caches {
  documents: Lru<string, ReportDocument>
  validations: Lru<string, ValidationResult>
  /** Computed public responses (bytes, ETag, compressed forms), keyed by their ETag and variant. */
  responses: Lru<string, CachedBody>
}

export interface SessionUser {
  id: string
  username: string
  displayName: string
  isAdmin: boolean
  memberships: Array<{ agencyId: string; role: Role }>
  sessionId: string
  csrfToken: string
}

export interface AppEnv {
  Variables: {
    deps: Required<Omit<AppDeps, 'pdfAssets' | 'scope' | 'responseCacheBytes'>> & Pick<AppDeps, 'pdfAssets' | 'scope'> & { caches: Caches }
    user: SessionUser | null
  }
}
