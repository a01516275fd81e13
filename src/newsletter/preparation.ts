import type { Payload, Where } from 'payload'

import { GroupedWrites } from '../database/groupedWrites'
import { Leases, processHolderIsGone } from '../database/lease'
import type { Language } from '../languages/registry'
import type { NewsletterSend, Subscriber, WorkflowEvent } from '../payload-types'
import type { ProcessAllowance } from './allowance'
import { NEVER, releaseHeldRows, skipUnsentRows } from './ledger'
import type { TranslationReadiness } from './readiness'
import { frequenciesForUpdate, isNewsworthy, type NewsworthyChange } from './vocabulary'
import { relationId } from '../content/relations'

/** Per language of a send: whether its emails may go, and in which language they are written. */
export type LanguageReleases = Record<string, { released: boolean; releasedAt?: string; renderedIn?: string; late?: boolean }>

export interface SendPreparerDeps {
  payload: Payload
  languages: Language[]
  readiness: TranslationReadiness
  graceHours: number
  /** Rows this process may still create; when it is spent, preparation stops and a later run carries on. */
  allowance: ProcessAllowance
  /** This process's name on the preparation lease. */
  worker: string
  /** Recipients added per page. */
  pageSize: number
  now?: () => number
}

/** What one page of preparation did. */
export interface PreparedPage {
  /** Rows this page added. */
  added: number
  /** True once every follower has a row (or the send needs no preparation). */
  complete: boolean
  /** Another process is preparing this send right now. */
  busy?: boolean
  /** The send was cancelled or has completed: no row is added to it. */
  refused?: 'cancelled' | 'completed'
  /** The claim this page's queued rows were written with, when they were claimed for the sender that asked for the page. */
  claimedUntil?: string
}

/** Queued rows a page writes already claimed by the process that will send them, until `until`. */
export interface ClaimOnInsert {
  worker: string
  until: string
}

/** How long a preparer may hold a send's preparation before another process may take it over. */
const PREPARATION_LEASE_MS = 2 * 60_000

const idOf = (value: string | { id: string }) => relationId(value)!

type Follower = Pick<Subscriber, 'id' | 'email' | 'language' | 'createdAt'>

/** A ledger row's unique key: one row per send and subscriber. */
const deliveryKey = (sendId: string | number, subscriberId: string | number) => `${sendId}:${subscriberId}`

/** Rows of a page added in one commit, instead of a commit per row. */
const ROWS_PER_COMMIT = 50

/**
 * Turns a newsworthy publish into a send and adds its recipients: one ledger row per confirmed
 * subscriber who follows the article or its specialty and takes single emails of this kind of
 * change (digest readers hear of it in their digest).
 *
 * Recipients are added a page at a time, in the order they subscribed, and the send goes out to
 * those already added while the rest are: `preparing` stays set on the send until the last page,
 * so the sender never declares the send finished before everyone has a row, and
 * `preparedThrough` marks where the next page starts. One process prepares a send at a time
 * (a lease); a second run, or a run after a crash, finds the mark and each row's unique key, so
 * it adds only what is missing.
 */
export class SendPreparer {
  private readonly now: () => number
  private readonly leases: Leases
  private readonly writes: GroupedWrites
  private lastClaimAt = 0

  constructor(private readonly deps: SendPreparerDeps) {
    this.now = deps.now ?? Date.now
    this.leases = new Leases({ payload: deps.payload, now: this.now })
    this.writes = new GroupedWrites(deps.payload, ROWS_PER_COMMIT)
  }

  /**
   * Opens the send of a publish and adds as many recipients as this process's allowance lets it
   * (`complete: false` when it stopped early; the sender, or a later run, adds the rest).
   */
  async prepareFromEvent(workflowEventId: string): Promise<{ send: NewsletterSend | null; recipients: number; complete: boolean; reason?: string }> {
    const opened = await this.openFromEvent(workflowEventId)
    if (!opened.send) return { send: null, recipients: 0, complete: true, reason: opened.reason }
    let recipients = 0
    let page: PreparedPage
    do {
      page = await this.preparePage(String(opened.send.id))
      recipients += page.added
    } while (!page.complete && !page.busy && !page.refused && !this.deps.allowance.exhausted)
    const send = await this.deps.payload.findByID({ collection: 'newsletter-sends', id: opened.send.id, depth: 0, overrideAccess: true })
    return { send, recipients, complete: page.complete }
  }

