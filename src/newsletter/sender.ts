import type { Payload } from 'payload'

import { MailFailure, type Mailer } from '../mail/mailer'
import type { NewsletterSend } from '../payload-types'
import type { ProcessAllowance } from './allowance'
import type { DeliveryLedger, LedgerRow } from './ledger'
import { laneShare, SINGLE_LANE, type SendLane } from './lanes'
import type { MessageComposer } from './messages'
import type { PreparedPage } from './preparation'
import type { PaceSettings } from './pace'
import { PaceGate, type PaceChange } from './paceGate'

export interface SendRunnerDeps {
  payload: Payload
  ledger: DeliveryLedger
  messages: MessageComposer
  /** The mailer for a run that may have this many messages in flight: a pool of that many connections. */
  mailer: (connections: number) => Mailer
  /** Messages in flight at once: the SMTP pool's connections (a lane of a send has its share of them). */
  concurrency: number
  /** How throttling answers slow the handovers down and accepted messages speed them up again; its `concurrency` is the one above. */
  pace: Omit<PaceSettings, 'concurrency'>
  /** A row is not handed over when less than this is left of its claim, so it cannot outlive it. */
  claimMarginMs: number
  /** How long a run waits in-process for retries or other workers before leaving the rest to a later job. */
  maxIdleMs: number
  /** Pause between looks at the ledger while waiting. */
  pollMs: number
  /**
   * What this process may still write; when it is spent, a run stops and leaves the rest to a
   * fresh process (outcome `yielded`).
   */
  allowance: ProcessAllowance
  /**
   * Adds the next page of a send's recipients while it is `preparing`; the run keeps this far
   * ahead of the sending (rows its pages added and not yet handed over) and no further. A page
   * whose rows were written claimed for this run (`claimedUntil`) is sent without claiming them again.
   */
  preparation?: { preparePage(sendId: string): Promise<PreparedPage>; aheadRows: number }
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export interface SendRunReport {
  sendId: string
  /**
   * `later`: rows wait for a retry time; run again at `resumeAt`. `yielded`: this process spent its
   * allowance of ledger rows; run again at once, in a fresh process.
   */
  outcome: 'completed' | 'waiting' | 'cancelled' | 'later' | 'yielded' | 'missing'
  sent: number
  retrying: number
  failed: number
  /** Messages the server throttled (421, 451, 454, a provider's rate limit): queued again for later, not counted as attempts. */
  throttled: number
  /** Times this run slowed down or sped up again because of throttling. */
  paceChanges: number
  /** Rows found abandoned mid-send by a dead worker and queued again: each may have been emailed twice. */
  ambiguous: number
  resumeAt?: string
}

const CANCEL_CHECK_MS = 1000
/** How soon a run with nothing to send looks again while another process adds a page of the send. */
const PREPARATION_BUSY_POLL_MS = 50

/**
 * Works through one send's ledger until nothing is left for now: claim a batch, hand each row
 * to the mailer (at most `concurrency` at once, or the lane's share of it), record each answer as
 * it comes. Any number of runs, in any processes, may work on the same send at once; the ledger's
 * claims keep them apart.
 *
 * While the send is still `preparing`, the run adds the next page of recipients alongside the
 * sending whenever fewer than a page are waiting, and it never declares the send finished: only
 * a send whose last page is added can complete.
 */
export class SendRunner {
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly gate: PaceGate

  constructor(private readonly deps: SendRunnerDeps) {
    this.now = deps.now ?? Date.now
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.gate = new PaceGate({ settings: { ...deps.pace, concurrency: deps.concurrency }, now: this.now, sleep: this.sleep })
  }

  private async loadSend(sendId: string): Promise<NewsletterSend | null> {
    return (await this.deps.payload.db.findOne<NewsletterSend>({ collection: 'newsletter-sends', where: { id: { equals: sendId } } })) ?? null
  }

