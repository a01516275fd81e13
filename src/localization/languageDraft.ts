import type { Payload, PayloadRequest } from 'payload'

import type { User } from '../payload-types'
import { HERO_ALT_UNIT, translationUpdate, type ArticleInAllLocales } from './articleUnits'
import { relationId } from './translationRecords'
import type { Inline } from './inlineContent'
import { recordTranslationWrite } from './recordTranslation'

export interface LanguageDraft {
  /** The article as read before the units were checked against it. */
  article: ArticleInAllLocales
  locale: string
  dir: 'ltr' | 'rtl'
  /** Unit id → its checked translation; only these units are written. */
  targets: Map<string, Inline[]>
  /** The groups (title, summary, section ids) that now follow the current source: those written and those confirmed. */
  touchedGroups: string[]
  user: User
}

/**
 * Saves checked translations as a draft of the article in one language, as the person saving
 * (with their access rules, so a translator writes only their language's texts), the hero image's
 * alt text with them, and records the translation state: each touched group follows the current
 * source and the translation is in progress. The side-by-side editor and XLIFF imports both save
 * through here, so a translation reaches the same state whichever way it was made.
 */
export async function saveLanguageDraft(payload: Payload, draft: LanguageDraft, req?: Partial<PayloadRequest>): Promise<void> {
  const { article, locale, targets, user } = draft
  const articleId = String(article.id)
  if (targets.size > 0) {
    await payload.update({
      collection: 'articles',
      id: articleId,
      locale: locale as never,
      draft: true,
      data: translationUpdate(article, locale, targets, draft.dir) as never,
      user,
      overrideAccess: false,
      depth: 0,
      req,
    })
    const alt = targets.get(HERO_ALT_UNIT)
    const heroId = relationId(article.heroImage)
    if (alt && heroId) {
      await payload.update({
        collection: 'media',
        id: heroId,
        locale: locale as never,
        data: { alt: alt.map((part) => (part.kind === 'text' ? part.text : '')).join('') },
        user,
        overrideAccess: false,
        depth: 0,
        req,
      })
    }
  }
  await recordTranslationWrite(payload, { articleId, locale, touchedGroups: draft.touchedGroups, actorId: String(user.id) }, req)
}
