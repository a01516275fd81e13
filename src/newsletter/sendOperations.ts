import type { Payload } from 'payload'

import type { NewsletterSend } from '../payload-types'
import { personalize } from './email/templates'
import { NewsletterError } from './errors'
import { NEVER, skipUnsentRows } from './ledger'
import type { Newsletter } from './createNewsletter'
import { DELIVERY_STATUSES, type DeliveryStatus } from './vocabulary'
import { queueSendJobs } from './sendJobs'
import { relationId } from '../content/relations'

export interface SendSummary {
  id: string
  key: string
  kind: 'update' | 'digest'
  /** Empty for a digest. */
  article: string | null
  revision: number | null
  changeKind: string | null
  status: NewsletterSend['status']
  /** Recipients are still being added: `total` is those added so far. */
  preparing: boolean
  createdAt: string
  completedAt?: string | null
  total: number
  byStatus: Record<DeliveryStatus, number>
  byLanguage: Record<string, Partial<Record<DeliveryStatus, number>>>
  /** Recipients whose email may have arrived twice: a worker died between handing it over and recording the answer. */
  possibleDuplicates: number
  /**
   * The mail server asking to slow down, in counts only: recipients queued again after a
   * throttling answer and waiting for their retry time (`waiting`; above 0, the send is being
   * throttled now), and recipients throttled at least once so far (`recipients`).
   */
  throttling: { waiting: number; recipients: number }
  failures: { email: string; language: string; code: string | null; reason: string | null }[]
  languages: unknown
}

/** The failure code of a recipient the mail server throttled (`MailFailure`'s). */
const THROTTLED = 'MAIL_THROTTLED'

async function loadSend(payload: Payload, sendId: string): Promise<NewsletterSend> {
  const send = await payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!send) throw new NewsletterError({ code: 'NEWSLETTER_SEND_NOT_FOUND', status: 404, message: `No send with id ${sendId}; list them with \`npm run newsletter -- status\`.` })
  return send
}

export async function summarizeSend(newsletter: Newsletter, sendId: string): Promise<SendSummary> {
  const { payload } = newsletter
  const send = await loadSend(payload, sendId)
  const count = async (where: object[]) =>
    (await payload.db.count({ collection: 'newsletter-deliveries', where: { and: [{ send: { equals: sendId } }, ...where] } as never })).totalDocs
  const byStatus = Object.fromEntries(
    await Promise.all(DELIVERY_STATUSES.map(async (status) => [status, await count([{ status: { equals: status } }])] as const)),
  ) as Record<DeliveryStatus, number>
  const byLanguage: SendSummary['byLanguage'] = {}
  for (const language of newsletter.languages) {
    for (const status of DELIVERY_STATUSES) {
      const value = await count([{ language: { equals: language.code } }, { status: { equals: status } }])
      if (value > 0) (byLanguage[language.code] ??= {})[status] = value
    }
  }
  const failed = await payload.db.find<{ email: string; language: string; failureCode: string | null; failureReason: string | null }>({
    collection: 'newsletter-deliveries',
    where: { and: [{ send: { equals: sendId } }, { status: { equals: 'failed' } }] },
    limit: 50,
    pagination: false,
  })
  return {
    id: String(send.id),
    key: send.key,
    kind: send.kind ?? 'update',
    article: relationId(send.article),
    revision: send.revision ?? null,
    changeKind: send.changeKind ?? null,
    status: send.status,
    preparing: Boolean(send.preparing),
    createdAt: send.createdAt,
    completedAt: send.completedAt,
    total: Object.values(byStatus).reduce((sum, value) => sum + value, 0),
    byStatus,
    byLanguage,
    possibleDuplicates: await count([{ ambiguousAttempts: { greater_than: 0 } }]),
    throttling: {
      waiting: await count([{ status: { equals: 'queued' } }, { failureCode: { equals: THROTTLED } }]),
      recipients: await count([{ throttledAttempts: { greater_than: 0 } }]),
    },
    failures: failed.docs.map((row) => ({ email: row.email, language: row.language, code: row.failureCode, reason: row.failureReason })),
    languages: send.languages,
  }
}

