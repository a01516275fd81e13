import type { CollectionBeforeChangeHook } from 'payload'

import { SOURCE_LOCALE } from '../languages/registry'
import type { Article } from '../payload-types'
import { storedReadability, type ReadableContent } from './articleText'

/**
 * Scores the language being saved, from the text as it will be stored: what the save sends over
 * what the document had in that language. Each language keeps its own score, so a translator's
 * save never touches another language's.
 */
export const scoreOnSave: CollectionBeforeChangeHook<Article> = ({ data, originalDoc, req }) => {
  // A write of every locale at once (`locale: 'all'`) carries texts per locale, not one language's text: it is scored by each language's next save.
  if (req.locale === 'all') return data
  const locale = req.locale ?? SOURCE_LOCALE
  const content: ReadableContent = {
    summary: data.summary !== undefined ? data.summary : originalDoc?.summary,
    sections: (data.sections !== undefined ? data.sections : originalDoc?.sections) as ReadableContent['sections'],
  }
  data.readability = storedReadability(locale, content) as unknown as Article['readability']
  return data
}
