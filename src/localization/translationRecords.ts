import type { Payload, PayloadRequest } from 'payload'

import type { ArticleTranslation } from '../payload-types'
import { articleUnits, sectionIds, sourceFingerprints, type ArticleInAllLocales, type ArticleUnit } from './articleUnits'
import type { SourceSnapshot, TranslationFacts, TranslationStage } from './localeState'
import { relationId } from '../content/relations'

/** The record key of one article's translation into one locale. */
export const translationKey = (articleId: string, locale: string) => `${articleId}:${locale}`

/** Reads an article's latest content (draft included) with every locale's values, for the server's own use. */
export async function readArticleInAllLocales(payload: Payload, articleId: string, req?: Partial<PayloadRequest>): Promise<ArticleInAllLocales | null> {
  try {
    const article = await payload.findByID({ collection: 'articles', id: articleId, locale: 'all', draft: true, depth: 0, overrideAccess: true, req })
    return article as unknown as ArticleInAllLocales
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null
    throw error
  }
}

/** The hero image's alt text per locale, or undefined when the article has no hero image. */
export async function readHeroAlt(payload: Payload, article: ArticleInAllLocales, req?: Partial<PayloadRequest>): Promise<Record<string, string | null> | undefined> {
  const id = relationId(article.heroImage)
  if (!id) return undefined
  const media = await payload.findByID({ collection: 'media', id, locale: 'all', depth: 0, overrideAccess: true, req }).catch(() => null)
  return (media?.alt ?? undefined) as unknown as Record<string, string | null> | undefined
}

function numberField(article: ArticleInAllLocales, name: string): number {
  const value = article[name]
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** The source side now: revisions from the workflow fields, fingerprints from the latest source content. */
export function sourceSnapshot(article: ArticleInAllLocales, units: ArticleUnit[] = articleUnits(article, 'en')): SourceSnapshot {
  return {
    revision: numberField(article, 'revision'),
    clinicalRevision: numberField(article, 'clinicalRevision'),
    fingerprints: sourceFingerprints(units),
    sectionIds: sectionIds(article),
  }
}

export async function findFacts(payload: Payload, articleId: string, locale: string, req?: Partial<PayloadRequest>): Promise<ArticleTranslation | null> {
  const found = await payload.find({
    collection: 'article-translations',
    where: { key: { equals: translationKey(articleId, locale) } },
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return found.docs[0] ?? null
}

/** The translation records of every language of these articles. */
export async function findFactsOfArticles(payload: Payload, articleIds: string[], req?: Partial<PayloadRequest>): Promise<ArticleTranslation[]> {
  const found = await payload.find({
    collection: 'article-translations',
    where: { article: { in: articleIds } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return found.docs
}

/** The stored record as the pure state function reads it. */
export function factsFromRecord(record: ArticleTranslation | null | undefined): TranslationFacts | null {
  if (!record) return null
  return {
    stage: record.stage as TranslationStage,
    sourceFingerprints: (record.sourceFingerprints ?? {}) as Record<string, string>,
    basisClinicalRevision: record.basisClinicalRevision ?? 0,
    approvedVersionId: record.approvedVersionId ?? null,
    approvedRevision: record.approvedRevision ?? null,
    approvedClinicalRevision: record.approvedClinicalRevision ?? null,
  }
}

/** The id of the article's newest version (draft or published): the snapshot that holds what was just saved. */
export async function latestVersionId(payload: Payload, articleId: string, req?: Partial<PayloadRequest>): Promise<string | null> {
  const versions = await payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: articleId } },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return versions.docs[0]?.id ? String(versions.docs[0].id) : null
}

export { relationId } from '../content/relations'
