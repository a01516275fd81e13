import type { Payload } from 'payload'

import { approvedContentOf, type ApprovedContent } from '../localization/approvedContent'
import { SOURCE_LOCALE, type Language } from '../languages/registry'
import type { User } from '../payload-types'
import { lastUpdatedAfterPublish } from '../workflow/reviewDates'
import { isChangeKind } from '../workflow/states'
import { relationId } from '../content/relations'
import { LibraryReader } from './libraryReader'
import type { PublishingOptions } from './options'
import type { ArticleDocument, TranslationState } from './publishedJson'
import { withTexts } from './publisher'
import type { LocaleLabels } from './readerLabels'
import { alternatesOf } from './render/alternates'
import { renderArticle, type ArticleRecord } from './render/article'
import { chooseServedContent } from './servedContent'
import { loadApprovedTexts, TranslationRecordStatus } from './translationStatus'

/**
 * `published`: what the language's readers get now. `draft`: the latest draft as it would read
 * once approved and published, translations included whatever their state.
 */
export type PreviewMode = 'published' | 'draft'
export const PREVIEW_MODES: readonly PreviewMode[] = ['draft', 'published']

export interface PreviewRequest {
  payload: Payload
  articleId: string
  /** The signed-in person: the article is read with their access. */
  user: User
  reader: Language
  languages: Language[]
  labels: LocaleLabels
  mode: PreviewMode
  /** Where images and the downstream site's pages are, as the publisher writes them into files. */
  publishing: Pick<PublishingOptions, 'mediaBaseUrl' | 'articleUrlPattern'>
  today: Date
}

export interface ArticlePreview {
  /** The article file as the publisher would write it; null in `published` mode when readers get nothing. */
  document: ArticleDocument | null
  /** The reader's language's translation state now ('source' for the source language). */
  translationState: TranslationState
  /** The source content's workflow state, of the version previewed. */
  workflowState: string | null
}

/**
 * One article in one reader's language, rendered by the publisher's own steps (served texts by
 * `chooseServedContent`, the directory from `LibraryReader`, `renderArticle`, the reader labels)
 * and written nowhere, so the admin shows what the files say, or will say.
 */
export async function previewArticle(request: PreviewRequest): Promise<ArticlePreview> {
  const { payload, articleId, user, reader, languages, mode } = request
  const source = languages.find((language) => language.code === SOURCE_LOCALE)!
  const status = await TranslationRecordStatus.load(payload, [articleId])
  const read = (draft: boolean) =>
    payload.findByID({ collection: 'articles', id: articleId, locale: SOURCE_LOCALE, draft, depth: 0, overrideAccess: false, user }) as Promise<ArticleRecord>

  let article: ArticleRecord
  let textsOf: (code: string) => ApprovedContent | undefined
  if (mode === 'published') {
    article = await read(false)
    // A draft of an article never published is stored as the document itself.
    if (article._status !== 'published') return { document: null, translationState: stateOf(status, article, reader), workflowState: article.workflowState ?? null }
    const translated = languages.filter((language) => language.code !== source.code).map((language) => language.code)
    const approved = await loadApprovedTexts(payload, status, [article], translated)
    textsOf = (code) => approved.get(`${articleId}:${code}`)
  } else {
    article = asIfPublished(await read(true), request.today)
    const drafts = await draftTexts(request, languages.filter((language) => language.code !== source.code))
    textsOf = (code) => drafts.get(code)
  }

  const chosen = chooseServedContent(reader, languages, source, textsOf)
  const serving = languages.map((language) => ({
    locale: language.code,
    servedInOwnLanguage: chooseServedContent(language, languages, source, textsOf).language.code === language.code,
  }))
  const content = chosen.content ? withTexts(article, chosen.content) : article
  const approval = chosen.content ? status.approvalOf(articleId, chosen.language.code, article.clinicalRevision ?? 0) : null
  const version =
    mode === 'published'
      ? { revision: approval ? approval.revision : (article.revision ?? null), id: approval ? approval.versionId : status.publishedVersionId(articleId) }
      : { revision: null, id: null }

  const library = new LibraryReader(payload, request.publishing.mediaBaseUrl)
  const directory = await library.directory(reader)
  const heroId = relationId(article.heroImage)
  if (heroId) for (const [id, image] of await library.images([heroId], reader)) directory.images.set(id, image)

  const translationState = stateOf(status, article, reader)
  const document = renderArticle({
    article,
    content,
    contentLanguage: chosen.language,
    reader,
    translation: { state: translationState, fallback: chosen.language.code !== reader.code, ...(approval ? { approval } : {}) },
    alternates: alternatesOf(article.slug, serving, request.publishing.articleUrlPattern),
    sourceLocale: source.code,
    version,
    directory,
    labels: request.labels,
    today: request.today,
  })
  return { document, translationState, workflowState: article.workflowState ?? null }
}

function stateOf(status: TranslationRecordStatus, article: ArticleRecord, reader: Language): TranslationState {
  return reader.code === SOURCE_LOCALE ? 'source' : status.approvalOf(article.id, reader.code, article.clinicalRevision ?? 0).state
}

/**
 * The draft with the dates its publication would give it today: "last updated" moves as the change's
 * kind says, and a change not yet approved carries today's review (its reviewer and next review date
 * are set by the approval, so they are left out rather than shown stale).
 */
const PENDING_STATES: readonly string[] = ['draft', 'in_review', 'changes_requested', 'approved']

function asIfPublished(draft: ArticleRecord, today: Date): ArticleRecord {
  if (!PENDING_STATES.includes(draft.workflowState ?? '') || !isChangeKind(draft.changeKind)) return draft
  const approved = draft.workflowState === 'approved'
  return {
    ...draft,
    lastUpdated: lastUpdatedAfterPublish(draft.changeKind, draft.lastUpdated, today),
    ...(approved ? {} : { lastReviewed: today.toISOString(), reviewedBy: null, nextReviewDue: null }),
  }
}

/** Each translation's latest draft texts, without falling back to another language (an untranslated text stays empty). */
async function draftTexts(request: PreviewRequest, translations: Language[]): Promise<Map<string, ApprovedContent>> {
  const texts = new Map<string, ApprovedContent>()
  for (const language of translations) {
    const draft = await request.payload.findByID({
      collection: 'articles',
      id: request.articleId,
      locale: language.code as 'en',
      fallbackLocale: false,
      draft: true,
      depth: 0,
      overrideAccess: false,
      user: request.user,
    })
    const content = approvedContentOf(draft)
    // The date is the source draft's, as publishing it would set it.
    delete content.lastUpdated
    texts.set(language.code, content)
  }
  return texts
}
