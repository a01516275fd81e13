import type { Plugin } from 'payload'

import { extendCollections, extendRoot } from '../plugins/extendConfig'
import { newsletterEndpoints } from './endpoints/public'
import { providerWebhookEndpoints } from './endpoints/providerWebhooks'
import { newsletterSendEndpoints } from './endpoints/sendActions'
import { subscriberEndpoints } from './endpoints/subscriberActions'
import { normalizeSubscriberEmail } from './hooks/normalizeSubscriberEmail'
import { queueNewsletterWork } from './hooks/queueNewsletterWork'
import { newsletterTasks } from './jobs'

/**
 * Update emails to subscribers in their own language: public subscribe, confirm and unsubscribe
 * endpoints, a send queued for each published update (it reacts to Workflow Events), the ledger
 * that sends each message once, the send log with its actions, the bounce and complaint reports of
 * mail providers, and the list of suppressed addresses.
 */
export const newsletterPlugin = (): Plugin => (config) => ({
  ...config,
  ...extendRoot(config, {
    tasks: newsletterTasks,
    endpoints: [...newsletterEndpoints, ...providerWebhookEndpoints],
    components: {
      views: {
        newsletterLog: { Component: '/src/newsletter/admin/SendLogView#SendLogView', path: '/newsletter-log' },
        newsletterSuppressions: { Component: '/src/newsletter/admin/SuppressionListView#SuppressionListView', path: '/newsletter-suppressions' },
      },
    },
  }),
  collections: extendCollections(config.collections, {
    'workflow-events': { hooks: { afterChange: [queueNewsletterWork] } },
    subscribers: { hooks: { beforeValidate: [normalizeSubscriberEmail] }, endpoints: subscriberEndpoints },
    'newsletter-sends': { endpoints: newsletterSendEndpoints },
  }),
})
