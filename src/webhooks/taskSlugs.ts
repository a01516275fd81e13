/** The webhooks concern's job, named once for the code that queues it and the task that runs it. */
export const WEBHOOK_TASKS = {
  /** Delivers one recorded webhook delivery round to its endpoint. */
  deliverWebhook: 'deliverWebhook',
} as const
