import type { CollectionAfterChangeHook } from 'payload'

import type { ArticleInAllLocales } from '../articleUnits'
import { readArticleInAllLocales } from '../translationRecords'
import { SOURCE_LOCALE } from '../../languages/registry'
import { recordTranslationWrite } from '../recordTranslation'

type Read = (value: unknown) => unknown

const blankToNull = (value: unknown) => (value === undefined || value === '' ? null : value)

/** The translated texts of each group (title, summary, section id) as one comparable string. */
function groupTexts(article: Partial<ArticleInAllLocales>, read: Read): Map<string, string> {
  const texts = new Map<string, string>()
  const terms = (rows: unknown): unknown[] =>
    ((rows as Array<Record<string, unknown>> | null) ?? []).map((row) => [blankToNull(read(row.term)), blankToNull(read(row.explanation)), terms(row.subItems)])
  texts.set('title', JSON.stringify(blankToNull(read(article.title))))
  texts.set('summary', JSON.stringify(blankToNull(read(article.summary))))
  for (const section of article.sections ?? []) {
    const content = (section.content ?? []).map((block) =>
      block.blockType === 'prose' ? blankToNull(read(block.body)) : terms((block as { items?: unknown }).items),
    )
    texts.set(String(section.id), JSON.stringify([blankToNull(read(section.heading)), content]))
  }
  return texts
}

/** The groups whose translation into `locale` differs between the previous save and this one. */
export function changedGroups(previous: Partial<ArticleInAllLocales> | undefined, current: ArticleInAllLocales, locale: string): string[] {
  const before = groupTexts(previous ?? {}, (value) => value)
  const after = groupTexts(current, (value) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[locale] : undefined))
  return [...after].filter(([group, text]) => before.get(group) !== text).map(([group]) => group)
}

/**
 * After an article is saved in a translation's locale, records which parts of that translation
 * changed and the source they now follow. Two reads and a write; the seed skips it.
 */
export const trackTranslation: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const locale = req.locale
  if (req.context?.seeding || operation !== 'update' || !locale || locale === 'all' || locale === SOURCE_LOCALE) return doc
  const article = await readArticleInAllLocales(req.payload, String(doc.id), req)
  if (!article) return doc
  const touchedGroups = changedGroups(previousDoc as Partial<ArticleInAllLocales>, article, locale)
  await recordTranslationWrite(req.payload, { articleId: String(doc.id), locale, touchedGroups, actorId: req.user ? String(req.user.id) : null, article }, req)
  return doc
}
