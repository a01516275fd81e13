import type { JobsConfig, TaskConfig } from 'payload'

import { hasRole } from '../access/roles'
import { releaseAbandonedJobs, releaseJobsOfGoneRunners } from './leases'
import type { QueueOptions } from './options'

/**
 * The jobs queue: every concern's tasks, run in the web process by Payload's autorun unless a
 * separate worker runs them. Each autorun tick first releases jobs abandoned by a dead runner: at
 * once when every runner that held jobs is gone (a restart after a crash), else after the lease.
 */
export function createJobsConfig(tasks: TaskConfig<any>[], options: QueueOptions): JobsConfig {
  let lastLeaseCheck = 0
  return {
    tasks,
    deleteJobOnComplete: true,
    access: {
      run: ({ req }) => hasRole(req.user, 'admin'),
      queue: ({ req }) => hasRole(req.user, 'admin'),
      cancel: ({ req }) => hasRole(req.user, 'admin'),
    },
    ...(options.autoRun
      ? {
          autoRun: [{ cron: options.cron, allQueues: true, limit: options.batchSize, silent: { info: true } }],
          shouldAutoRun: async (payload) => {
            if (Date.now() - lastLeaseCheck > Math.min(options.leaseMs / 4, 30_000)) {
              lastLeaseCheck = Date.now()
              await releaseJobsOfGoneRunners(payload, options.leaseMs)
              await releaseAbandonedJobs(payload, options.leaseMs)
            }
            return true
          },
        }
      : {}),
  }
}
