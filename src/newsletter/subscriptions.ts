import type { Payload } from 'payload'

import type { InboundMessage } from '../mail/inboundMessage'
import type { Subscriber } from '../payload-types'
import { consentAfterSuppression } from './bounces'
import { NewsletterError } from './errors'
import { unsubscribeTokenInMail } from './mailUnsubscribe'
import type { Newsletter } from './createNewsletter'
import { confirmationToken, ipHash, legacyConfirmationTokenHash, verifyConfirmationToken, verifyUnsubscribeToken } from './tokens'
import { renderConfirmationEmail } from './email/templates'
import { NEWSLETTER_TASKS } from './taskSlugs'
import { FREQUENCIES, isFrequency, type Frequency } from './vocabulary'

/** A subscribe request as a downstream site sends it. */
export interface SubscriptionRequest {
  email: string
  locale: string
  /** Specialty slugs (or ids) to follow. */
  specialties: string[]
  /** Article slugs (or ids) to follow. */
  articles: string[]
  /** How often to hear from us; `every-update` when left out. */
  frequency: Frequency
  /** Which form or site asked, for the consent record. */
  source?: string
}

// Deliberately plain: one @, a dot in the domain, no spaces; the confirmation email is the real test.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/
const DAY_MS = 24 * 3_600_000
const MAX_FOLLOWS = 100

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.length > 200) || value.length > MAX_FOLLOWS) {
    throw new NewsletterError({ code: 'NEWSLETTER_BODY_INVALID', status: 400, message: `"${field}" must be a list of at most ${MAX_FOLLOWS} slugs, such as ["orthopaedics"].` })
  }
  return [...new Set(value as string[])]
}

/** A frequency as a subscribe body or the preferences form gives it; left out, every update. */
export function parseFrequency(value: unknown): Frequency {
  if (value === undefined || value === null || value === '') return 'every-update'
  if (isFrequency(value)) return value
  throw new NewsletterError({
    code: 'NEWSLETTER_FREQUENCY_UNKNOWN',
    status: 400,
    message: `Unknown frequency ${JSON.stringify(value)}. Choose one of: ${FREQUENCIES.join(', ')}.`,
    details: { allowed: [...FREQUENCIES] },
  })
}

/** Checks a request body's shape and values, before anything is looked up or written. */
export function parseSubscriptionRequest(body: unknown, locales: string[]): SubscriptionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new NewsletterError({ code: 'NEWSLETTER_BODY_INVALID', status: 400, message: 'Send a JSON object: { "email": "…", "locale": "en", "specialties": ["orthopaedics"] }.' })
  }
  const input = body as Record<string, unknown>
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : ''
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new NewsletterError({ code: 'NEWSLETTER_EMAIL_INVALID', status: 400, message: 'Give a valid email address, such as name@example.com.' })
  }
  const locale = typeof input.locale === 'string' ? input.locale : ''
  if (!locales.includes(locale)) {
    throw new NewsletterError({ code: 'NEWSLETTER_LOCALE_UNKNOWN', status: 400, message: `Unknown locale "${locale}". Choose one of: ${locales.join(', ')}.` })
  }
  const specialties = stringList(input.specialties, 'specialties')
  const articles = stringList(input.articles, 'articles')
  if (specialties.length + articles.length === 0) {
    throw new NewsletterError({ code: 'NEWSLETTER_TOPIC_UNKNOWN', status: 400, message: 'Choose at least one specialty or article to follow ("specialties" or "articles").' })
  }
  const frequency = parseFrequency(input.frequency)
  const source = typeof input.source === 'string' ? input.source.slice(0, 200) : undefined
  return { email, locale, specialties, articles, frequency, source }
}

