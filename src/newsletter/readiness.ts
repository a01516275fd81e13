import type { Payload } from 'payload'

import { factsFromRecord, findFacts } from '../localization/facts'
import type { TranslationFacts } from '../localization/localeState'

/**
 * Whether a language's version of an article update is out: the one thing the newsletter asks of
 * the translation workflow.
 */
export interface TranslationReadiness {
  /** True when `locale`'s translation was approved for `revision` of the source or a later one. */
  isPublished(articleId: string, locale: string, revision: number): Promise<boolean>
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
}
