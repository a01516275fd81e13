import type { Payload } from 'payload'

import type { Config, User } from '../../src/payload-types'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import { pretendTranslation } from './pretendTranslation'

/** The seeded people who take the seed article through review and into Hindi. */
export type EditorialStaff = Record<'editor' | 'reviewer' | 'translatorHi', User>

/** The seeded editor, reviewer and Hindi translator, read by their seeded addresses. */
export async function seededEditorialStaff(payload: Payload): Promise<EditorialStaff> {
  const staff = {} as EditorialStaff
  for (const [key, email] of Object.entries({ editor: 'editor@', reviewer: 'reviewer@', translatorHi: 'translator.hi@' })) {
    staff[key as keyof EditorialStaff] = (await payload.find({ collection: 'users', where: { email: { equals: `${email}vitalpress.example` } } })).docs[0]
  }
  return staff
}

/** An article's draft in one language as stored, without the fallback language's texts. */
export const articleDraft = (payload: Payload, articleId: string, locale: Config['locale']) =>
  payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0, locale, fallbackLocale: false })

/**
 * The translator's work: every text of the current English draft with `prefix` before it, saved
 * as the language's draft by the translator. The changelog note is left to the source language
 * unless `translateChangelogNote`, for tests that read it in a translated update email.
 */
export async function savePretendTranslation(
  payload: Payload,
  { articleId, locale, prefix, translator, translateChangelogNote = false }: { articleId: string; locale: Config['locale']; prefix: string; translator: User; translateChangelogNote?: boolean },
): Promise<void> {
  const source = await articleDraft(payload, articleId, 'en')
  const changelogNote = translateChangelogNote && source.changelogNote ? `${prefix}${source.changelogNote.replace(prefix, '')}` : undefined
  await payload.update({
    collection: 'articles',
    id: articleId,
    locale,
    draft: true,
    user: translator,
    overrideAccess: false,
    data: { ...pretendTranslation(source, prefix), ...(changelogNote ? { changelogNote } : {}) } as never,
  })
}

/**
 * An editor's change to the opening words of the English text, saved with its changelog note and
 * taken through review to publication as `changeKind`, each step by the person whose step it is.
 */
export async function publishEnglishChange(
  payload: Payload,
  { articleId, staff, changeKind, openingWords, changelogNote }: { articleId: string; staff: EditorialStaff; changeKind: 'clinical' | 'editorial'; openingWords: string; changelogNote: string },
): Promise<void> {
  const source = await articleDraft(payload, articleId, 'en')
  const sections = structuredClone(source.sections) as any[]
  sections[0].content[0].body.root.children[0].children[0].text = openingWords
  await payload.update({
    collection: 'articles',
    id: articleId,
    locale: 'en',
    draft: true,
    user: staff.editor,
    overrideAccess: false,
    data: { sections, changelogNote } as never,
  })
  const transition = (user: User, request: Parameters<typeof transitionArticle>[0]['request']) =>
    transitionArticle({ payload, articleId, request, user, options: DEFAULT_WORKFLOW_OPTIONS })
  await transition(staff.editor, { to: 'in_review', changeKind })
  await transition(staff.reviewer, { to: 'approved' })
  await transition(staff.editor, { to: 'published' })
}
