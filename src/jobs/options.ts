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

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value)
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
}

export function queueOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueOptions {
  return {
    autoRun: !['0', 'false', 'no', 'off'].includes((env.JOBS_AUTORUN ?? 'true').toLowerCase()),
    cron: env.JOBS_CRON || '*/2 * * * * *',
    batchSize: positive(env.JOBS_BATCH_SIZE, 10),
    leaseMs: positive(env.JOBS_LEASE_SECONDS, 600) * 1000,
    idleMs: positive(env.JOBS_IDLE_MS, 1000),
  }
}
