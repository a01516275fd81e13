import type { Payload } from 'payload'

import type { DeliveryStatusNotification } from '../mail/deliveryStatus'

import type { Subscriber } from '../payload-types'
import { NewsletterError } from './errors'
import { problemsInDeliveryStatus } from './providers/bounceMail'
import { decideSuppression, predatesClearance, type DeliveryProblemKind, type SuppressionRule } from './suppression'

/** Who told us about a delivery problem: a provider's webhook, or a bounce that came back by mail. */
export type ProblemReporter = 'postmark' | 'ses' | 'bounce-mail'

/** One delivery problem as a provider reports it, already read into our words. */
export interface ProblemReport {
  email: string
  kind: DeliveryProblemKind
  /** When the provider saw it (ISO date). */
  at: string
  reportedBy: ProblemReporter
  /** The provider's own words, kept for the admin. */
  detail: string
}

/** `stale`: the problem happened before the address was last cleared (`predatesClearance`), so it changes nothing. */
export type ProblemOutcome = 'suppressed' | 'counted' | 'unknown-address' | 'stale'

/**
 * Applies the suppression rule to one report. A suppressed address leaves every send it is still
 * waiting in, so a send already under way does not mail it either.
 */
export async function recordDeliveryProblem(payload: Payload, report: ProblemReport, rule?: SuppressionRule): Promise<{ outcome: ProblemOutcome; subscriberId?: string }> {
  const email = report.email.trim().toLowerCase()
  const subscriber = (await payload.find({ collection: 'subscribers', where: { email: { equals: email } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
  if (!subscriber) {
    payload.logger.info({ event: 'newsletter.problem.unknown', kind: report.kind, reportedBy: report.reportedBy })
    return { outcome: 'unknown-address' }
  }
  if (predatesClearance(report, subscriber.suppression?.liftedAt)) {
    payload.logger.info({ event: 'newsletter.problem.stale', subscriberId: subscriber.id, kind: report.kind, reportedBy: report.reportedBy, at: report.at })
    return { outcome: 'stale', subscriberId: String(subscriber.id) }
  }
  const earlier = Array.isArray(subscriber.softBounces) ? (subscriber.softBounces as string[]) : []
  const decision = decideSuppression(earlier, { kind: report.kind, at: report.at }, rule)
  if (!decision.suppress) {
    await payload.update({ collection: 'subscribers', id: subscriber.id, data: { softBounces: decision.softBounces }, overrideAccess: true, depth: 0 })
    payload.logger.info({ event: 'newsletter.problem.counted', subscriberId: subscriber.id, kind: report.kind, softBounces: decision.softBounces.length })
    return { outcome: 'counted', subscriberId: String(subscriber.id) }
  }
  const now = new Date().toISOString()
  await payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: {
      softBounces: decision.softBounces,
      suppression: { reason: decision.suppress, suppressedAt: now, reportedBy: report.reportedBy, detail: report.detail.slice(0, 300) },
      ...statusAfterSuppression(subscriber, decision.unsubscribe, now, report.detail),
      confirmationTokenHash: null,
    },
    overrideAccess: true,
    depth: 0,
  })
  await payload.db.updateMany({
    collection: 'newsletter-deliveries',
    where: { and: [{ subscriber: { equals: subscriber.id } }, { status: { in: ['held', 'queued'] } }] },
    data: { status: 'skipped', failureCode: 'NEWSLETTER_SUPPRESSED', failureReason: `The address was suppressed (${decision.suppress}) before this email went out.` },
    returning: false,
  })
  payload.logger.warn({ event: 'newsletter.subscriber.suppressed', code: 'NEWSLETTER_SUPPRESSED', subscriberId: subscriber.id, reason: decision.suppress, reportedBy: report.reportedBy })
  return { outcome: 'suppressed', subscriberId: String(subscriber.id) }
}

/**
 * A complaint withdraws consent, so the reader is unsubscribed; a bounce says nothing of what the
 * reader wants, so a bounced address stays `bounced` and an admin may lift it once it works again.
 */
function statusAfterSuppression(subscriber: Subscriber, unsubscribe: boolean, now: string, detail: string): Partial<Subscriber> {
  if (unsubscribe) return subscriber.status === 'unsubscribed' ? {} : { status: 'unsubscribed', unsubscribedAt: now }
  if (subscriber.status === 'unsubscribed') return {}
  return { status: 'bounced', bouncedAt: now, bounceReason: detail.slice(0, 300) }
}

/**
 * An admin lifts a suppression (the reader fixed their mailbox, the provider was wrong). A bounced
 * address is confirmed again, as it was before; one that complained stays unsubscribed, because
 * only the reader can give their consent again, by subscribing.
 */
export async function liftSuppression(payload: Payload, subscriberId: string, liftedBy: string): Promise<Subscriber> {
  const subscriber = await payload.findByID({ collection: 'subscribers', id: subscriberId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!subscriber) throw new NewsletterError({ code: 'NEWSLETTER_SUBSCRIBER_NOT_FOUND', status: 404, message: `No subscriber ${subscriberId}; pick one from Newsletter → Subscribers.` })
  if (!subscriber.suppression?.reason) {
    throw new NewsletterError({ code: 'NEWSLETTER_NOT_SUPPRESSED', status: 409, message: `${subscriber.email} is not suppressed; there is nothing to lift.` })
  }
  const lifted = await payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: {
      suppression: { reason: null, suppressedAt: null, reportedBy: null, detail: null, liftedAt: new Date().toISOString() },
      softBounces: [],
      ...(subscriber.status === 'bounced' ? { status: 'confirmed' as const, bouncedAt: null, bounceReason: null } : {}),
    },
    overrideAccess: true,
    depth: 0,
  })
  payload.logger.info({ event: 'newsletter.suppression.lifted', subscriberId: subscriber.id, reason: subscriber.suppression.reason, liftedBy })
  return lifted
}

/**
 * What a renewed confirmation clears and notes: an address that was suppressed and subscribed
 * again has given new consent, which the consent record says.
 */
export function consentAfterSuppression(subscriber: Pick<Subscriber, 'suppression'>, now: string): { afterSuppression?: string } {
  const { reason, suppressedAt } = subscriber.suppression ?? {}
  if (!reason) return {}
  return { afterSuppression: `Confirmed again on ${now} after suppression for ${reason} on ${suppressedAt ?? 'an unknown date'}.` }
}

/**
 * A delivery status notification the mail server piped in (`npm run newsletter -- bounce-mail`):
 * each of its recipients' problems goes through the rule. Null is input that was not one.
 */
export async function recordBounceMail(payload: Payload, notification: DeliveryStatusNotification | null): Promise<Array<{ email: string; outcome: ProblemOutcome }>> {
  if (!notification) {
    throw new NewsletterError({
      code: 'NEWSLETTER_BOUNCE_UNRECOGNIZED',
      status: 400,
      message: 'The input is not a delivery status notification (a multipart/report message with a message/delivery-status part, RFC 3464); nothing was changed.',
    })
  }
  const outcomes: Array<{ email: string; outcome: ProblemOutcome }> = []
  for (const problem of problemsInDeliveryStatus(notification)) {
    outcomes.push({ email: problem.email, outcome: (await recordDeliveryProblem(payload, problem)).outcome })
  }
  return outcomes
}
