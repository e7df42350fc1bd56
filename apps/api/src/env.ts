import { resolve } from 'node:path'
import { z } from 'zod'
import { parseTrustedProxies } from './peer.ts'

// The environment is read once, here, and nowhere else.
const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** Built front ends to serve (defaults: the workspace's apps/reader/dist and apps/admin/dist). */
  READER_DIR: z.string().optional(),
  ADMIN_DIR: z.string().optional(),
  /** Comma-separated addresses (or IPv4 CIDR ranges) of reverse proxies whose X-Forwarded-For / -Proto are believed. */
  TRUST_PROXY: z.string().optional(),
  /** `inside` (default): `serve` runs one job worker in the web process; `apart`: none, run `gongkai worker`. */
  JOB_WORKER: z.enum(['inside', 'apart']).default('inside'),
  /** `on` (default): `serve` runs the server in a child process and restarts it if it dies; `off`: one process. */
  SUPERVISOR: z.enum(['on', 'off']).default('on'),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string
  readerDir: string | null
  adminDir: string | null
  /** Reverse proxies whose forwarding headers are believed (empty: the socket's peer is the client). */
  trustProxy: string[]
  /** Whether `serve` runs a job worker in the web process. */
  jobWorker: 'inside' | 'apart'
  /** Whether `serve` supervises its server process (restarting it when it dies). */
  supervisor: boolean
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`环境变量有误 / invalid environment: ${detail}`)
  }
  const e = parsed.data
  const dataDir = resolve(e.DATA_DIR)
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL || resolve(dataDir, 'gongkai.sqlite'),
    readerDir: e.READER_DIR ? resolve(e.READER_DIR) : null,
    adminDir: e.ADMIN_DIR ? resolve(e.ADMIN_DIR) : null,
    trustProxy: parseTrustedProxies(e.TRUST_PROXY),
    jobWorker: e.JOB_WORKER,
    supervisor: e.SUPERVISOR === 'on',
  }
}
