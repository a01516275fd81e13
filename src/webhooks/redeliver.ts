import type { Endpoint } from 'payload'

import { hasRole } from '../access/roles'
import { WEBHOOK_TASKS } from './taskSlugs'
import { relationId } from '../content/relations'

/** The answer every custom endpoint gives when it refuses: `{ code, message }`. */
function problem(status: number, code: string, message: string): Response {
  return Response.json({ code, message }, { status })
}

/**
 * `POST /api/webhook-deliveries/:id/redeliver`: sends a delivery again, with the same event id,
 * as a new round of attempts. Admins only; refused while the endpoint is disabled.
 */
export const redeliverEndpoint: Endpoint = {
  path: '/:id/redeliver',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user as never, 'admin')) return problem(403, 'WEBHOOK_REDELIVER_FORBIDDEN', 'Only admins can redeliver webhooks.')
    const id = String(req.routeParams?.id ?? '')
    const delivery = await req.payload.findByID({ collection: 'webhook-deliveries', id, depth: 0, disableErrors: true, overrideAccess: false, user: req.user, req })
    if (!delivery) return problem(404, 'WEBHOOK_DELIVERY_NOT_FOUND', `There is no webhook delivery ${id}.`)
    const endpointId = relationId(delivery.endpoint)!
    const endpoint = await req.payload.findByID({ collection: 'webhook-endpoints', id: endpointId, depth: 0, disableErrors: true, overrideAccess: false, user: req.user, req })
    if (!endpoint?.active) {
      return problem(409, 'WEBHOOK_ENDPOINT_DISABLED', 'The endpoint of this delivery is disabled. Fix the receiver, turn the endpoint on again, then redeliver.')
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
    req.payload.logger.info({ event: 'webhook.redeliver', deliveryId: id, eventId: delivery.eventId, actor: req.user?.id, msg: `Redelivery of ${delivery.eventId} queued` })
    return Response.json({ id, status: 'pending', round })
  },
}
