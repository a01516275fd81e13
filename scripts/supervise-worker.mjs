/*
 * `npm run worker`: keeps one jobs-queue worker (scripts/worker.ts) running. A worker stops for a
 * fresh process after a long newsletter send's share of recipients (the SQLite client gives its
 * native memory back only when the process ends) and exits with RECYCLE_EXIT_CODE; this starts
 * the next one at once. Any other exit ends `npm run worker` with the worker's code, and SIGINT
 * or SIGTERM is passed on to the worker, which stops after its current batch.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

/** The exit code of a worker that asks to be replaced (EX_TEMPFAIL). */
const RECYCLE_EXIT_CODE = 75

const root = process.cwd()
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-deprecation --conditions=production`.trim() }
let current = null
let stopping = false

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true
    current?.kill(signal)
  })
}

for (;;) {
  current = spawn(process.execPath, [path.join(root, 'node_modules', 'payload', 'bin.js'), 'run', 'scripts/worker.ts'], { cwd: root, env, stdio: 'inherit' })
  const { code, signal } = await new Promise((resolve) => current.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal })))
  if (code === RECYCLE_EXIT_CODE && !stopping) continue
  process.exit(code ?? (signal ? 1 : 0))
}
