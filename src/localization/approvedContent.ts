import type { Payload, PayloadRequest } from 'payload'

import type { Article } from '../payload-types'

/**
 * One language's texts of an article exactly as a reviewer approved them: the localized fields
 * (title, summary, changelog note, sections with their structure) and the date the approved
 * version carried. Kept on the translation record, so what readers are served never depends on
 * an article version that version pruning may have deleted. The readability score stored with
 * those texts comes along, so publishing need not measure them again.
 */
export type ApprovedContent = Pick<Article, 'title' | 'summary' | 'sections'> & Partial<Pick<Article, 'changelogNote' | 'lastUpdated' | 'readability'>>

const APPROVED_FIELDS = ['title', 'summary', 'changelogNote', 'lastUpdated', 'sections', 'readability'] as const

/** The approved texts of one locale, picked from an article (or article version) read in that locale without fallback. */
export function approvedContentOf(article: Partial<Article>): ApprovedContent {
  const content: Record<string, unknown> = {}
  for (const field of APPROVED_FIELDS) if (article[field] !== undefined) content[field] = article[field]
  return content as ApprovedContent
}

/** The texts of one locale held by an article version, or null when the version no longer exists. */
export async function readVersionContent(payload: Payload, versionId: string, locale: string, req?: Partial<PayloadRequest>): Promise<ApprovedContent | null> {
  const contents = await readVersionContents(payload, [versionId], locale, req)
  return contents.get(versionId) ?? null
}

/** The texts of one locale held by each of these article versions (those that still exist). */
export async function readVersionContents(
  payload: Payload,
  versionIds: string[],
  locale: string,
  req?: Partial<PayloadRequest>,
): Promise<Map<string, ApprovedContent>> {
  const unique = [...new Set(versionIds)]
  if (unique.length === 0) return new Map()
  const found = await payload.findVersions({
    collection: 'articles',
    where: { id: { in: unique } },
    locale: locale as 'en',
    fallbackLocale: false,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return new Map(found.docs.map((version) => [String(version.id), approvedContentOf(version.version as Article)]))
}

/**
 * Gives approvals recorded before their texts were kept on the translation record those texts,
 * copied from the article version the approval points at while it still exists (until then,
 * readers are served from that version). Run by the migration that added the field.
 */
export async function backfillApprovedContent(payload: Payload, req?: Partial<PayloadRequest>): Promise<number> {
  const approved = await payload.find({
    collection: 'article-translations',
    where: { approvedVersionId: { exists: true } },
    // Only the columns this migration's schema has: later migrations add columns that a full read would ask for.
    select: { locale: true, approvedVersionId: true, approvedContent: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  let filled = 0
  for (const record of approved.docs) {
    if (record.approvedContent || !record.approvedVersionId) continue
    const approvedContent = await readVersionContent(payload, record.approvedVersionId, record.locale, req)
    if (!approvedContent) continue
    await payload.update({ collection: 'article-translations', id: record.id, data: { approvedContent }, depth: 0, overrideAccess: true, req })
    filled += 1
  }
  return filled
}
