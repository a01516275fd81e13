import type { JobsConfig, TaskConfig } from 'payload'

import { hasRole } from '../access/roles'
import { releaseAbandonedJobs } from './leases'
import type { QueueOptions } from './options'

/**
 * The jobs queue: every concern's tasks, run in the web process by Payload's autorun unless a
 * separate worker runs them. Each autorun tick first releases jobs abandoned by a dead runner.
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
              await releaseAbandonedJobs(payload, options.leaseMs)
            }
            return true
          },
        }
      : {}),
  }
}
