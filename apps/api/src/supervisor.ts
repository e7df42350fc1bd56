import cluster, { type Worker } from 'node:cluster'
import type { Config } from './env.ts'

// `gongkai serve` (and so `npm start`) runs under a supervisor: the first process forks one
// server process with node:cluster and starts it again when it dies (out of memory, a crash, a
// SIGKILL), waiting longer after each death in a row (1 s, 2 s, 4 s … 30 s), and back to 1 s once a
// server has stayed up a minute. Every death and restart is logged. The listening socket belongs
// to the supervisor, so the port stays bound while the server restarts. SIGINT or SIGTERM stop
// both. In production a service manager (systemd, a container runtime) watches the supervisor in
// turn: docs/DEPLOY.md. SUPERVISOR=off serves in one process.

/**
 * The server's exit code when it cannot bind its address (the port is taken, or not allowed):
 * starting it again cannot help, so the supervisor stops with this code instead of restarting.
 * 78 is EX_CONFIG in sysexits.h.
 */
export const EXIT_CANNOT_LISTEN = 78

export interface SupervisorOptions {
  /** First wait before a restart. */
  initialDelayMs?: number
  maxDelayMs?: number
  /** A server that ran this long resets the wait. */
  stableAfterMs?: number
  log?: (line: string) => void
}

/** Whether this process is the one that should supervise (the first, unless SUPERVISOR=off). */
export function shouldSupervise(config: Config): boolean {
  return cluster.isPrimary && config.supervisor
}

/** Fork the server and keep it running until SIGINT/SIGTERM; resolves with the exit code to end with. */
export function supervise(options: SupervisorOptions = {}): Promise<number> {
  const initial = options.initialDelayMs ?? 1_000
  const max = options.maxDelayMs ?? 30_000
  const stableAfter = options.stableAfterMs ?? 60_000
  const log = options.log ?? ((line: string) => console.log(line))
  let delay = initial
  let stopping = false
  let current: Worker | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  return new Promise((resolve) => {
    const start = () => {
      timer = null
      const started = Date.now()
      const worker = cluster.fork()
      current = worker
      log(`[supervisor] 服务进程 ${worker.process.pid} 已启动 / server process ${worker.process.pid} started`)
      worker.on('exit', (code, signal) => {
        current = null
        if (stopping) {
          resolve(code ?? 0)
          return
        }
        if (code === EXIT_CANNOT_LISTEN) {
          log(
            `[supervisor] 服务进程 ${worker.process.pid} 无法监听端口，不再重启 / server process ${worker.process.pid} cannot listen on its address; not restarting`,
          )
          resolve(code)
          return
        }
        if (Date.now() - started >= stableAfter) delay = initial
        const why = signal ? `signal ${signal}` : `code ${code}`
        log(
          `[supervisor] 服务进程 ${worker.process.pid} 意外退出（${why}），${delay / 1000} 秒后重启 / server process ${worker.process.pid} died (${why}); restarting in ${delay / 1000} s`,
        )
        timer = setTimeout(start, delay)
        delay = Math.min(max, delay * 2)
      })
    }
    const stop = (sig: NodeJS.Signals) => {
      if (stopping) return
      stopping = true
      if (timer) clearTimeout(timer)
      if (!current) {
        resolve(0)
        return
      }
      // The server closes its connections and the database, then exits.
      current.process.kill(sig)
    }
    process.on('SIGINT', () => stop('SIGINT'))
    process.on('SIGTERM', () => stop('SIGTERM'))
    start()
  })
}
