import type { Payload } from 'payload'

import { factsFromRecord, findFacts } from '../localization/translationRecords'
import { deriveLocaleState, type TranslationFacts } from '../localization/localeState'
import type { NewsworthyChange } from './vocabulary'

/**
 * Whether a language's version of an article update is out: the one thing the newsletter asks of
 * the translation workflow.
 */
export interface TranslationReadiness {
  /** True when `locale`'s translation was approved for `revision` of the source or a later one. */
  isPublished(articleId: string, locale: string, revision: number): Promise<boolean>
  /** True when `locale`'s readers are shown another language now: no approved translation covers the article's latest clinical revision. */
  showsFallback(articleId: string, locale: string): Promise<boolean>
}

/**
 * A language carries an update once its last approval was made for that source revision or a
 * later one: publishing then renders the approved translation, which includes the change. A new
 * round of translation after it leaves the approved version published, so only the approval counts.
 */
export function approvalCoversRevision(facts: TranslationFacts | null, revision: number): boolean {
  return facts?.approvedRevision !== null && facts?.approvedRevision !== undefined && facts.approvedRevision >= revision
}

/**
 * Reads the answer from the localization concern's translation record of the language (the same
 * facts the admin's locale states and publishing derive from), not from the event stream.
 */
export class TranslationRecordReadiness implements TranslationReadiness {
  constructor(private readonly payload: Payload) {}

  async isPublished(articleId: string, locale: string, revision: number): Promise<boolean> {
    return approvalCoversRevision(factsFromRecord(await findFacts(this.payload, articleId, locale)), revision)
  }

  async showsFallback(articleId: string, locale: string): Promise<boolean> {
    const facts = factsFromRecord(await findFacts(this.payload, articleId, locale))
    const article = await this.payload.findByID({ collection: 'articles', id: articleId, depth: 0, overrideAccess: true })
    const source = { revision: article.revision ?? 0, clinicalRevision: article.clinicalRevision ?? 0, fingerprints: {}, sectionIds: [] }
    return !deriveLocaleState(facts, source).publishable
  }
}

/** What a held language's readers get now: nothing yet, the email in their language, or in the fallback. */
export type HeldLanguageRelease = 'hold' | 'own' | 'fallback'

/**
 * Emails follow the reader's page. A language hears of an update once its page carries it: when its
 * translation of the update is approved (rendered in the language itself). Once the grace period is
 * over, readers whose page shows the fallback language hear of it in that language, with a notice:
 * after a clinical change (the outdated translation is withheld), or after an editorial change to
 * an article their language has no current approved translation of (their page already shows the
 * fallback, and it changed). After an editorial change to a translated page the earlier
 * translation stays published, so the page did not change and the fallback is never used.
 */
export function heldLanguageRelease(input: { changeKind: NewsworthyChange; translationApproved: boolean; graceOver: boolean; showsFallback: boolean }): HeldLanguageRelease {
  if (input.translationApproved) return 'own'
  if (input.graceOver && (input.changeKind === 'clinical' || input.showsFallback)) return 'fallback'
  return 'hold'
}
