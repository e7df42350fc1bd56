// `npm start`: install, build, migrate, load the sample data into an empty database, and serve
// the API, the reader and the admin app on one port. A second start reuses everything.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, checkNode, childEnv, ensureInstalled, ensurePnpm, log, mustRun } from './lib/setup.mjs'

checkNode()
ensurePnpm()
ensureInstalled()
log('building (cached after the first time)')
mustRun('pnpm', [
  'turbo',
  'run',
  'build',
  '--filter=@gongkai/api',
  '--filter=@gongkai/reader',
  '--filter=@gongkai/admin',
  '--output-logs=errors-only',
])

const server = spawn(process.execPath, [join(ROOT, 'apps/api/dist/cli.js'), 'serve'], { cwd: ROOT, stdio: 'inherit', env: childEnv() })
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
