import type { Payload } from 'payload'

import { releaseAbandonedJobs, releaseJobsOfGoneRunners } from './leases'
import { processRecycleRequested } from './recycle'
import type { QueueOptions } from './options'

export interface WorkerRun {
  /** Stops the loop after the current batch. */
  signal?: AbortSignal
  /** Returns once no job is due (jobs waiting for a later time are left); for tests and one-off runs. */
  untilIdle?: boolean
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

/**
 * Runs the jobs queue in this process: releases jobs abandoned by dead runners, then runs due
 * jobs of every queue in batches until stopped, or until a job asks for a fresh process
 * (`requestProcessRecycle`). Any number of workers may run at once.
 */
export async function runWorker(payload: Payload, options: QueueOptions, run: WorkerRun = {}): Promise<void> {
  let lastLeaseCheck = 0
  while (!run.signal?.aborted) {
    if (Date.now() - lastLeaseCheck > Math.min(options.leaseMs / 4, 30_000)) {
      lastLeaseCheck = Date.now()
      await releaseJobsOfGoneRunners(payload, options.leaseMs)
      await releaseAbandonedJobs(payload, options.leaseMs)
      // Tasks with a schedule get their next run queued, as the web process's autorun does.
      await payload.jobs.handleSchedules({ allQueues: true })
    }
    const result = await payload.jobs.run({ allQueues: true, limit: options.batchSize, silent: { info: true } })
    if (processRecycleRequested()) return
    if (!result.noJobsRemaining) continue
    if (run.untilIdle) return
    await pause(options.idleMs, run.signal)
  }
}
