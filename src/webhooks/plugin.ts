import type { Plugin } from 'payload'

import { extendCollections, extendRoot } from '../plugins/extendConfig'
import { redeliverEndpoint } from './redeliver'
import { issueSecretOnCreate, rotateSecretEndpoint } from './secret'
import { webhookTasks } from './tasks'

/**
 * Signed webhook deliveries to downstream sites: each endpoint gets its secret when created (and a
 * new one on rotation), deliveries run as jobs with retries, and admins redeliver from the log.
 */
export const webhooksPlugin = (): Plugin => (config) => ({
  ...config,
  ...extendRoot(config, {
    tasks: webhookTasks,
    components: { views: { webhookLog: { Component: '/src/webhooks/admin/DeliveryLogView#DeliveryLogView', path: '/webhook-log' } } },
  }),
  collections: extendCollections(config.collections, {
    'webhook-endpoints': { hooks: { beforeChange: [issueSecretOnCreate] }, endpoints: [rotateSecretEndpoint] },
    'webhook-deliveries': { endpoints: [redeliverEndpoint] },
  }),
})
