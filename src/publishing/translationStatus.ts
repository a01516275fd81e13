import type { Payload, PayloadRequest } from 'payload'

import { readVersionContents, type ApprovedContent } from '../localization/approvedContent'
import { factsFromRecord } from '../localization/translationRecords'
import { deriveLocaleState } from '../localization/localeState'
import type { ArticleTranslation } from '../payload-types'
import type { TranslationState } from './publishedJson'
import { relationId } from '../content/relations'

/** How one language of one article is to be published. */
export interface LocaleApproval {
  state: TranslationState
  /** The article version holding the approved translation; null when the language must fall back. */
  versionId: string | null
  /** The source revision the approved translation was made for. */
  revision: number | null
  /** The approved texts kept with the approval; null when the language must fall back, or for an approval recorded before they were kept. */
  content: ApprovedContent | null
  /** When a reviewer of the language approved the translation shown; null when the language must fall back. */
  reviewedOn: string | null
  /** That reviewer's user id. */
  reviewerId: string | null
}

/** What publishing needs to know about an article's translations and its published source. */
export interface TranslationStatus {
  /** `clinicalRevision` is the article's revision of its latest clinical publish (0 before any). */
  approvalOf(articleId: string, locale: string, clinicalRevision: number): LocaleApproval
  /** The article version the workflow recorded for the source's latest publish, when there is one. */
  publishedVersionId(articleId: string): string | null
}

/** The approved texts of each publishable (article, language), keyed `articleId:locale`. */
export type ApprovedTexts = Map<string, ApprovedContent>

/**
 * The approved texts of these articles in these languages, where the language may be published:
 * the texts kept on the translation record, or, for an approval recorded before texts were kept
 * there, the texts of the article version the approval points at (while that version exists).
 */
export async function loadApprovedTexts(
  payload: Payload,
  status: TranslationStatus,
  articles: Array<{ id: string; clinicalRevision?: number | null }>,
  locales: string[],
  req?: Partial<PayloadRequest>,
): Promise<ApprovedTexts> {
  const texts: ApprovedTexts = new Map()
  for (const locale of locales) {
    const fromVersions = new Map<string, string>()
    for (const article of articles) {
      const approval = status.approvalOf(article.id, locale, article.clinicalRevision ?? 0)
      if (approval.content) texts.set(`${article.id}:${locale}`, approval.content)
      else if (approval.versionId) fromVersions.set(article.id, approval.versionId)
    }
    if (fromVersions.size === 0) continue
    const contents = await readVersionContents(payload, [...fromVersions.values()], locale, req)
    for (const [articleId, versionId] of fromVersions) {
      const content = contents.get(versionId)
      if (content) texts.set(`${articleId}:${locale}`, content)
    }
  }
  return texts
}

function approverOf(record: ArticleTranslation | undefined): string | null {
  const approver = record?.approvedBy ?? record?.reviewer
  return approver ? relationId(approver) : null
}

/**
 * Reads the translation records (`article-translations`, kept by the localization concern) and
 * the publish events of a set of articles in two queries. Whether a language is shown is the
 * localization concern's rule (`deriveLocaleState`): its last approval must cover the current
 * clinical revision; a clinical publish withholds it until it is approved again.
 */
export class TranslationRecordStatus implements TranslationStatus {
  private constructor(
    private readonly records: Map<string, ArticleTranslation>,
    private readonly publishedVersions: Map<string, string>,
  ) {}

  static empty(): TranslationRecordStatus {
    return new TranslationRecordStatus(new Map(), new Map())
  }

  static async load(payload: Payload, articleIds: string[] | 'all', req?: Partial<PayloadRequest>): Promise<TranslationRecordStatus> {
    if (articleIds !== 'all' && articleIds.length === 0) return TranslationRecordStatus.empty()
    const ofArticles = articleIds === 'all' ? [] : [{ article: { in: articleIds } }]
    const [records, published] = await Promise.all([
      payload.find({ collection: 'article-translations', where: { and: ofArticles }, pagination: false, depth: 0, req, overrideAccess: true }),
      payload.find({
        collection: 'workflow-events',
        where: { and: [...ofArticles, { to: { equals: 'published' } }, { versionId: { exists: true } }] },
        sort: 'createdAt',
        pagination: false,
        depth: 0,
        select: { article: true, locale: true, versionId: true },
        req,
        overrideAccess: true,
      }),
    ])
    const articleOf = (value: string | { id: string }) => relationId(value)!
    const versions = new Map<string, string>()
    // Sorted oldest first, so the last one seen per article is its latest publish.
    for (const event of published.docs) if (!event.locale && event.versionId) versions.set(articleOf(event.article), event.versionId)
    return new TranslationRecordStatus(new Map(records.docs.map((record) => [`${articleOf(record.article)}:${record.locale}`, record])), versions)
  }

  approvalOf(articleId: string, locale: string, clinicalRevision: number): LocaleApproval {
    const record = this.records.get(`${articleId}:${locale}`)
    const derived = deriveLocaleState(factsFromRecord(record), { revision: 0, clinicalRevision, fingerprints: {}, sectionIds: [] })
    return {
      state: derived.state,
      versionId: derived.publishable ? (record?.approvedVersionId ?? null) : null,
      revision: derived.publishable ? (record?.approvedRevision ?? null) : null,
      content: derived.publishable ? ((record?.approvedContent as ApprovedContent | null | undefined) ?? null) : null,
      reviewedOn: derived.publishable ? (record?.approvedAt ?? null) : null,
      // Records approved before `approvedBy` was kept name the approver as their last reviewer.
      reviewerId: derived.publishable ? approverOf(record) : null,
    }
  }

  publishedVersionId(articleId: string): string | null {
    return this.publishedVersions.get(articleId) ?? null
  }
}
