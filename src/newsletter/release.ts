import type { Payload } from 'payload'

import type { Language } from '../languages/registry'
import type { NewsletterSend } from '../payload-types'
import type { LanguageReleases } from './preparation'
import { releaseHeldRows } from './ledger'
import { heldLanguageRelease, type TranslationReadiness } from './readiness'
import { relationId } from '../content/relations'

export interface LanguageReleaserDeps {
  payload: Payload
  languages: Language[]
  readiness: TranslationReadiness
  now?: () => number
}

/**
 * Lets a held language's emails go when its readers' page carries the update (`heldLanguageRelease`):
 * in the language itself once its translation of the update is approved, or, once the send's grace
 * period is over and the readers' page shows the fallback language, in it, with a notice.
 */
export class LanguageReleaser {
  private readonly now: () => number

  constructor(private readonly deps: LanguageReleaserDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Releases what can be released; returns the languages released now. */
  async release(sendId: string): Promise<string[]> {
    const { payload } = this.deps
    const send: NewsletterSend = await payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0, overrideAccess: true })
    // A digest decides each reader's languages when it is prepared; it holds nothing back.
    if (send.status === 'cancelled' || send.status === 'completed' || send.kind === 'digest' || !send.changeKind) return []
    const releases: LanguageReleases = { ...((send.languages as LanguageReleases | null) ?? {}) }
    const articleId = relationId(send.article)!
    const graceOver = send.graceUntil ? new Date(send.graceUntil).getTime() <= this.now() : false
    const released: string[] = []
    for (const [code, release] of Object.entries(releases)) {
      if (release.released) continue
      const language = this.deps.languages.find((candidate) => candidate.code === code)
      const ready = await this.deps.readiness.isPublished(articleId, code, send.revision ?? 0)
      const showsFallback = !ready && graceOver && send.changeKind === 'editorial' && (await this.deps.readiness.showsFallback(articleId, code))
      const decision = heldLanguageRelease({ changeKind: send.changeKind, translationApproved: ready, graceOver, showsFallback })
      if (decision === 'hold') continue
      const renderedIn = decision === 'own' ? code : (language?.fallback ?? this.deps.languages[0].code)
      releases[code] = { released: true, releasedAt: new Date(this.now()).toISOString(), renderedIn, late: !ready }
      await releaseHeldRows(payload, sendId, code, renderedIn, new Date(this.now()).toISOString())
      released.push(code)
      payload.logger.info({ event: 'newsletter.language.released', sendId, language: code, renderedIn, late: !ready, msg: `Send ${sendId}: ${code} released in ${renderedIn}` })
    }
    if (released.length > 0) {
      await payload.update({ collection: 'newsletter-sends', id: sendId, data: { languages: releases, status: 'sending' }, overrideAccess: true, depth: 0 })
    }
    return released
  }

  /** Sends of an article that still hold a language back, for when one of its translations is approved. */
  async sendsWaitingFor(articleId: string): Promise<string[]> {
    const found = await this.deps.payload.find({
      collection: 'newsletter-sends',
      where: { and: [{ article: { equals: articleId } }, { status: { in: ['sending', 'waiting'] } }] },
      depth: 0,
      limit: 100,
      overrideAccess: true,
    })
    return found.docs
      .filter((send) => Object.values((send.languages as LanguageReleases | null) ?? {}).some((release) => !release.released))
      .map((send) => String(send.id))
  }
}