async function resolveIds(payload: Payload, collection: 'specialties' | 'articles', references: string[]): Promise<string[]> {
  if (references.length === 0) return []
  const found = await payload.find({
    collection,
    where: { or: [{ slug: { in: references } }, { id: { in: references } }] },
    ...(collection === 'articles' ? { draft: false } : {}),
    select: { slug: true },
    depth: 0,
    limit: references.length * 2,
    // What a reader may follow is what the public may read: published articles, every specialty.
    overrideAccess: false,
    user: null,
  })
  const known = new Set(found.docs.flatMap((doc) => [String(doc.id), String((doc as { slug?: string }).slug)]))
  const unknown = references.filter((reference) => !known.has(reference))
  if (unknown.length > 0) {
    throw new NewsletterError({ code: 'NEWSLETTER_TOPIC_UNKNOWN', status: 400, message: `Unknown ${collection}: ${unknown.join(', ')}. Use the slugs of the published JSON.` })
  }
  return found.docs.map((doc) => String(doc.id))
}

/**
 * Records a subscribe request and queues its confirmation email. Whatever the address's state,
 * the caller answers the same, so the endpoint tells nobody who is subscribed.
 */
export async function requestSubscription(
  newsletter: Newsletter,
  request: SubscriptionRequest,
  context: { ip: string; origin?: string | null },
): Promise<void> {
  const { payload, options } = newsletter
  const [specialties, articles] = await Promise.all([
    resolveIds(payload, 'specialties', request.specialties),
    resolveIds(payload, 'articles', request.articles),
  ])
  const now = Date.now()
  const existing = (await payload.find({ collection: 'subscribers', where: { email: { equals: request.email } }, limit: 1, depth: 0, overrideAccess: true }))
    .docs[0]
  // A confirmed subscriber changes preferences from the link in any email; an anonymous request may not.
  if (existing?.status === 'confirmed') return
  const windowStart = existing?.confirmationWindowStartedAt ? new Date(existing.confirmationWindowStartedAt).getTime() : 0
  const inWindow = now - windowStart < DAY_MS
  const sentInWindow = inWindow ? (existing?.confirmationsInWindow ?? 0) : 0
  if (sentInWindow >= options.confirmationsPerDay) {
    payload.logger.info({ event: 'newsletter.confirmation.limited', code: 'NEWSLETTER_CONFIRMATIONS_LIMITED', subscriberId: existing?.id })
    return
  }
  const data = {
    email: request.email,
    language: request.locale as Subscriber['language'],
    specialties,
    articles,
    frequency: request.frequency,
    status: 'pending' as const,
    consent: { requestedAt: new Date(now).toISOString(), source: request.source ?? context.origin ?? null, ipHash: ipHash(newsletter.secret, context.ip), confirmedAt: null },
    confirmationWindowStartedAt: inWindow ? existing?.confirmationWindowStartedAt : new Date(now).toISOString(),
    confirmationsInWindow: sentInWindow + 1,
  }
  const subscriber = existing
    ? await payload.update({ collection: 'subscribers', id: existing.id, data, overrideAccess: true, depth: 0 })
    : await payload.create({ collection: 'subscribers', data, overrideAccess: true, depth: 0 })
  await payload.jobs.queue({ task: NEWSLETTER_TASKS.confirmation, input: { subscriberId: String(subscriber.id) } })
}

/**
 * Sends the confirmation email. Its link is signed, not stored, so an earlier email's link keeps
 * working beside this one until it expires, and the raw token exists only in the email.
 */