export async function listSends(newsletter: Newsletter, limit = 20): Promise<NewsletterSend[]> {
  const found = await newsletter.payload.find({ collection: 'newsletter-sends', sort: '-createdAt', limit, depth: 0, overrideAccess: true })
  return found.docs
}

/** Stops a send: nobody not yet emailed will be. Rows being handed over right now finish (within about a second). */
export async function cancelSend(newsletter: Newsletter, sendId: string, userId?: string): Promise<SendSummary> {
  const { payload } = newsletter
  const send = await loadSend(payload, sendId)
  if (send.status === 'completed') {
    throw new NewsletterError({ code: 'NEWSLETTER_SEND_FINISHED', status: 409, message: `Send ${sendId} has completed; there is nothing left to cancel.` })
  }
  await payload.update({
    collection: 'newsletter-sends',
    id: sendId,
    data: { status: 'cancelled', cancelledAt: new Date().toISOString(), ...(userId ? { cancelledBy: userId } : {}) },
    overrideAccess: true,
  })
  await skipUnsentRows(payload, sendId)
  payload.logger.info({ event: 'newsletter.send.cancelled', sendId, userId })
  return summarizeSend(newsletter, sendId)
}

/**
 * Sets a send going again: a cancelled send gets back the recipients the cancel skipped, rows
 * waiting for a retry become due now, and a send job is queued. Safe while a worker is still
 * running it: the ledger's claims keep the two apart.
 */
export async function resumeSend(newsletter: Newsletter, sendId: string): Promise<SendSummary> {
  const { payload } = newsletter
  const send = await loadSend(payload, sendId)
  const now = new Date().toISOString()
  if (send.status === 'cancelled') {
    await payload.db.updateMany({
      collection: 'newsletter-deliveries',
      where: { and: [{ send: { equals: sendId } }, { failureCode: { equals: 'NEWSLETTER_SEND_CANCELLED' } }, { status: { equals: 'skipped' } }] },
      data: { status: 'queued', failureCode: null, failureReason: null, nextAttemptAt: now, claimExpiresAt: NEVER },
      returning: false,
    })
  }
  await payload.db.updateMany({
    collection: 'newsletter-deliveries',
    where: { and: [{ send: { equals: sendId } }, { status: { equals: 'queued' } }, { nextAttemptAt: { greater_than: now } }] },
    data: { nextAttemptAt: now },
    returning: false,
  })
  const languages = Object.values((send.languages as Record<string, { released: boolean }> | null) ?? {})
  const status = languages.some((release) => !release.released) && send.status === 'waiting' ? 'waiting' : 'sending'
  await payload.update({ collection: 'newsletter-sends', id: sendId, data: { status, cancelledAt: null }, overrideAccess: true })
  await queueSendJobs(newsletter, sendId, { preparing: Boolean(send.preparing) })
  payload.logger.info({ event: 'newsletter.send.resumed', sendId })
  return summarizeSend(newsletter, sendId)
}

/** "Send test email to me": this send's email, in the given language, to one member of staff; no ledger row, no list headers. */
export async function sendTestEmail(newsletter: Newsletter, sendId: string, to: { email: string; language: string }): Promise<{ messageId: string }> {
  const { payload, options, messages } = newsletter
  const send = await loadSend(payload, sendId)
  const language = newsletter.catalog.has(to.language) ? to.language : newsletter.languages[0].code
  const template = await messages.template(send, language, language)
  const texts = newsletter.catalog.for(language)
  const domain = options.from.address.split('@')[1] ?? 'vitalpress.local'
  // A test copy belongs to no subscriber: its unsubscribe link leads to the admin instead.
  const copy = personalize(template, `${options.publicUrl}/admin`)
  const accepted = await newsletter.mailer.send({
    to: to.email,
    from: options.from,
    subject: texts.t('testSubject', { subject: copy.subject }),
    html: copy.html,
    text: copy.text,
    messageId: `<test.${sendId}.${Date.now()}@${domain}>`,
    headers: { 'Content-Language': language },
  })
  payload.logger.info({ event: 'newsletter.test.sent', sendId, to: to.email })
  return { messageId: accepted.messageId }
}