  /** Finds or creates the send of a publish and decides which languages may go now; adds no recipient. */
  async openFromEvent(workflowEventId: string): Promise<{ send: NewsletterSend | null; reason?: string }> {
    const { payload } = this.deps
    const event: WorkflowEvent = await payload.findByID({ collection: 'workflow-events', id: workflowEventId, depth: 0, overrideAccess: true })
    if (event.locale || event.to !== 'published') return { send: null, reason: 'not a publish of the source content' }
    if (!isNewsworthy(event.changeKind)) return { send: null, reason: `a ${event.changeKind ?? 'unclassified'} change sends nothing` }
    const articleId = idOf(event.article)
    const revision = event.revision ?? 0
    const key = `${articleId}:${revision}`

    let send = (await payload.find({ collection: 'newsletter-sends', where: { key: { equals: key } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
    send ??= await payload.create({
      collection: 'newsletter-sends',
      overrideAccess: true,
      depth: 0,
      data: {
        key,
        article: articleId,
        revision,
        changeKind: event.changeKind,
        workflowEvent: String(event.id),
        status: 'sending',
        preparing: true,
        graceUntil: new Date(this.now() + this.deps.graceHours * 3_600_000).toISOString(),
        languages: {},
      },
    })

    const releases: LanguageReleases = { ...((send.languages as LanguageReleases | null) ?? {}) }
    const undecided = this.deps.languages.filter((language) => !releases[language.code])
    for (const language of undecided) {
      const ready = language.fallback === null || (await this.deps.readiness.isPublished(articleId, language.code, revision))
      releases[language.code] = ready ? { released: true, releasedAt: new Date(this.now()).toISOString(), renderedIn: language.code } : { released: false }
    }
    if (undecided.length > 0) send = await payload.update({ collection: 'newsletter-sends', id: send.id, data: { languages: releases }, overrideAccess: true, depth: 0 })
    return { send }
  }

  /**
   * Adds the next page of recipients (at most `limit`, fewer when the allowance runs out) and moves
   * the send's mark past them; the last page clears `preparing`. Refuses a cancelled or completed send.
   */
  async preparePage(sendId: string, options: { limit?: number; claimLeaseMs?: number } = {}): Promise<PreparedPage> {
    const claim = await this.leases.acquire(`newsletter-prepare:${sendId}`, this.deps.worker, { durationMs: PREPARATION_LEASE_MS, holderIsGone: processHolderIsGone })
    if (!claim.acquired) return { added: 0, complete: false, busy: true }
    try {
      return await this.addPage(sendId, options.limit ?? this.deps.pageSize, options.claimLeaseMs === undefined ? null : this.claimOnInsert(options.claimLeaseMs))
    } finally {
      await this.leases.release(claim.lease)
    }
  }

  /** A claim for this process's sender, distinct from every earlier page's, so the sender finds exactly this page's rows by it. */
  private claimOnInsert(leaseMs: number): ClaimOnInsert {
    this.lastClaimAt = Math.max(this.now() + leaseMs, this.lastClaimAt + 1)
    return { worker: this.deps.worker, until: new Date(this.lastClaimAt).toISOString() }
  }

  private async addPage(sendId: string, limit: number, claimFor: ClaimOnInsert | null): Promise<PreparedPage> {
    const { payload } = this.deps
    const send: NewsletterSend = await payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0, overrideAccess: true })
    if (!send.preparing) return { added: 0, complete: true }
    if (send.status === 'cancelled' || send.status === 'completed') return { added: 0, complete: false, refused: send.status }
    const followers = await this.nextFollowers(send, limit)
    const releases: LanguageReleases = { ...((send.languages as LanguageReleases | null) ?? {}) }
    // Rows an earlier run made are looked up once per page rather than tried one by one.
    const existing = await this.subscribersWithRows(sendId, followers.docs.map((follower) => String(follower.id)))
    let added = 0
    let through = send.preparedThrough ?? null
    let finished = true
    // Rows are added a run at a time, each run's rows in one commit. A stop mid-page leaves the
    // mark where it was: a later run finds the rows already added by their keys.
    for (let start = 0; start < followers.docs.length && finished; start += ROWS_PER_COMMIT) {
      // The followers this run passes, and among them those who have no row yet.
      const run: Follower[] = []
      const fresh: Follower[] = []
      for (const follower of followers.docs.slice(start, start + ROWS_PER_COMMIT)) {
        const isNew = !existing.has(String(follower.id))
        if (isNew && fresh.length >= this.deps.allowance.left()) {
          finished = false
          break
        }
        if (isNew) fresh.push(follower)
        run.push(follower)
      }
      const written = await Promise.all(fresh.map((follower) => this.addRow(send, follower, releases, claimFor)))
      const newRows = written.filter(Boolean).length
      this.deps.allowance.spend(newRows)
      added += newRows
      for (const [offset, follower] of run.entries()) {
        // The mark moves only past a whole moment: followers who share it are all done.
        if (followers.docs[start + offset + 1]?.createdAt !== follower.createdAt) through = follower.createdAt
      }
    }
    const complete = finished && followers.last
    const updated = await payload.update({
      collection: 'newsletter-sends',
      id: sendId,
      data: complete ? { preparedThrough: through, preparing: false, preparedAt: new Date(this.now()).toISOString() } : { preparedThrough: through },
      overrideAccess: true,
      depth: 0,
    })
    await this.settleAfterPage(updated, releases)
    payload.logger.info({
      event: complete ? 'newsletter.send.prepared' : 'newsletter.send.preparing',
      sendId,
      added,
      preparedThrough: through,
      msg: `Send ${sendId}: ${added} recipient(s) added${complete ? '; every recipient has a row' : '; more to add'}`,
    })
    return { added, complete, ...(claimFor && added > 0 ? { claimedUntil: claimFor.until } : {}) }
  }

  /**
   * The followers after the send's mark, oldest subscription first, with every follower who
   * subscribed at the same moment as the last one (so a page never ends between two of them).
   */
  private async nextFollowers(send: NewsletterSend, limit: number): Promise<{ docs: Follower[]; last: boolean }> {
    const { payload } = this.deps
    const articleId = idOf(send.article!)
    const article = await payload.findByID({ collection: 'articles', id: articleId, depth: 0, draft: false, overrideAccess: true, select: { specialty: true } })
    const specialtyId = idOf(article.specialty)
    const following = [
      { status: { equals: 'confirmed' } },
      { or: [{ specialties: { in: [specialtyId] } }, { articles: { in: [articleId] } }] },
      // Subscribers from before there was a choice have none: they get every update.
      { or: [{ frequency: { in: frequenciesForUpdate(send.changeKind as NewsworthyChange) } }, { frequency: { exists: false } }] },
    ]
    const find = async (where: Where[], pageLimit: number) =>
      (
        await payload.find({
          collection: 'subscribers',
          where: { and: [...following, ...where] } as Where,
          select: { email: true, language: true, createdAt: true },
          sort: 'createdAt',
          limit: pageLimit,
          pagination: false,
          depth: 0,
          overrideAccess: true,
        })
      ).docs as Follower[]
    const page = await find(send.preparedThrough ? [{ createdAt: { greater_than: send.preparedThrough } }] : [], limit)
    if (page.length < limit) return { docs: page, last: true }
    const moment = page[page.length - 1].createdAt
    const known = new Set(page.map((follower) => String(follower.id)))
    const sameMoment = (await find([{ createdAt: { equals: moment } }], 0)).filter((follower) => !known.has(String(follower.id)))
    return { docs: [...page, ...sameMoment], last: false }
  }

  /**
   * What changed while the page was written: a cancel skips the rows the page added after it, and
   * a language released meanwhile lets the page's held rows of it go.
   */
  private async settleAfterPage(send: NewsletterSend, used: LanguageReleases): Promise<void> {
    if (send.status === 'cancelled') return skipUnsentRows(this.deps.payload, send.id)
    for (const [code, release] of Object.entries((send.languages as LanguageReleases | null) ?? {})) {
      if (release.released && !used[code]?.released) await releaseHeldRows(this.deps.payload, send.id, code, release.renderedIn, new Date(this.now()).toISOString())
    }
  }

  /**
   * Found by their rows' unique keys: by send and subscriber, SQLite went through the send's index
   * and read every row the send already had, once per page.
   */
  private async subscribersWithRows(sendId: string, subscriberIds: string[]): Promise<Set<string>> {
    if (subscriberIds.length === 0) return new Set()
    const found = await this.deps.payload.db.find<{ subscriber: string | { id: string } }>({
      collection: 'newsletter-deliveries',
      where: { key: { in: subscriberIds.map((subscriberId) => deliveryKey(sendId, subscriberId)) } },
      select: { subscriber: true },
      limit: 0,
      pagination: false,
    })
    return new Set(found.docs.map((row) => idOf(row.subscriber)))
  }

  private async addRow(send: NewsletterSend, subscriber: Follower, releases: LanguageReleases, claimFor: ClaimOnInsert | null): Promise<boolean> {
    // A subscriber whose language folder was removed gets the source language.
    const release = releases[subscriber.language] ?? releases[this.deps.languages[0].code]
    // A held row waits for its language and is claimed when it is let go, not now.
    const claim = claimFor && release?.released ? { claimedBy: claimFor.worker, claimExpiresAt: claimFor.until } : { claimExpiresAt: NEVER }
    try {
      await this.writes.run((req) =>
        this.deps.payload.db.create({
          collection: 'newsletter-deliveries',
          returning: false,
          req,
          data: {
            key: deliveryKey(send.id, subscriber.id),
            send: send.id,
            subscriber: subscriber.id,
            email: subscriber.email,
            language: subscriber.language,
            renderedIn: release?.released ? release.renderedIn : null,
            status: release?.released ? 'queued' : 'held',
            attempts: 0,
            ambiguousAttempts: 0,
            nextAttemptAt: new Date(this.now()).toISOString(),
            ...claim,
          },
        }),
      )
      return true
    } catch (error) {
      // A row for this subscriber exists from an earlier run of the same preparation.
      const existing = await this.deps.payload.db.count({ collection: 'newsletter-deliveries', where: { key: { equals: deliveryKey(send.id, subscriber.id) } } })
      if (existing.totalDocs > 0) return false
      throw error
    }
  }
}
