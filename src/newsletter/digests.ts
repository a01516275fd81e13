import type { Payload } from 'payload'

import type { Language } from '../languages/registry'
import type { NewsletterSend, Subscriber, WorkflowEvent } from '../payload-types'
import type { ProcessAllowance } from './allowance'
import { lastClosedWindow, type DigestWindow, type DigestWindowKind } from './digestWindows'
import { NEVER } from './ledger'
import { heldLanguageRelease, type TranslationReadiness } from './readiness'
import { NEWSWORTHY_CHANGES, isNewsworthy, type NewsworthyChange } from './vocabulary'
import { relationId } from '../content/relations'

/** One update a digest lists for one reader, decided when the digest is prepared and kept on its ledger row. */
export interface DigestItem {
  article: string
  revision: number
  changeKind: NewsworthyChange
  publishedAt: string
  /** The language the entry is written in and links to: the reader's, or the fallback. */
  renderedIn: string
  /** True when `renderedIn` is the fallback because the reader's translation is withheld or outdated. */
  late: boolean
}

/** An update published in a window: a publish of the source content with a newsworthy kind. */
interface WindowUpdate {
  article: string
  specialty: string
  revision: number
  changeKind: NewsworthyChange
  publishedAt: string
}

export interface DigestPreparation {
  window: DigestWindow
  send: NewsletterSend | null
  /** Updates published in the window. */
  updates: number
  /** Rows added by this run. */
  recipients: number
  /** False when this process spent its allowance; a later run adds the rest before the digest goes. */
  complete: boolean
  reason?: string
}

export interface DigestPreparerDeps {
  payload: Payload
  languages: Language[]
  readiness: TranslationReadiness
  allowance: ProcessAllowance
  now?: () => number
}

const PAGE = 1000

type DigestReader = Pick<Subscriber, 'id' | 'email' | 'language' | 'specialties' | 'articles'>

/** The ledger key of a reader's digest of a window: one digest per reader per window, whatever runs it. */
export const digestRowKey = (subscriberId: string, window: DigestWindow) => `${subscriberId}:${window.key}`

export const digestSendKey = (window: DigestWindow) => `digest:${window.key}`

/**
 * Turns a closed window into a digest send: one ledger row per confirmed reader of that frequency
 * who follows at least one article updated in the window and can read at least one of those
 * updates now. A reader with nothing to read gets no row, so an empty window sends nothing.
 *
 * Each row keeps the updates it lists and the language of each, decided here with the rule of
 * single update emails (`heldLanguageRelease`, the window being over as a grace period is): the
 * reader's language when its translation of the update is approved; the fallback with a notice
 * when the reader's page shows the fallback (a clinical update withheld the translation, or none
 * is approved); and nothing when the reader's page did not change (an editorial update of a
 * translation that stays published until the new one is approved). A resent row after a crash is
 * therefore the same email.
 *
 * Safe to run twice and after a crash: the send and each row have unique keys, and a digest whose
 * preparation completed is not prepared again.
 */
export class DigestPreparer {
  private readonly now: () => number

  constructor(private readonly deps: DigestPreparerDeps) {
    this.now = deps.now ?? Date.now
  }

  async prepare(kind: DigestWindowKind, at: Date): Promise<DigestPreparation> {
    const { payload } = this.deps
    const window = lastClosedWindow(kind, at)
    const key = digestSendKey(window)
    let send = (await payload.find({ collection: 'newsletter-sends', where: { key: { equals: key } }, limit: 1, depth: 0, overrideAccess: true })).docs[0] ?? null
    if (send?.digest?.preparedAt) return { window, send, updates: send.digest.updates ?? 0, recipients: 0, complete: true, reason: 'already prepared' }

    const updates = await this.updatesIn(window)
    if (updates.length === 0) {
      payload.logger.info({ event: 'newsletter.digest.empty', window: window.key, msg: `Digest ${window.key}: no updates in the window; nothing to send` })
      return { window, send: null, updates: 0, recipients: 0, complete: true, reason: 'no updates in the window' }
    }
    send ??= await payload.create({
      collection: 'newsletter-sends',
      overrideAccess: true,
      depth: 0,
      data: {
        key,
        kind: 'digest',
        status: 'sending',
        languages: {},
        digest: { window: kind, windowKey: window.key, windowStart: window.start.toISOString(), windowEnd: window.end.toISOString(), updates: updates.length },
      },
    })

    const decide = this.languageDecider()
    const specialtyIds = [...new Set(updates.map((update) => update.specialty))]
    const articleIds = [...new Set(updates.map((update) => update.article))]
    let recipients = 0
    let complete = true
    for (let page = 1; complete; page += 1) {
      const found = await payload.find({
        collection: 'subscribers',
        where: {
          and: [
            { status: { equals: 'confirmed' } },
            { frequency: { equals: kind } },
            { or: [{ specialties: { in: specialtyIds } }, { articles: { in: articleIds } }] },
          ],
        },
        select: { email: true, language: true, specialties: true, articles: true },
        sort: 'createdAt',
        limit: PAGE,
        page,
        depth: 0,
        overrideAccess: true,
      })
      const readers = found.docs as DigestReader[]
      const existing = await this.rowsOf(readers.map((reader) => digestRowKey(String(reader.id), window)))
      for (const reader of readers) {
        if (existing.has(digestRowKey(String(reader.id), window))) continue
        if (this.deps.allowance.exhausted) {
          complete = false
          break
        }
        const items = await this.itemsFor(reader, updates, decide)
        if (items.length === 0) continue
        if (await this.addRow(send, reader, window, items)) {
          this.deps.allowance.spend(1)
          recipients += 1
        }
      }
      if (!found.hasNextPage) break
    }
    if (complete) {
      send = await payload.update({
        collection: 'newsletter-sends',
        id: send.id,
        data: { digest: { ...send.digest, preparedAt: new Date(this.now()).toISOString() } },
        overrideAccess: true,
        depth: 0,
      })
    }
    payload.logger.info({
      event: complete ? 'newsletter.digest.prepared' : 'newsletter.digest.preparing',
      sendId: send.id,
      window: window.key,
      updates: updates.length,
      recipients,
      msg: `Digest ${window.key}: ${updates.length} update(s), ${recipients} recipient(s) added${complete ? '' : '; more to add in a fresh process'}`,
    })
    return { window, send, updates: updates.length, recipients, complete }
  }

