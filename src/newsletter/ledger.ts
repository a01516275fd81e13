import type { Payload } from 'payload'

import { Leases } from '../database/lease'
import type { MailAccepted, MailFailure } from '../mail/mailer'
import type { NewsletterDelivery } from '../payload-types'
import type { DeliveryStatus } from './vocabulary'
import { relationId } from '../content/relations'

/** A row as the sender sees it. */
export type LedgerRow = Pick<
  NewsletterDelivery,
  'id' | 'email' | 'language' | 'renderedIn' | 'status' | 'attempts' | 'ambiguousAttempts' | 'throttledAttempts' | 'claimExpiresAt' | 'digestUpdates'
> & { subscriber: string }

export interface DeliveryLedgerDeps {
  payload: Payload
  /** This worker's id, written on the rows it claims. */
  worker: string
  batchSize: number
  claimLeaseMs: number
  lockLeaseMs: number
  maxAttempts: number
  retryBaseMs: number
  retryMaxMs: number
  now?: () => number
}

/** Before this, a claim has never been made: claimable rows need no "or empty" test in queries. */
export const NEVER = new Date(0).toISOString()

const COLLECTION = 'newsletter-deliveries'

/** The lease a worker holds while it claims rows of a send. */
const claimLease = (sendId: string) => `newsletter-claim:${sendId}`

/**
 * The recipient ledger of one or many sends. Every write the sending path makes goes through
 * here; the writes are the database adapter's own (`payload.db`), without the hooks and re-reads
 * of the full Local API, because the ledger writes a row two or three times per email.
 */
export class DeliveryLedger {
  private readonly leases: Leases
  private readonly now: () => number

  constructor(private readonly deps: DeliveryLedgerDeps) {
    this.now = deps.now ?? Date.now
    this.leases = new Leases({ payload: deps.payload, now: this.now })
  }

  /** Rows one claim takes. */
  get batchSize(): number {
    return this.deps.batchSize
  }

  private iso(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString()
  }

  private async update(id: string, data: Record<string, unknown>): Promise<void> {
    await this.deps.payload.db.updateOne({ collection: COLLECTION, id, data, returning: false })
  }

  /**
   * Takes the next batch of rows for this worker, under the send's lock so no two workers take
   * the same row. Returns `busy` when another worker is claiming right now.
   */
  async claimBatch(sendId: string): Promise<{ busy: true } | { busy: false; rows: LedgerRow[]; recoveredAmbiguous: number }> {
    const claim = await this.leases.acquire(claimLease(sendId), this.deps.worker, { durationMs: this.deps.lockLeaseMs })
    if (!claim.acquired) return { busy: true }
    try {
      const recoveredAmbiguous = await this.recoverAbandoned(sendId)
      const now = this.iso()
      const found = await this.deps.payload.db.find<NewsletterDelivery>({
        collection: COLLECTION,
        where: {
          and: [
            { send: { equals: sendId } },
            { status: { equals: 'queued' } },
            { nextAttemptAt: { less_than_equal: now } },
            { claimExpiresAt: { less_than: now } },
          ],
        },
        sort: 'nextAttemptAt',
        limit: this.deps.batchSize,
        pagination: false,
      })
      const claimExpiresAt = this.iso(this.deps.claimLeaseMs)
      for (const row of found.docs) {
        await this.update(row.id, { claimedBy: this.deps.worker, claimExpiresAt })
      }
      const rows = found.docs.map((row) => ({
        ...row,
        subscriber: relationId(row.subscriber)!,
        claimExpiresAt,
      }))
      return { busy: false, rows, recoveredAmbiguous }
    } finally {
      await this.leases.release(claim.lease)
    }
  }

  /**
   * The queued rows a page of preparation wrote already claimed for this worker, until `until`
   * (`SendPreparer.preparePage` with a claim): sent without a claim of their own.
   */
  async claimedOnInsert(sendId: string, until: string): Promise<LedgerRow[]> {
    const found = await this.deps.payload.db.find<NewsletterDelivery>({
      collection: COLLECTION,
      where: {
        and: [{ send: { equals: sendId } }, { claimedBy: { equals: this.deps.worker } }, { claimExpiresAt: { equals: until } }, { status: { equals: 'queued' } }],
      },
      limit: 0,
      pagination: false,
    })
    return found.docs.map((row) => ({ ...row, subscriber: relationId(row.subscriber)! }))
  }

  /**
   * Rows left `sending` by a worker whose claim ran out: it died after handing the message to
   * the server and before recording the answer. Whether the server accepted it is unknowable, so
   * the row is queued again (nobody may be skipped) and counted as a possible duplicate.
   */
  private async recoverAbandoned(sendId: string): Promise<number> {
    const abandoned = await this.deps.payload.db.find<NewsletterDelivery>({
      collection: COLLECTION,
      where: { and: [{ send: { equals: sendId } }, { status: { equals: 'sending' } }, { claimExpiresAt: { less_than: this.iso() } }] },
      limit: 0,
      pagination: false,
    })
    for (const row of abandoned.docs) {
      await this.update(row.id, {
        status: 'queued',
        claimExpiresAt: NEVER,
        nextAttemptAt: this.iso(),
        ambiguousAttempts: (row.ambiguousAttempts ?? 0) + 1,
      })
    }
    if (abandoned.docs.length > 0) {
      this.deps.payload.logger.warn({
        event: 'newsletter.ledger.recovered',
        code: 'NEWSLETTER_AMBIGUOUS_ATTEMPTS',
        sendId,
        rows: abandoned.docs.length,
        msg: `Send ${sendId}: ${abandoned.docs.length} recipient(s) were being emailed when a worker stopped; they are queued again and may receive the email twice.`,
      })
    }
    return abandoned.docs.length
  }

