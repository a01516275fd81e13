import type { Endpoint } from 'payload'

import { hasRole } from '../access/roles'
import { DomainError } from '../errors/domainError'
import { defineEndpoint } from '../api/endpoint'
import { WEBHOOK_TASKS } from './taskSlugs'
import { relationId } from '../content/relations'

/**
 * `POST /api/webhook-deliveries/:id/redeliver`: sends a delivery again, with the same event id,
 * as a new round of attempts. Admins only; refused while the endpoint is disabled.
 */
export const redeliverEndpoint: Endpoint = defineEndpoint({
  path: '/:id/redeliver',
  method: 'post',
  who: { may: (user) => hasRole(user, 'admin'), forbidden: { code: 'WEBHOOK_REDELIVER_FORBIDDEN', message: 'Only admins can redeliver webhooks.' } },
  handler: async ({ req, user, param }) => {
    const id = param('id')
    const delivery = await req.payload.findByID({ collection: 'webhook-deliveries', id, depth: 0, disableErrors: true, overrideAccess: false, user, req })
    if (!delivery) throw new DomainError({ code: 'WEBHOOK_DELIVERY_NOT_FOUND', status: 404, message: `There is no webhook delivery ${id}.` })
    const endpointId = relationId(delivery.endpoint)!
    const endpoint = await req.payload.findByID({ collection: 'webhook-endpoints', id: endpointId, depth: 0, disableErrors: true, overrideAccess: false, user, req })
    if (!endpoint?.active) {
      throw new DomainError({
        code: 'WEBHOOK_ENDPOINT_DISABLED',
        status: 409,
        message: 'The endpoint of this delivery is disabled. Fix the receiver, turn the endpoint on again, then redeliver.',
      })
    }
    const round = (delivery.round ?? 1) + 1
    await req.payload.update({
      collection: 'webhook-deliveries',
      id,
      depth: 0,
      req,
      data: { status: 'pending', round, attemptCount: 0, nextAttemptAt: new Date().toISOString(), lastError: null },
      // Deliveries are written by the server only; the admin's right to ask for this one was checked above.
      overrideAccess: true,
    })
    await req.payload.jobs.queue({ task: WEBHOOK_TASKS.deliverWebhook, input: { deliveryId: id, round }, req })
    req.payload.logger.info({ event: 'webhook.redeliver', deliveryId: id, eventId: delivery.eventId, actor: user.id, msg: `Redelivery of ${delivery.eventId} queued` })
    return { id, status: 'pending', round }
  },
})
