import type { Endpoint } from 'payload'

import { defineEndpoint } from '../../api/endpoint'
import { recordDeliveryProblem } from '../bounces'
import { newsletterFor } from '../createNewsletter'
import { NewsletterError } from '../errors'
import { postmarkCallerIsTrusted, readPostmarkWebhook } from '../providers/postmark'
import { receiveSnsMessage } from './sesNotifications'

/** What mail providers call to report bounces and complaints, at /api/newsletter/bounces/… */
export const providerWebhookEndpoints: Endpoint[] = [
  defineEndpoint({
    path: '/newsletter/bounces/postmark',
    method: 'post',
    who: 'anyone',
    body: {
      as: 'json',
      limit: 64 * 1024,
      malformed: () => new NewsletterError({ code: 'NEWSLETTER_WEBHOOK_INVALID', status: 400, message: 'Send the JSON body of a Postmark bounce or spam-complaint webhook.' }),
    },
    handler: async ({ req, body }) => {
      const newsletter = newsletterFor(req.payload)
      if (!postmarkCallerIsTrusted(req.headers.get('authorization'), newsletter.options.postmarkWebhookSecret)) {
        throw new NewsletterError({
          code: 'NEWSLETTER_WEBHOOK_UNAUTHORIZED',
          status: 401,
          message: 'Set NEWSLETTER_POSTMARK_WEBHOOK_SECRET and give Postmark the webhook URL with it as the password: https://postmark:<secret>@<this server>/api/newsletter/bounces/postmark.',
        })
      }
      const report = readPostmarkWebhook(await body())
      if (!report) return { outcome: 'ignored' }
      return recordDeliveryProblem(req.payload, report).then(({ outcome }) => ({ outcome }))
    },
  }),
  defineEndpoint({
    path: '/newsletter/bounces/ses',
    method: 'post',
    who: 'anyone',
    // SNS posts its JSON as text/plain; an SES notification is at most 256 KB, its envelope a little more.
    body: { as: 'text', limit: 300 * 1024 },
    handler: async ({ req, body }) => receiveSnsMessage(newsletterFor(req.payload), await body()),
  }),
]