  /** The row is about to be handed to the SMTP server: from here a crash makes it ambiguous. */
  async markSending(row: LedgerRow): Promise<void> {
    row.attempts = (row.attempts ?? 0) + 1
    await this.update(row.id, { status: 'sending', attempts: row.attempts })
  }

  async markSent(row: LedgerRow, accepted: MailAccepted): Promise<void> {
    await this.update(row.id, {
      status: 'sent',
      sentAt: this.iso(),
      messageId: accepted.messageId,
      smtpResponse: accepted.response.slice(0, 500),
      failureCode: null,
      failureReason: null,
    })
  }

  /** A refusal or lost connection: retried with exponential backoff until the attempts run out. */
  async markFailed(row: LedgerRow, failure: MailFailure): Promise<'retrying' | 'failed'> {
    const attempts = row.attempts ?? 1
    const reason = failure.message.slice(0, 500)
    if (failure.kind === 'temporary' && attempts < this.deps.maxAttempts) {
      const delay = Math.min(this.deps.retryMaxMs, this.deps.retryBaseMs * 2 ** (attempts - 1))
      await this.update(row.id, { status: 'queued', nextAttemptAt: this.iso(delay), claimExpiresAt: NEVER, failureCode: failure.code, failureReason: reason })
      return 'retrying'
    }
    const code = failure.kind === 'temporary' ? 'NEWSLETTER_RETRIES_EXHAUSTED' : failure.code
    await this.update(row.id, { status: 'failed', failureCode: code, failureReason: reason, claimExpiresAt: NEVER })
    return 'failed'
  }

  /**
   * The server asked to slow down: the recipient goes back to the queue until `retryAfterMs` has
   * passed. The attempt is not counted, so however long a provider throttles, the recipient's
   * retry budget is untouched and nobody is failed for it.
   */
  async markThrottled(row: LedgerRow, failure: MailFailure, retryAfterMs: number): Promise<void> {
    row.attempts = Math.max(0, (row.attempts ?? 1) - 1)
    row.throttledAttempts = (row.throttledAttempts ?? 0) + 1
    await this.update(row.id, {
      status: 'queued',
      attempts: row.attempts,
      throttledAttempts: row.throttledAttempts,
      nextAttemptAt: this.iso(retryAfterMs),
      claimExpiresAt: NEVER,
      failureCode: failure.code,
      failureReason: failure.message.slice(0, 500),
    })
  }

  /** Gives back a claimed row that was never handed over (the claim ran short, the send was cancelled). */
  async unclaim(row: LedgerRow): Promise<void> {
    await this.update(row.id, { claimExpiresAt: NEVER })
  }

  /** Rows of a send waiting for their turn: how far its preparation is ahead of its sending. */
  async backlog(sendId: string): Promise<number> {
    return (await this.deps.payload.db.count({ collection: COLLECTION, where: { and: [{ send: { equals: sendId } }, { status: { equals: 'queued' } }] } })).totalDocs
  }

  /** What is left of a send, to decide whether to wait, finish, or hand over to a later job. */
  async remaining(sendId: string): Promise<{ queued: number; sending: number; held: number; nextAttemptAt: number | null }> {
    const count = async (status: DeliveryStatus) =>
      (await this.deps.payload.db.count({ collection: COLLECTION, where: { and: [{ send: { equals: sendId } }, { status: { equals: status } }] } })).totalDocs
    const [queued, sending, held] = await Promise.all([count('queued'), count('sending'), count('held')])
    let nextAttemptAt: number | null = null
    if (queued > 0) {
      const found = await this.deps.payload.db.find<NewsletterDelivery>({
        collection: COLLECTION,
        where: { and: [{ send: { equals: sendId } }, { status: { equals: 'queued' } }] },
        sort: 'nextAttemptAt',
        limit: 1,
        pagination: false,
      })
      const first = found.docs[0]?.nextAttemptAt
      nextAttemptAt = first ? new Date(first).getTime() : null
    }
    return { queued, sending, held, nextAttemptAt }
  }
}

/** Marks the rows of a send not yet handed over as skipped by a cancel (`resumeSend` gives them back). */
export async function skipUnsentRows(payload: Payload, sendId: string | number): Promise<void> {
  await payload.db.updateMany({
    collection: COLLECTION,
    where: { and: [{ send: { equals: sendId } }, { status: { in: ['held', 'queued'] } }] },
    data: { status: 'skipped', failureCode: 'NEWSLETTER_SEND_CANCELLED', failureReason: 'The send was cancelled before this email went out.' },
    returning: false,
  })
}

/** Lets a send's held rows of a language go, written in `renderedIn`. */
export async function releaseHeldRows(payload: Payload, sendId: string | number, language: string, renderedIn: string | undefined, at: string): Promise<void> {
  await payload.db.updateMany({
    collection: COLLECTION,
    where: { and: [{ send: { equals: sendId } }, { language: { equals: language } }, { status: { equals: 'held' } }] },
    data: { status: 'queued', renderedIn, nextAttemptAt: at },
    returning: false,
  })
}
