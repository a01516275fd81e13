/*
 * `npm run worker`: keeps WORKER_PROCESSES jobs-queue workers (scripts/worker.ts) running, so a
 * large newsletter send can be worked in lanes on several cores. A worker stops for a fresh
 * process after a long newsletter send's share of recipients (the SQLite client gives its native
 * memory back only when the process ends) and exits with RECYCLE_EXIT_CODE; the next worker of
 * its place is already loaded and waiting on standby (src/jobs/standby.ts), so it takes over at
 * once. Any other exit stops the other workers and ends `npm run worker` with that worker's code,
 * and SIGINT or SIGTERM is passed on to every worker, each of which stops after its current batch.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

/** The exit code of a worker that asks to be replaced (EX_TEMPFAIL). */
const RECYCLE_EXIT_CODE = 75
/** src/jobs/standby.ts's STANDBY_ENV. */
const STANDBY_ENV = 'VITALPRESS_STANDBY'
/** src/environment/catalogue.ts's default for WORKER_PROCESSES. */
const DEFAULT_WORKERS = 2

const configured = process.env.WORKER_PROCESSES?.trim() || String(DEFAULT_WORKERS)
if (!/^[1-9][0-9]*$/.test(configured)) {
  console.error(`WORKER_PROCESSES=${JSON.stringify(configured)} cannot be used: give a whole number of at least 1, or leave it unset for the default, ${DEFAULT_WORKERS}.`)
  process.exit(1)
}
const root = process.cwd()
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-deprecation --conditions=production`.trim(), [STANDBY_ENV]: '1' }
let stopping = false
/** The signal an operator stopped `npm run worker` with, if any. */
let stoppedBy = null
/** Each place's running worker and the one waiting on standby to replace it. */
const places = Array.from({ length: Number(configured) }, () => ({ current: null, standby: null }))

/** A worker started on standby: loaded, waiting for `{ go }` on its IPC channel. */
function startWorker() {
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'payload', 'bin.js'), 'run', 'scripts/worker.ts'], { cwd: root, env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  // A word sent as the child dies fails on the channel; its exit tells the rest.
  child.on('error', () => undefined)
  const ready = new Promise((resolve) => child.on('message', (message) => message?.standby === 'ready' && resolve(true)))
  return { child, exited, ready: Promise.race([ready, exited.then(() => false)]) }
}

function stopAll(signal) {
  stopping = true
  for (const place of places) {
    place.current?.child.kill(signal)
    if (place.standby?.child.connected) place.standby.child.send({ stop: true })
    else place.standby?.child.kill('SIGTERM')
  }
}

/** Keeps one place's worker running; resolves with how the worker that was not replaced ended. */
async function keep(place) {
  place.standby = startWorker()
  for (;;) {
    place.current = place.standby
    place.standby = null
    if (!(await place.current.ready)) return place.current.exited
    place.current.child.send({ go: '' })
    if (!stopping) place.standby = startWorker()
    const ended = await place.current.exited
    if (ended.code === RECYCLE_EXIT_CODE && !stopping && place.standby) continue
    return ended
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stoppedBy = signal
    stopAll(signal)
  })
}

const running = places.map(keep)
// The first worker to end other than for a fresh process ends them all.
const first = await Promise.race(running)
stopAll('SIGTERM')
const ended = await Promise.all(running)
// Stopped by an operator: workers that stopped after their batch, or were stopped while still
// starting, or were stopping for a fresh process, ended as asked; only a failed worker fails it.
if (stoppedBy) process.exit(ended.some(({ code }) => code !== null && code !== 0 && code !== RECYCLE_EXIT_CODE) ? 1 : 0)
process.exit(first.code ?? (first.signal ? 1 : 0))
