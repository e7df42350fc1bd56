// Shared by `npm start` and `npm test`: make pnpm available through corepack (pinned by the
// root package.json's packageManager field) and install the workspace when it is out of date.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const TOOLS = join(ROOT, '.tools', 'bin')

/** @param {string} msg */
export function log(msg) {
  process.stdout.write(`\x1b[1m▸ ${msg}\x1b[0m\n`)
}

export function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Gongkai needs Node.js 20.19 or newer (this is ${process.versions.node}).`)
    process.exit(1)
  }
}

/**
 * Environment for every child: pnpm shims first on PATH, no telemetry, corepack trusting the CA bundle.
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function childEnv(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, ...extra }
  env.PATH = `${TOOLS}${delimiter}${env.PATH ?? ''}`
  env.TURBO_TELEMETRY_DISABLED = '1'
  env.COREPACK_ENABLE_DOWNLOAD_PROMPT = '0'
  // corepack's own download does not read npm's cafile; point it at the system bundle.
  if (!env.NODE_EXTRA_CA_CERTS && existsSync('/etc/ssl/certs/ca-certificates.crt'))
    env.NODE_EXTRA_CA_CERTS = '/etc/ssl/certs/ca-certificates.crt'
  return env
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv }} [opts]
 */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: childEnv(opts.env), shell: false })
  if (r.error) throw r.error
  return r.status ?? 1
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv }} [opts]
 */
export function mustRun(cmd, args, opts = {}) {
  const code = run(cmd, args, opts)
  if (code !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${code})`)
    process.exit(code)
  }
}

export function ensurePnpm() {
  const wanted = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    .packageManager.split('@')[1]
    .split('+')[0]
  const shim = join(TOOLS, 'pnpm')
  if (!existsSync(shim)) {
    log('enabling pnpm through corepack')
    mkdirSync(TOOLS, { recursive: true })
    execFileSync('corepack', ['enable', '--install-directory', TOOLS, 'pnpm'], { cwd: ROOT, stdio: 'inherit', env: childEnv() })
  }
  const version = execFileSync(shim, ['--version'], { cwd: ROOT, env: childEnv(), encoding: 'utf8' }).trim()
  if (version !== wanted) {
    console.error(`pnpm ${version} found, ${wanted} expected`)
    process.exit(1)
  }
}

/** `pnpm install --frozen-lockfile`, skipped when the lockfile has not changed since the last one. */
export function ensureInstalled() {
  const lock = readFileSync(join(ROOT, 'pnpm-lock.yaml'))
  const hash = createHash('sha256').update(lock).update(process.version).digest('hex')
  const stamp = join(ROOT, 'node_modules', '.gongkai-install')
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return
  log('installing dependencies (the first time compiles better-sqlite3: about two minutes)')
  mustRun('pnpm', ['install', '--frozen-lockfile'])
  writeFileSync(stamp, hash)
}