export async function sendConfirmation(newsletter: Newsletter, subscriberId: string): Promise<'sent' | 'not-pending'> {
  const { payload, options } = newsletter
  const subscriber = await payload.findByID({ collection: 'subscribers', id: subscriberId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!subscriber || subscriber.status !== 'pending') return 'not-pending'
  const expiresAt = Date.now() + options.confirmationTtlHours * 3_600_000
  const token = confirmationToken(newsletter.secret, String(subscriber.id), expiresAt)
  // Kept for the admin only: when the newest link runs out. The link itself carries its expiry.
  await payload.update({ collection: 'subscribers', id: subscriberId, data: { confirmationExpiresAt: new Date(expiresAt).toISOString() }, overrideAccess: true, depth: 0 })
  const texts = newsletter.catalog.for(subscriber.language)
  const confirmUrl = `${options.publicUrl}/api/newsletter/confirm?token=${encodeURIComponent(token)}`
  const rendered = await renderConfirmationEmail(texts, confirmUrl, options.confirmationTtlHours)
  const domain = options.from.address.split('@')[1] ?? 'vitalpress.local'
  await newsletter.mailer.send({
    to: subscriber.email,
    from: options.from,
    ...rendered,
    messageId: `<confirm.${subscriberId}.${expiresAt.toString(36)}@${domain}>`,
    headers: { 'Content-Language': subscriber.language, 'Auto-Submitted': 'auto-generated' },
  })
  payload.logger.info({ event: 'newsletter.confirmation.sent', subscriberId })
  return 'sent'
}

/** What following a confirmation link does: confirm a pending address, or tell a confirmed one it already is. */
export type ConfirmationDecision = 'confirm' | 'already-confirmed'

/**
 * The rule of a confirmation link. Any link we signed that has not expired confirms its pending
 * address, whichever of the emails it came from. A link is refused when forged or altered, when
 * expired, and when the address has since left or bounced: leaving must not be undone by an old
 * email.
 */
export function decideConfirmation(
  claim: { expiresAt: number } | null,
  subscriber: Pick<Subscriber, 'status'> | null,
  now: number,
): ConfirmationDecision {
  if (!claim) throw new NewsletterError({ code: 'NEWSLETTER_TOKEN_INVALID', status: 400, message: 'This confirmation link is not valid; open the link in the email exactly as it is, or subscribe again for a new one.' })
  if (claim.expiresAt < now) throw new NewsletterError({ code: 'NEWSLETTER_TOKEN_EXPIRED', status: 410, message: 'This confirmation link has expired; subscribe again for a new one.' })
  if (subscriber?.status === 'confirmed') return 'already-confirmed'
  if (subscriber?.status === 'pending') return 'confirm'
  throw new NewsletterError({ code: 'NEWSLETTER_TOKEN_INVALID', status: 400, message: 'This confirmation link no longer applies to this address; subscribe again for a new one.' })
}

/** A link from an email sent before links were signed: its token's hash is stored with its expiry. */
async function legacyClaim(payload: Payload, token: string | null): Promise<{ claim: { expiresAt: number } | null; subscriber: Subscriber | null }> {
  if (!token) return { claim: null, subscriber: null }
  const where = { confirmationTokenHash: { equals: legacyConfirmationTokenHash(token) } }
  const subscriber = (await payload.find({ collection: 'subscribers', where, limit: 1, depth: 0, overrideAccess: true })).docs[0]
  if (!subscriber) return { claim: null, subscriber: null }
  return { claim: { expiresAt: subscriber.confirmationExpiresAt ? Date.parse(subscriber.confirmationExpiresAt) : 0 }, subscriber }
}

export async function confirmSubscription(newsletter: Newsletter, token: string | null): Promise<{ subscriber: Subscriber; outcome: ConfirmationDecision }> {
  const { payload } = newsletter
  const signed = verifyConfirmationToken(newsletter.secret, token)
  const { claim, subscriber } = signed
    ? { claim: signed, subscriber: await payload.findByID({ collection: 'subscribers', id: signed.subscriberId, depth: 0, overrideAccess: true, disableErrors: true }) }
    : await legacyClaim(payload, token)
  const outcome = decideConfirmation(claim, subscriber, Date.now())
  if (outcome === 'already-confirmed') return { subscriber: subscriber!, outcome }
  const now = new Date().toISOString()
  const confirmed = await payload.update({
    collection: 'subscribers',
    id: subscriber!.id,
    data: {
      status: 'confirmed',
      confirmationTokenHash: null,
      confirmationExpiresAt: null,
      consent: { ...subscriber!.consent, confirmedAt: now, ...consentAfterSuppression(subscriber!, now) },
      // New consent to a confirmed address ends the suppression; the link proved the mailbox works.
      suppression: { reason: null, suppressedAt: null, reportedBy: null, detail: null, ...(subscriber!.suppression?.reason ? { liftedAt: now } : {}) },
      softBounces: [],
    },
    overrideAccess: true,
    depth: 0,
  })
  payload.logger.info({ event: 'newsletter.subscriber.confirmed', subscriberId: confirmed.id })
  return { subscriber: confirmed, outcome }
}

async function subscriberFromToken(newsletter: Newsletter, token: string | null): Promise<Subscriber> {
  const id = verifyUnsubscribeToken(newsletter.secret, token)
  const subscriber = id
    ? await newsletter.payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true, disableErrors: true })
    : null
  if (!subscriber) throw new NewsletterError({ code: 'NEWSLETTER_TOKEN_INVALID', status: 400, message: 'This unsubscribe link is not valid; use the link in the most recent email.' })
  return subscriber
}

