import type { TaskConfig } from 'payload'

import { deliverOnce } from './deliveryAttempt'
import { webhookOptionsFromEnv } from './options'
import { WEBHOOK_TASKS } from './taskSlugs'

const options = webhookOptionsFromEnv()

/*
 * One delivery attempt per job. A failed attempt queues its own next job with a due time, so a
 * `Retry-After` or a backoff with jitter decides when it runs; Payload's own retries only cover
 * errors of this process (the database, say).
 */
export const webhookTasks: TaskConfig<any>[] = [
  {
    slug: WEBHOOK_TASKS.deliverWebhook,
    label: 'Webhooks: deliver one event to one endpoint',
    inputSchema: [
      { name: 'deliveryId', type: 'text', required: true },
      { name: 'round', type: 'number', required: true },
    ],
    retries: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
    handler: async ({ input, req }) => {
      const outcome = await deliverOnce(req.payload, { deliveryId: String(input.deliveryId), round: Number(input.round), options })
      return { output: { status: outcome.status } }
    },
  },
]
