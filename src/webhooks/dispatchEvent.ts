import type { Payload } from 'payload'

import { eventBody, type WebhookEvent } from './events'
import { WEBHOOK_TASKS } from './taskSlugs'

/**
 * Hands an event to every active endpoint that subscribed to its type (and language): one
 * delivery record and one job per endpoint. Safe to run twice for the same event: a delivery is
 * keyed by event and endpoint, and one that has not been attempted yet is queued again, since
 * the first run may have stopped between recording it and queueing its job.
 */
export async function dispatchEvent(payload: Payload, event: WebhookEvent): Promise<string[]> {
  const endpoints = await payload.find({
    collection: 'webhook-endpoints',
    where: { and: [{ active: { equals: true } }, { events: { in: [event.type] } }] },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  const queued: string[] = []
  for (const endpoint of endpoints.docs) {
    const locales = (endpoint.languages ?? []) as string[]
    if (event.locale && locales.length > 0 && !locales.includes(event.locale)) continue
    const key = `${event.id}:${endpoint.id}`
    const existing = await payload.find({ collection: 'webhook-deliveries', where: { key: { equals: key } }, limit: 1, depth: 0, overrideAccess: true })
    let delivery = existing.docs[0]
    if (delivery && (delivery.status !== 'pending' || (delivery.attemptCount ?? 0) > 0)) continue
    delivery ??= await payload.create({
      collection: 'webhook-deliveries',
      depth: 0,
      data: {
        key,
        endpoint: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        locale: event.locale,
        body: eventBody(event),
        status: 'pending',
        round: 1,
        attemptCount: 0,
      },
      overrideAccess: true,
    })
    await payload.jobs.queue({ task: WEBHOOK_TASKS.deliverWebhook, input: { deliveryId: delivery.id, round: delivery.round ?? 1 } })
    queued.push(delivery.id)
  }
  if (queued.length > 0) {
    payload.logger.info({ event: 'webhook.dispatched', eventId: event.id, type: event.type, deliveries: queued.length, msg: `Webhook ${event.type} ${event.id} queued for ${queued.length} endpoint(s)` })
  }
  return queued
}