export async function subscriberForLink(newsletter: Newsletter, token: string | null): Promise<Subscriber> {
  return subscriberFromToken(newsletter, token)
}

/** One-click unsubscribe: at once, without login, and the emails still waiting for them are dropped. */
export async function unsubscribe(newsletter: Newsletter, token: string | null): Promise<Subscriber> {
  const { payload } = newsletter
  const subscriber = await subscriberFromToken(newsletter, token)
  if (subscriber.status === 'unsubscribed') return subscriber
  const updated = await payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { status: 'unsubscribed', unsubscribedAt: new Date().toISOString(), confirmationTokenHash: null },
    overrideAccess: true,
    depth: 0,
  })
  await payload.db.updateMany({
    collection: 'newsletter-deliveries',
    where: { and: [{ subscriber: { equals: subscriber.id } }, { status: { in: ['held', 'queued'] } }] },
    data: { status: 'skipped', failureCode: 'NEWSLETTER_UNSUBSCRIBED', failureReason: 'The subscriber unsubscribed before this email went out.' },
    returning: false,
  })
  payload.logger.info({ event: 'newsletter.unsubscribed', subscriberId: subscriber.id })
  return updated
}

/**
 * The mailto half of `List-Unsubscribe`: a message the mail server handed over (null when what it
 * handed over was not a message). Unsubscribes at once, like the one-click POST; a message without
 * a token made by this server changes nothing.
 */
export async function unsubscribeByMail(newsletter: Newsletter, message: InboundMessage | null): Promise<Subscriber> {
  if (!message) {
    throw new NewsletterError({ code: 'NEWSLETTER_MAIL_UNRECOGNIZED', status: 400, message: 'The input is not an email message (RFC 822 header fields, a blank line, a body); nothing was changed.' })
  }
  const token = unsubscribeTokenInMail(newsletter.secret, message)
  if (!token) {
    throw new NewsletterError({
      code: 'NEWSLETTER_MAIL_UNRECOGNIZED',
      status: 400,
      message: `The message${message.from ? ` from ${message.from}` : ''} carries no unsubscribe token of this server in its subject or recipient address; nothing was changed.`,
    })
  }
  const subscriber = await unsubscribe(newsletter, token)
  newsletter.payload.logger.info({ event: 'newsletter.unsubscribed.mail', subscriberId: subscriber.id })
  return subscriber
}

/** The "change preferences instead" form of the unsubscribe page. */
export async function updatePreferences(
  newsletter: Newsletter,
  token: string | null,
  preferences: { language?: string; frequency?: string | null; specialties: string[] },
): Promise<Subscriber> {
  const { payload } = newsletter
  const subscriber = await subscriberFromToken(newsletter, token)
  const language = preferences.language && newsletter.catalog.has(preferences.language) ? preferences.language : subscriber.language
  // A form without the choice (an older page) keeps the subscriber's frequency.
  const frequency = preferences.frequency ? parseFrequency(preferences.frequency) : (subscriber.frequency ?? 'every-update')
  const specialties = await resolveIds(payload, 'specialties', preferences.specialties)
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { language: language as Subscriber['language'], frequency, specialties, ...(subscriber.status === 'unsubscribed' ? { status: 'confirmed' as const, unsubscribedAt: null } : {}) },
    overrideAccess: true,
    depth: 0,
  })
}
