// `npm test`: install, make sure the browser tests can run, then build, lint, typecheck, run the
// unit and integration tests (SQLite always; PostgreSQL when TEST_DATABASE_URL is set) and the
// browser tests. Exits non-zero when anything fails, and ends with one `N passed, N failed` line
// that counts every test and check that ran.
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, checkNode, ensureInstalled, ensurePnpm, log, run } from './lib/setup.mjs'

const APT = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk'

function hasCjkFont() {
  try {
    return /Noto (Sans|Serif) CJK/.test(execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }))
  } catch {
    return false
  }
}

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const browserReady = () => existsSync(chrome) && hasCjkFont()
const aptLog = join(ROOT, '.test-results', 'apt.log')

/**
 * Debian's Chromium and CJK fonts for the browser tests, when they are missing and we are root:
 * installed in the background (downloads, mostly) while the build, lint and unit tests run, and
 * awaited before the browser tests. Resolves to apt's exit status; null when nothing was started.
 * @returns {Promise<number> | null}
 */
function startBrowserInstall() {
  if (browserReady() || process.getuid?.() !== 0) return null
  log(`installing Debian chromium and fonts-noto-cjk in the background for the browser tests (log: ${aptLog})`)
  mkdirSync(join(ROOT, '.test-results'), { recursive: true })
  const out = openSync(aptLog, 'w')
  const child = spawn('sh', ['-c', APT], { stdio: ['ignore', out, out] })
  closeSync(out)
  return new Promise((resolve) => {
    child.on('error', () => resolve(1))
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

/**
 * The browser and fonts are there, once the background install (if any) has ended.
 * @param {Promise<number> | null} install
 */
async function ensureBrowser(install) {
  if (install) {
    const status = await install
    if (status !== 0) {
      console.error(`installing the browser failed (apt exit ${status}); the end of ${aptLog}:`)
      console.error(readFileSync(aptLog, 'utf8').split('\n').slice(-20).join('\n'))
    }
  }
  if (browserReady()) return true
  console.error(`\nThe browser tests need Debian's Chromium and CJK fonts. Run, as root:\n  ${APT}\n`)
  return false
}

const workspaces = ['apps', 'packages'].flatMap((d) => readdirSync(join(ROOT, d)).map((p) => join(ROOT, d, p))).concat(join(ROOT, 'e2e'))
const resultsDir = (/** @type {string} */ ws) => join(ws, '.test-results')

function vitestCounts() {
  const c = { passed: 0, failed: 0, skipped: 0 }
  for (const ws of workspaces) {
    const file = join(resultsDir(ws), 'vitest.json')
    if (!existsSync(file)) continue
    const r = JSON.parse(readFileSync(file, 'utf8'))
    c.passed += r.numPassedTests
    c.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)
    c.skipped += r.numPendingTests + r.numTodoTests
  }
  return c
}

function playwrightCounts() {
  const file = join(resultsDir(join(ROOT, 'e2e')), 'playwright.json')
  if (!existsSync(file)) return null
  const s = JSON.parse(readFileSync(file, 'utf8')).stats
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }
}

checkNode()
const browserInstall = startBrowserInstall()
ensurePnpm()
ensureInstalled()
for (const ws of workspaces) rmSync(resultsDir(ws), { recursive: true, force: true })

if (!process.env.TEST_DATABASE_URL) {
  log('TEST_DATABASE_URL is not set: the PostgreSQL tests will be reported as skipped (SQLite runs always)')
}

/** @type {{ name: string, ok: boolean }[]} */
const checks = []
/**
 * @param {string} name
 * @param {string[]} args
 */
const step = (name, args) => {
  log(name)
  const code = run('pnpm', ['turbo', 'run', ...args, '--continue', '--output-logs=new-only'])
  checks.push({ name, ok: code === 0 })
  return code === 0
}

const built = step('build', ['build'])
step('lint', ['lint'])
step('typecheck', ['typecheck'])
step('unit and integration tests', ['test'])
const vt = vitestCounts()
let pw = null
if (!built) {
  console.error('The build failed, so the browser tests cannot run.')
  checks.push({ name: 'e2e', ok: false })
} else if (!(await ensureBrowser(browserInstall))) {
  checks.push({ name: 'e2e (browser missing)', ok: false })
} else {
  const ok = step('browser tests (Playwright, production build)', ['e2e'])
  pw = playwrightCounts()
  if (!ok && (!pw || pw.failed === 0)) checks.push({ name: 'e2e runner', ok: false })
}

// An install started for the browser tests is not left running when they could not run.
if (browserInstall) await browserInstall

// The `test` and `e2e` steps are counted through their tests; the other steps count as one check each.
const counted = checks.filter((c) => !['unit and integration tests', 'browser tests (Playwright, production build)'].includes(c.name))
const testStepFailedWithoutTests = checks.some((c) => c.name === 'unit and integration tests' && !c.ok) && vt.failed === 0
const passed = vt.passed + (pw?.passed ?? 0) + counted.filter((c) => c.ok).length
const failed = vt.failed + (pw?.failed ?? 0) + counted.filter((c) => !c.ok).length + (testStepFailedWithoutTests ? 1 : 0)
const skipped = vt.skipped + (pw?.skipped ?? 0)

console.log('\n── summary ──')
for (const c of checks) console.log(`${c.ok ? '✓' : '✗'} ${c.name}`)
console.log(`vitest: ${vt.passed} passed, ${vt.failed} failed, ${vt.skipped} skipped`)
if (pw) console.log(`playwright: ${pw.passed} passed, ${pw.failed} failed, ${pw.skipped} skipped`)
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`
mkdirSync(join(ROOT, '.test-results'), { recursive: true })
writeFileSync(join(ROOT, '.test-results', 'summary.txt'), `${line}\n`)
console.log(line)
process.exit(failed > 0 || checks.some((c) => !c.ok) ? 1 : 0)
