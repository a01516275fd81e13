/*
 * One jobs-queue worker (publishing, webhooks, newsletter) in its own process, beside web
 * processes started with JOBS_AUTORUN=false; `npm run worker` keeps WORKER_PROCESSES of them running
 * (scripts/supervise-worker.mjs). Any number of workers may run; jobs a dead worker left
 * processing are taken up again once their lease (JOBS_LEASE_SECONDS) expires.
 */
import { getPayload } from 'payload'

import { readEnvironment } from '../src/environment/readEnvironment'
import { declareProcessReplaceable, processRecycleRequested } from '../src/jobs/recycle'
import { waitForTurn } from '../src/jobs/standby'
import { runWorker } from '../src/jobs/worker'

/** The exit code that asks `npm run worker` for a fresh worker process (EX_TEMPFAIL). */
const RECYCLE_EXIT_CODE = 75

// Started by scripts/supervise-worker.mjs, which has the next worker ready when this one stops for a fresh process.
declareProcessReplaceable()
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
// Started ahead of its turn by `npm run worker`: waits here, loaded, until the worker before it stops.
await waitForTurn()
const options = readEnvironment().jobs
const stop = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop.abort())
payload.logger.info({ event: 'worker.started', pid: process.pid, leaseSeconds: options.leaseMs / 1000, msg: `Worker running the jobs queue (batch ${options.batchSize})` })
try {
  await runWorker(payload, options, { signal: stop.signal })
  const recycle = processRecycleRequested()
  if (recycle) {
    payload.logger.info({ event: 'worker.recycled', reason: recycle.reason, msg: `Worker stopping for a fresh process (${recycle.reason}); the next one starts at once` })
  } else {
    payload.logger.info({ event: 'worker.stopped', msg: 'Worker stopped after its current batch' })
  }
  await payload.destroy()
  process.exit(recycle ? RECYCLE_EXIT_CODE : 0)
} catch (error) {
  payload.logger.error({ event: 'worker.failed', err: error, msg: `Worker failed: ${(error as Error).message}` })
  process.exit(1)
}
