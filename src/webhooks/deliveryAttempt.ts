import type { Payload } from 'payload'

import type { WebhookOptions } from './options'
import { retryDelayMs, verdictOf, type AttemptVerdict } from './retryPolicy'
import { sendSigned, type AttemptResult } from './signedRequest'
import { privateAddressesAllowed } from './settings'
import { WEBHOOK_TASKS } from './taskSlugs'
import { relationId } from '../content/relations'

export interface DeliveryOutcome {
  deliveryId: string
  status: 'pending' | 'retrying' | 'delivered' | 'failed' | 'cancelled' | 'skipped'
  nextAttemptAt?: string
}

type Status = Exclude<DeliveryOutcome['status'], 'skipped'>

export interface DeliverRun {
  deliveryId: string
  /** The round the job was queued for; a redelivery starts a new round and older jobs stand down. */
  round: number
  options: WebhookOptions
  random?: () => number
  now?: () => Date
}

/**
 * Makes one attempt at a delivery and decides what follows: done, another attempt later (its
 * own job, due after a backoff with jitter or the receiver's Retry-After), given up, or the
 * endpoint disabled when the receiver says it is gone (410). Every attempt is kept in the log.
 */
export async function deliverOnce(payload: Payload, run: DeliverRun): Promise<DeliveryOutcome> {
  const now = run.now ?? (() => new Date())
  const delivery = await payload.findByID({ collection: 'webhook-deliveries', id: run.deliveryId, depth: 0, disableErrors: true, overrideAccess: true })
  if (!delivery) return { deliveryId: run.deliveryId, status: 'skipped' }
  if ((delivery.round ?? 1) !== run.round || ['delivered', 'failed', 'cancelled'].includes(delivery.status)) {
    return { deliveryId: delivery.id, status: 'skipped' }
  }
  const endpointId = relationId(delivery.endpoint)!
  const endpoint = await payload.findByID({ collection: 'webhook-endpoints', id: endpointId, depth: 0, disableErrors: true, overrideAccess: true })
  if (!endpoint || !endpoint.active || !endpoint.secret) {
    await payload.update({
      collection: 'webhook-deliveries',
      id: delivery.id,
      depth: 0,
      data: { status: 'cancelled', lastError: cancellation(endpoint) },
      overrideAccess: true,
    })
    return { deliveryId: delivery.id, status: 'cancelled' }
  }

  const startedAt = now()
  const result = await sendSigned({
    url: endpoint.url,
    secret: endpoint.secret,
    eventId: delivery.eventId,
    body: delivery.body,
    timeoutMs: run.options.timeoutMs,
    allowPrivate: await privateAddressesAllowed(payload),
  })
  const attemptCount = (delivery.attemptCount ?? 0) + 1
  const verdict: AttemptVerdict = result.errorCode === 'WEBHOOK_ADDRESS_REFUSED' ? 'rejected' : verdictOf(result.statusCode)
  let status: Status
  let nextAttemptAt: string | null = null
  if (verdict === 'delivered') status = 'delivered'
  else if (verdict === 'retry' && attemptCount < run.options.maxAttempts) {
    status = 'retrying'
    nextAttemptAt = new Date(now().getTime() + retryDelayMs(attemptCount, run.options, result.retryAfterMs, run.random)).toISOString()
  } else status = 'failed'

  await payload.update({
    collection: 'webhook-deliveries',
    id: delivery.id,
    depth: 0,
    data: {
      status,
      attemptCount,
      nextAttemptAt,
      lastStatusCode: result.statusCode,
      lastError: describe(result, verdict, attemptCount, run.options.maxAttempts),
      ...(status === 'delivered' ? { deliveredAt: now().toISOString() } : {}),
      attempts: [...(delivery.attempts ?? []), attemptRecord(startedAt, result, verdict, delivery.round ?? 1)],
    },
    overrideAccess: true,
  })
  if (verdict === 'gone') {
    await payload.update({
      collection: 'webhook-endpoints',
      id: endpoint.id,
      depth: 0,
      data: { active: false, disabledAt: now().toISOString(), disabledReason: `The receiver answered 410 Gone to event ${delivery.eventId}.` },
      overrideAccess: true,
    })
    payload.logger.warn({ event: 'webhook.endpoint_disabled', endpointId: endpoint.id, code: 'WEBHOOK_ENDPOINT_GONE', msg: `Webhook endpoint ${endpoint.url} answered 410 Gone and was disabled` })
  }
  if (nextAttemptAt) {
    await payload.jobs.queue({ task: WEBHOOK_TASKS.deliverWebhook, input: { deliveryId: delivery.id, round: delivery.round ?? 1 }, waitUntil: new Date(nextAttemptAt) })
  }
  payload.logger.info({
    event: 'webhook.attempt',
    deliveryId: delivery.id,
    eventId: delivery.eventId,
    endpointId: endpoint.id,
    statusCode: result.statusCode,
    code: result.errorCode ?? undefined,
    outcome: status,
    attempt: attemptCount,
    msg: `Webhook ${delivery.eventType} to ${endpoint.url}: ${result.statusCode ?? result.errorCode} → ${status}`,
  })
  return { deliveryId: delivery.id, status, ...(nextAttemptAt ? { nextAttemptAt } : {}) }
}

function cancellation(endpoint: { active?: boolean | null; secret?: string | null; disabledReason?: string | null } | null): string {
  if (!endpoint) return 'The endpoint was deleted.'
  if (!endpoint.secret) return 'The endpoint has no signing secret; give it one, then redeliver.'
  return `The endpoint is disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}.`
}

function attemptRecord(at: Date, result: AttemptResult, verdict: AttemptVerdict, round: number) {
  return {
    at: at.toISOString(),
    round,
    durationMs: result.durationMs,
    statusCode: result.statusCode,
    verdict,
    error: result.error,
    retryAfterMs: result.retryAfterMs,
    responseExcerpt: result.responseExcerpt,
  }
}

function describe(result: AttemptResult, verdict: AttemptVerdict, attempt: number, maxAttempts: number): string | null {
  if (verdict === 'delivered') return null
  const what = result.statusCode !== null ? `HTTP ${result.statusCode}` : `${result.errorCode}: ${result.error}`
  if (verdict === 'gone') return `${what}: the receiver says the endpoint is gone; it was disabled.`
  if (verdict === 'rejected') return `${what}: the receiver refused the request; it is not tried again. Fix the receiver, then redeliver.`
  if (attempt >= maxAttempts) return `${what}: gave up after ${attempt} attempts. Redeliver once the receiver works.`
  return `${what}: will try again.`
}