  async run(sendId: string, lane: SendLane = SINGLE_LANE): Promise<SendRunReport> {
    const inFlight = laneShare(this.deps.concurrency, lane)
    const mailer = this.deps.mailer(inFlight)
    const report: SendRunReport = { sendId, outcome: 'completed', sent: 0, retrying: 0, failed: 0, throttled: 0, paceChanges: 0, ambiguous: 0 }
    let idleSince: number | null = null
    type Claim = Awaited<ReturnType<DeliveryLedger['claimBatch']>>
    let prefetched: Claim | null = null
    // Rows this run's own pages added, claimed for it as they were written: sent before any other
    // claim, and given back should the run stop before handing them over.
    const own: LedgerRow[] = []
    // A page of recipients being added while this run sends; settled before the run returns.
    let preparing: Promise<PreparedPage> | null = null
    let lastPage: PreparedPage | null = null
    const settle = async () => {
      const page = preparing ? await preparing : null
      preparing = null
      return page
    }
    const stop = async (outcome: SendRunReport['outcome'], extra: Partial<SendRunReport> = {}): Promise<SendRunReport> => {
      await settle()
      const unsent = [...(prefetched && !prefetched.busy ? prefetched.rows : []), ...own.splice(0)]
      await Promise.all(unsent.map((row) => this.deps.ledger.unclaim(row)))
      return { ...report, ...extra, outcome }
    }
    /** The next batch of this run's own rows, no more than the allowance lets it hand over. */
    const ownBatch = (): Claim => ({ busy: false, rows: own.splice(0, Math.max(1, Math.min(this.deps.ledger.batchSize, this.deps.allowance.left()))), recoveredAmbiguous: 0 })
    for (;;) {
      const send = await this.loadSend(sendId)
      if (!send) return stop('missing')
      if (send.status === 'cancelled' || send.status === 'completed') return stop(send.status)
      if (this.deps.allowance.exhausted) return stop('yielded', { resumeAt: new Date(this.now()).toISOString() })
      const { preparation } = this.deps
      if (send.preparing && preparation && !preparing && own.length < preparation.aheadRows) {
        const page: Promise<PreparedPage> = preparation.preparePage(sendId).then(async (added) => {
          if (added.claimedUntil) own.push(...(await this.deps.ledger.claimedOnInsert(sendId, added.claimedUntil)))
          lastPage = added
          // A page that has landed makes way for the next one at once, while this run sends; a
          // failed one stays until settle() reports it.
          if (preparing === page) preparing = null
          return added
        })
        preparing = page
        // Awaited by settle(); until then a failure must not count as unhandled.
        page.catch(() => undefined)
      }
      const claim: Claim = prefetched ?? (own.length > 0 ? ownBatch() : await this.deps.ledger.claimBatch(sendId))
      prefetched = null
      if (!claim.busy) report.ambiguous += claim.recoveredAmbiguous
      if (!claim.busy && claim.rows.length > 0) {
        idleSince = null
        // The next batch is claimed while this one is on the wire, so the pool never waits for the
        // ledger; not when this batch spends the allowance, or its rows would only be given back.
        const endsAllowance: boolean = this.deps.allowance.left() <= claim.rows.length
        const next: Promise<Claim> | null = endsAllowance || own.length > 0 || preparing ? null : this.deps.ledger.claimBatch(sendId)
        await this.sendBatch(send, claim.rows, report, inFlight, mailer)
        prefetched = next ? await next : null
        continue
      }
      if (preparing) {
        // Nothing to claim until the page being added lands.
        const page = await settle()
        if (page && !page.busy) {
          idleSince = null
          continue
        }
      }
      // A page landed while this batch was claimed.
      if (own.length > 0) continue
      const left = await this.deps.ledger.remaining(sendId)
      // Recipients are still being added (by another process): the send is not finished.
      if (left.queued + left.sending === 0 && !send.preparing) {
        const status = left.held > 0 ? 'waiting' : 'completed'
        await this.deps.payload.db.updateOne({
          collection: 'newsletter-sends',
          id: sendId,
          data: { status, ...(status === 'completed' ? { completedAt: new Date(this.now()).toISOString() } : {}) },
          returning: false,
        })
        this.deps.payload.logger.info({ event: 'newsletter.send.finished', status, ...report, msg: `Send ${sendId}: ${status}` })
        return { ...report, outcome: status }
      }
      idleSince ??= this.now()
      const waitFor = left.nextAttemptAt !== null && left.nextAttemptAt > this.now() ? left.nextAttemptAt - this.now() : this.deps.pollMs
      if (this.now() - idleSince + waitFor > this.deps.maxIdleMs) {
        const resumeAt = new Date(this.now() + Math.max(waitFor, this.deps.pollMs)).toISOString()
        return { ...report, outcome: 'later', resumeAt }
      }
      // Another process holds the send's preparation: its page lands within moments, and a page of this run's own may follow it.
      const preparingElsewhere = send.preparing && (lastPage as PreparedPage | null)?.busy === true
      await this.sleep(preparingElsewhere ? Math.min(waitFor, PREPARATION_BUSY_POLL_MS) : Math.min(waitFor, this.deps.pollMs * 10))
    }
  }