  /** Publishes of source content with a newsworthy kind whose event falls in the window, oldest first, one per revision. */
  private async updatesIn(window: DigestWindow): Promise<WindowUpdate[]> {
    const { payload } = this.deps
    const events = await payload.find({
      collection: 'workflow-events',
      where: {
        and: [
          { to: { equals: 'published' } },
          { changeKind: { in: [...NEWSWORTHY_CHANGES] } },
          { createdAt: { greater_than_equal: window.start.toISOString() } },
          { createdAt: { less_than: window.end.toISOString() } },
        ],
      },
      sort: 'createdAt',
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
    const specialtyOf = new Map<string, string | null>()
    const seen = new Set<string>()
    const updates: WindowUpdate[] = []
    for (const event of events.docs as WorkflowEvent[]) {
      if (event.locale || !isNewsworthy(event.changeKind)) continue
      const article = relationId(event.article)!
      const revision = event.revision ?? 0
      if (seen.has(`${article}:${revision}`)) continue
      seen.add(`${article}:${revision}`)
      if (!specialtyOf.has(article)) {
        // An article deleted since has no page to link to.
        const found = await payload.findByID({ collection: 'articles', id: article, depth: 0, draft: false, overrideAccess: true, disableErrors: true })
        specialtyOf.set(article, found ? relationId(found.specialty) : null)
      }
      const specialty = specialtyOf.get(article)
      if (!specialty) continue
      updates.push({ article, specialty, revision, changeKind: event.changeKind, publishedAt: event.createdAt })
    }
    return updates
  }

  /** The language an update is read in by a language's readers, asked once per digest. */
  private languageDecider(): (update: WindowUpdate, languageCode: string) => Promise<Pick<DigestItem, 'renderedIn' | 'late'> | null> {
    const { languages, readiness } = this.deps
    const decisions = new Map<string, Promise<Pick<DigestItem, 'renderedIn' | 'late'> | null>>()
    const decideNow = async (update: WindowUpdate, code: string) => {
      // A reader whose language folder was removed reads the source language.
      const language = languages.find((candidate) => candidate.code === code) ?? languages[0]
      if (language.fallback === null) return { renderedIn: language.code, late: false }
      const approved = await readiness.isPublished(update.article, language.code, update.revision)
      const showsFallback = !approved && (await readiness.showsFallback(update.article, language.code))
      const decision = heldLanguageRelease({ changeKind: update.changeKind, translationApproved: approved, graceOver: true, showsFallback })
      if (decision === 'hold') return null
      return decision === 'own' ? { renderedIn: language.code, late: false } : { renderedIn: language.fallback, late: true }
    }
    return (update, code) => {
      const key = `${update.article}:${update.revision}:${code}`
      let decision = decisions.get(key)
      if (!decision) {
        decision = decideNow(update, code)
        decisions.set(key, decision)
      }
      return decision
    }
  }

  private async itemsFor(reader: DigestReader, updates: WindowUpdate[], decide: ReturnType<DigestPreparer['languageDecider']>): Promise<DigestItem[]> {
    const specialties = new Set((reader.specialties ?? []).map((value) => relationId(value)!))
    const articles = new Set((reader.articles ?? []).map((value) => relationId(value)!))
    const items: DigestItem[] = []
    for (const update of updates) {
      if (!specialties.has(update.specialty) && !articles.has(update.article)) continue
      const language = await decide(update, reader.language)
      if (!language) continue
      items.push({ article: update.article, revision: update.revision, changeKind: update.changeKind, publishedAt: update.publishedAt, ...language })
    }
    return items
  }

  private async rowsOf(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set()
    const found = await this.deps.payload.db.find<{ key: string }>({
      collection: 'newsletter-deliveries',
      where: { key: { in: keys } },
      select: { key: true },
      limit: 0,
      pagination: false,
    })
    return new Set(found.docs.map((row) => row.key))
  }

  private async addRow(send: NewsletterSend, reader: DigestReader, window: DigestWindow, items: DigestItem[]): Promise<boolean> {
    const key = digestRowKey(String(reader.id), window)
    try {
      await this.deps.payload.db.create({
        collection: 'newsletter-deliveries',
        returning: false,
        data: {
          key,
          send: send.id,
          subscriber: reader.id,
          email: reader.email,
          language: reader.language,
          renderedIn: reader.language,
          digestUpdates: items,
          status: 'queued',
          attempts: 0,
          ambiguousAttempts: 0,
          nextAttemptAt: new Date(this.now()).toISOString(),
          claimExpiresAt: NEVER,
        },
      })
      return true
    } catch (error) {
      // Another run added this reader's row meanwhile.
      if ((await this.rowsOf([key])).size > 0) return false
      throw error
    }
  }
}
