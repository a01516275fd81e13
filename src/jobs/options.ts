/** The jobs queue's settings; `readEnvironment().jobs` gives them from `JOBS_*`. */
export interface QueueOptions {
  /** Run queued jobs inside the web process (`npm start`); `JOBS_AUTORUN=false` when a separate worker (`npm run worker`) runs them. */
  autoRun: boolean
  /** How often the in-process runner looks for due jobs: a cron pattern with seconds (`JOBS_CRON`). */
  cron: string
  /** Jobs taken per look (`JOBS_BATCH_SIZE`). */
  batchSize: number
  /**
   * A job still marked as processing this long after it was taken belongs to a worker that died
   * (`JOBS_LEASE_SECONDS`); it is released to run again. Longer than any job runs.
   */
  leaseMs: number
  /** How long an idle worker waits before looking again (`JOBS_IDLE_MS`). */
  idleMs: number
}