  private async sendBatch(send: NewsletterSend, rows: LedgerRow[], report: SendRunReport, inFlight: number, mailer: Mailer): Promise<void> {
    const pending = [...rows]
    let cancelCheckedAt = this.now()
    let cancelled = false
    const isCancelled = async () => {
      if (this.now() - cancelCheckedAt >= CANCEL_CHECK_MS) {
        cancelCheckedAt = this.now()
        cancelled = (await this.loadSend(String(send.id)))?.status === 'cancelled'
      }
      return cancelled
    }
    const claimRunsShort = (row: LedgerRow) => new Date(row.claimExpiresAt ?? 0).getTime() - this.now() < this.deps.claimMarginMs
    const slot = async () => {
      for (let row = pending.shift(); row; row = pending.shift()) {
        // At a throttled pace a batch outlasts its claim: the rest is given back without waiting for a turn.
        if (claimRunsShort(row)) {
          await this.deps.ledger.unclaim(row)
          continue
        }
        const handedOverAt = await this.gate.enter()
        let answer: 'accepted' | 'throttled' | 'other' = 'other'
        try {
          // The wait for the turn may have used up the claim.
          if (claimRunsShort(row)) {
            await this.deps.ledger.unclaim(row)
            continue
          }
          // Cancelling already marked the row skipped; it is left as it is.
          if (await isCancelled()) continue
          this.deps.allowance.spend(1)
          answer = await this.deliver(send, row, report, mailer)
        } finally {
          const change = this.gate.leave(answer === 'throttled' ? { outcome: answer, at: this.now(), handedOverAt } : { outcome: answer })
          if (change) this.paceChanged(send, change, report)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, inFlight) }, slot))
  }

  private paceChanged(send: NewsletterSend, change: PaceChange, report: SendRunReport): void {
    report.paceChanges += 1
    const slower = change.to.level > change.from.level
    this.deps.payload.logger[slower ? 'warn' : 'info']({
      event: slower ? 'newsletter.send.slowed' : 'newsletter.send.recovered',
      code: slower ? 'MAIL_THROTTLED' : undefined,
      sendId: send.id,
      level: change.to.level,
      concurrency: change.to.concurrency,
      intervalMs: change.to.intervalMs,
      msg: slower
        ? `Send ${send.id}: the mail server is throttling; now ${change.to.concurrency} message(s) at once, ${change.to.intervalMs} ms apart.`
        : `Send ${send.id}: speeding up again; now ${change.to.concurrency} message(s) at once, ${change.to.intervalMs} ms apart.`,
    })
  }

  /** Hands one row's message to the mailer and records the answer; returns the kind of answer, for the pace. */
  private async deliver(send: NewsletterSend, row: LedgerRow, report: SendRunReport, mailer: Mailer): Promise<'accepted' | 'throttled' | 'other'> {
    const email = await this.deps.messages.compose(send, {
      deliveryId: String(row.id),
      subscriberId: row.subscriber,
      email: row.email,
      language: row.language,
      renderedIn: row.renderedIn || row.language,
      digestUpdates: row.digestUpdates,
    })
    await this.deps.ledger.markSending(row)
    // From here until markSent returns, a crash leaves the row `sending`: the one window in
    // which a recipient can get the email twice (see DeliveryLedger.recoverAbandoned).
    let accepted
    try {
      accepted = await mailer.send(email)
    } catch (error) {
      if (!(error instanceof MailFailure)) throw error
      if (error.throttled) {
        const retryAfterMs = this.gate.retryAfterMs()
        await this.deps.ledger.markThrottled(row, error, retryAfterMs)
        report.throttled += 1
        this.deps.payload.logger.info({
          event: 'newsletter.delivery.throttled',
          code: error.code,
          sendId: send.id,
          deliveryId: row.id,
          responseCode: error.responseCode,
          retryAfterMs,
          msg: error.message,
        })
        return 'throttled'
      }
      const outcome = await this.deps.ledger.markFailed(row, error)
      report[outcome === 'retrying' ? 'retrying' : 'failed'] += 1
      this.deps.payload.logger[outcome === 'retrying' ? 'info' : 'warn']({
        event: 'newsletter.delivery.failed',
        code: error.code,
        sendId: send.id,
        deliveryId: row.id,
        responseCode: error.responseCode,
        outcome,
        msg: error.message,
      })
      if (error.hardBounce) await this.markBounced(row.subscriber, error.message)
      return 'other'
    }
    await this.deps.ledger.markSent(row, accepted)
    report.sent += 1
    return 'accepted'
  }

  private async markBounced(subscriberId: string, reason: string): Promise<void> {
    await this.deps.payload.update({
      collection: 'subscribers',
      id: subscriberId,
      data: { status: 'bounced', bouncedAt: new Date(this.now()).toISOString(), bounceReason: reason.slice(0, 300) },
      overrideAccess: true,
      context: { newsletterBounce: true },
    })
  }
}
