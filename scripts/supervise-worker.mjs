/*
 * `npm run worker`: keeps one jobs-queue worker (scripts/worker.ts) running. A worker stops for a
 * fresh process after a long newsletter send's share of recipients (the SQLite client gives its
 * native memory back only when the process ends) and exits with RECYCLE_EXIT_CODE; the next
 * worker is already loaded and waiting on standby (src/jobs/standby.ts), so it takes over at once.
 * Any other exit ends `npm run worker` with the worker's code, and SIGINT or SIGTERM is passed on
 * to the worker, which stops after its current batch.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

/** The exit code of a worker that asks to be replaced (EX_TEMPFAIL). */
const RECYCLE_EXIT_CODE = 75
/** src/jobs/standby.ts's STANDBY_ENV. */
const STANDBY_ENV = 'VITALPRESS_STANDBY'

const root = process.cwd()
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-deprecation --conditions=production`.trim(), [STANDBY_ENV]: '1' }
let current = null
let standby = null
let stopping = false

/** A worker started on standby: loaded, waiting for `{ go }` on its IPC channel. */
function startWorker() {
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'payload', 'bin.js'), 'run', 'scripts/worker.ts'], { cwd: root, env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  // A word sent as the child dies fails on the channel; its exit tells the rest.
  child.on('error', () => undefined)
  const ready = new Promise((resolve) => child.on('message', (message) => message?.standby === 'ready' && resolve(true)))
  return { child, exited, ready: Promise.race([ready, exited.then(() => false)]) }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true
    current?.child.kill(signal)
    standby?.child.kill('SIGTERM')
  })
}

standby = startWorker()
for (;;) {
  current = standby
  if (!(await current.ready)) {
    const { code, signal } = await current.exited
    process.exit(code ?? (signal ? 1 : 0))
  }
  current.child.send({ go: '' })
  standby = stopping ? null : startWorker()
  const { code, signal } = await current.exited
  if (code === RECYCLE_EXIT_CODE && !stopping && standby) continue
  if (standby?.child.connected) standby.child.send({ stop: true })
  process.exit(code ?? (signal ? 1 : 0))
}
