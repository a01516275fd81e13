import type { Payload } from 'payload'

import type { Language } from '../languages/registry'
import type { NewsletterSend, Subscriber, WorkflowEvent } from '../payload-types'
import type { ProcessAllowance } from './allowance'
import { NEVER } from './ledger'
import type { TranslationReadiness } from './readiness'
import { frequenciesForUpdate, isNewsworthy } from './vocabulary'
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
  now?: () => number
}

const PAGE = 1000

const idOf = (value: string | { id: string }) => relationId(value)!

/**
 * Turns a newsworthy publish into a send: one ledger row per confirmed subscriber who follows the
 * article or its specialty and takes single emails of this kind of change (digest readers hear of
 * it in their digest). Safe to run twice for the same event: the send and each row have a
 * unique key, so a second run adds only what the first did not get to. A run whose process spent
 * its allowance stops early (`complete: false`); the send must not go until a run completes.
 */
export class SendPreparer {
  private readonly now: () => number

  constructor(private readonly deps: SendPreparerDeps) {
    this.now = deps.now ?? Date.now
  }

  async prepareFromEvent(workflowEventId: string): Promise<{ send: NewsletterSend | null; recipients: number; complete: boolean; reason?: string }> {
    const { payload } = this.deps
    const event: WorkflowEvent = await payload.findByID({ collection: 'workflow-events', id: workflowEventId, depth: 0, overrideAccess: true })
    if (event.locale || event.to !== 'published') return { send: null, recipients: 0, complete: true, reason: 'not a publish of the source content' }
    if (!isNewsworthy(event.changeKind)) return { send: null, recipients: 0, complete: true, reason: `a ${event.changeKind ?? 'unclassified'} change sends nothing` }
    const articleId = idOf(event.article)
    const article = await payload.findByID({ collection: 'articles', id: articleId, depth: 0, draft: false, overrideAccess: true })
    const revision = event.revision ?? 0
    const key = `${articleId}:${revision}`

    let send = (await payload.find({ collection: 'newsletter-sends', where: { key: { equals: key } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
    if (!send) {
      send = await payload.create({
        collection: 'newsletter-sends',
        overrideAccess: true,
        data: {
          key,
          article: articleId,
          revision,
          changeKind: event.changeKind,
          workflowEvent: String(event.id),
          status: 'sending',
          graceUntil: new Date(this.now() + this.deps.graceHours * 3_600_000).toISOString(),
          languages: {},
        },
      })
    }

    const releases: LanguageReleases = { ...((send.languages as LanguageReleases | null) ?? {}) }
    for (const language of this.deps.languages) {
      if (releases[language.code]) continue
      const ready = language.fallback === null || (await this.deps.readiness.isPublished(articleId, language.code, revision))
      releases[language.code] = ready ? { released: true, releasedAt: new Date(this.now()).toISOString(), renderedIn: language.code } : { released: false }
    }

    const specialtyId = idOf(article.specialty)
    let recipients = 0
    let complete = true
    for (let page = 1; complete; page += 1) {
      const found = await payload.find({
        collection: 'subscribers',
        where: {
          and: [
            { status: { equals: 'confirmed' } },
            { or: [{ specialties: { in: [specialtyId] } }, { articles: { in: [articleId] } }] },
            // Subscribers from before there was a choice have none: they get every update.
            { or: [{ frequency: { in: frequenciesForUpdate(event.changeKind) } }, { frequency: { exists: false } }] },
          ],
        },
        select: { email: true, language: true },
        sort: 'createdAt',
        limit: PAGE,
        page,
        depth: 0,
        overrideAccess: true,
      })
      const subscribers = found.docs as Pick<Subscriber, 'id' | 'email' | 'language'>[]
      // Rows an earlier run made are looked up once per page rather than tried one by one.
      const existing = await this.subscribersWithRows(String(send.id), subscribers.map((subscriber) => String(subscriber.id)))
      for (const subscriber of subscribers) {
        if (existing.has(String(subscriber.id))) continue
        if (this.deps.allowance.exhausted) {
          complete = false
          break
        }
        const added = await this.addRow(send, subscriber, releases)
        if (added) this.deps.allowance.spend(1)
        recipients += added ? 1 : 0
      }
      if (!found.hasNextPage) break
    }
    send = await payload.update({ collection: 'newsletter-sends', id: send.id, data: { languages: releases }, overrideAccess: true, depth: 0 })
    payload.logger.info({
      event: complete ? 'newsletter.send.prepared' : 'newsletter.send.preparing',
      sendId: send.id,
      articleId,
      revision,
      recipients,
      msg: `Send ${send.id}: ${recipients} recipient(s) added${complete ? '' : '; more to add in a fresh process'}`,
    })
    return { send, recipients, complete }
  }

  private async subscribersWithRows(sendId: string, subscriberIds: string[]): Promise<Set<string>> {
    if (subscriberIds.length === 0) return new Set()
    const found = await this.deps.payload.db.find<{ subscriber: string | { id: string } }>({
      collection: 'newsletter-deliveries',
      where: { and: [{ send: { equals: sendId } }, { subscriber: { in: subscriberIds } }] },
      select: { subscriber: true },
      limit: 0,
      pagination: false,
    })
    return new Set(found.docs.map((row) => idOf(row.subscriber)))
  }

  private async addRow(send: NewsletterSend, subscriber: Pick<Subscriber, 'id' | 'email' | 'language'>, releases: LanguageReleases): Promise<boolean> {
    // A subscriber whose language folder was removed gets the source language.
    const release = releases[subscriber.language] ?? releases[this.deps.languages[0].code]
    try {
      await this.deps.payload.db.create({
        collection: 'newsletter-deliveries',
        returning: false,
        data: {
          key: `${send.id}:${subscriber.id}`,
          send: send.id,
          subscriber: subscriber.id,
          email: subscriber.email,
          language: subscriber.language,
          renderedIn: release?.released ? release.renderedIn : null,
          status: release?.released ? 'queued' : 'held',
          attempts: 0,
          ambiguousAttempts: 0,
          nextAttemptAt: new Date(this.now()).toISOString(),
          claimExpiresAt: NEVER,
        },
      })
      return true
    } catch (error) {
      // A row for this subscriber exists from an earlier run of the same preparation.
      const existing = await this.deps.payload.db.count({ collection: 'newsletter-deliveries', where: { key: { equals: `${send.id}:${subscriber.id}` } } })
      if (existing.totalDocs > 0) return false
      throw error
    }
  }
}
