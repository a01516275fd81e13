import type { Payload, Where } from 'payload'

import { hasRole, localesOf } from '../access/roles'
import { articleUnits, type ArticleInAllLocales } from '../localization/articleUnits'
import { relationId, sourceSnapshot } from '../localization/translationRecords'
import { loadLanguages, SOURCE_LOCALE, type Language } from '../languages/registry'
import { statusOf, translationLanguages, type LocaleTranslationStatus } from '../localization/localeTranslationStatus'
import type { ArticleTranslation, User } from '../payload-types'
import { isOwnChange } from '../workflow/availableActions'
import { workflowOptionsFromEnv } from '../workflow/options'
import { listReviewsDue, mayListReviewsDue, type ReviewDueEntry } from '../workflow/reviewDue'

/**
 * What each person has to do, read through the Local API with their own access (`user`,
 * `overrideAccess: false`). Only the names of other people are read with the server's access, as
 * the review-due list does: editors and reviewers may not read other users' accounts.
 */

export interface ArticleRef {
  id: string
  title: string
  slug: string
}

/** A section as people name it: its place in the article and its heading in the source language. */
export interface SectionName {
  id: string
  position: number
  heading: string
}

export interface EditorQueue {
  drafts: Array<ArticleRef & { updatedAt: string }>
  sentBack: Array<ArticleRef & { note: string | null; updatedAt: string }>
  reviewsDue: ReviewDueEntry[]
}

/** Something a reviewer is asked to approve: a change of the source, or a translation. */
export interface ReviewItem {
  kind: 'source' | 'translation'
  article: ArticleRef
  /** The translation's language; null for the source. */
  locale: string | null
  changeKind: string | null
  submittedBy: string | null
  waitingSince: string
}

export interface TranslatorLocaleWork {
  locale: string
  languageName: string
  /** Withheld after a clinical change, or flagged after an editorial one, with the sections that changed. */
  outdated: Array<{ article: ArticleRef; withheld: boolean; sections: SectionName[]; fields: string[] }>
  missing: ArticleRef[]
  inProgress: Array<{ article: ArticleRef; note: string | null; untranslated: SectionName[] }>
  inReview: ArticleRef[]
}

export interface FailingEndpoint {
  id: string
  name: string
  url: string
  active: boolean
  disabledReason: string | null
  failed: number
  retrying: number
  lastError: string | null
  lastStatusCode: number | null
  lastAttemptAt: string | null
}

export interface FailingSend {
  id: string
  article: ArticleRef | null
  revision: number | null
  status: string
  failed: number
  lastReason: string | null
}

export interface AdminAlerts {
  failingEndpoints: FailingEndpoint[]
  failingSends: FailingSend[]
}

const idOf = (value: unknown): string => relationId(value) ?? ''
const textIn = (value: unknown, locale = SOURCE_LOCALE): string =>
  typeof value === 'string' ? value : value && typeof value === 'object' ? String((value as Record<string, unknown>)[locale] ?? '') : ''

function articleRef(doc: { id: unknown; title?: unknown; slug?: unknown }): ArticleRef {
  return { id: String(doc.id), title: textIn(doc.title), slug: String(doc.slug ?? '') }
}

/** The oldest request first: whoever waited longest is served first. */
export function oldestFirst<T extends { waitingSince: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince))
}

/** Names the given sections of an article by their place and source heading, in reading order. */
export function sectionNames(article: Pick<ArticleInAllLocales, 'sections'>, ids: string[]): SectionName[] {
  return (article.sections ?? []).flatMap((section, index) =>
    ids.includes(String(section.id)) ? [{ id: String(section.id), position: index + 1, heading: textIn(section.heading) }] : [],
  )
}

/** Articles a translator is expected to translate: anything once approved or published; drafts only once started. */
function awaitsTranslation(article: ArticleInAllLocales): boolean {
  return Number(article.revision ?? 0) > 0 || article.workflowState === 'approved' || article.workflowState === 'published'
}

/**
 * Sorts one language's articles into the translator's lists from each article's derived state:
 * withheld (a clinical change) or flagged (an editorial one) with the changed sections named,
 * missing, in progress (with a reviewer's note when it was sent back) and waiting for review.
 */
export function translatorWork(language: Language, articles: ArticleInAllLocales[], records: ArticleTranslation[]): TranslatorLocaleWork {
  const byArticle = new Map(records.filter((record) => record.locale === language.code).map((record) => [idOf(record.article), record]))
  const work: TranslatorLocaleWork = { locale: language.code, languageName: language.name, outdated: [], missing: [], inProgress: [], inReview: [] }
  for (const article of articles) {
    const record = byArticle.get(String(article.id))
    const status: LocaleTranslationStatus = statusOf(language, record, sourceSnapshot(article, articleUnits(article, SOURCE_LOCALE)))
    const ref = articleRef(article)
    if (status.state === 'outdated' || status.flagged) {
      work.outdated.push({
        article: ref,
        withheld: status.state === 'outdated',
        sections: sectionNames(article, [...status.outdatedSections, ...status.untranslatedSections]),
        fields: status.outdatedFields,
      })
    } else if (status.state === 'missing') {
      if (awaitsTranslation(article)) work.missing.push(ref)
    } else if (status.state === 'in_progress') {
      work.inProgress.push({ article: ref, note: status.reviewNote, untranslated: sectionNames(article, status.untranslatedSections) })
    } else if (status.state === 'in_review') {
      work.inReview.push(ref)
    }
  }
  return work
}

/** Groups failed and retrying webhook deliveries by endpoint; endpoints a receiver disabled are listed too. */
export function failingEndpoints(
  endpoints: Array<{ id: string; name: string; url: string; active?: boolean | null; disabledReason?: string | null }>,
  deliveries: Array<{ endpoint: unknown; status: string; lastError?: string | null; lastStatusCode?: number | null; updatedAt: string }>,
): FailingEndpoint[] {
  const rows = new Map<string, FailingEndpoint>()
  for (const endpoint of endpoints) {
    rows.set(endpoint.id, {
      id: endpoint.id,
      name: endpoint.name,
      url: endpoint.url,
      active: endpoint.active !== false,
      disabledReason: endpoint.disabledReason ?? null,
      failed: 0,
      retrying: 0,
      lastError: null,
      lastStatusCode: null,
      lastAttemptAt: null,
    })
  }
  for (const delivery of [...deliveries].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))) {
    const row = rows.get(idOf(delivery.endpoint))
    if (!row) continue
    if (delivery.status === 'failed') row.failed += 1
    else if (delivery.status === 'retrying') row.retrying += 1
    else continue
    if (!row.lastAttemptAt) {
      row.lastAttemptAt = delivery.updatedAt
      row.lastError = delivery.lastError ?? null
      row.lastStatusCode = delivery.lastStatusCode ?? null
    }
  }
  return [...rows.values()].filter((row) => row.failed + row.retrying > 0 || !row.active)
}

async function namesOf(payload: Payload, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))]
  if (unique.length === 0) return new Map()
  const { docs } = await payload.find({ collection: 'users', where: { id: { in: unique } }, select: { name: true }, depth: 0, pagination: false, overrideAccess: true })
  return new Map(docs.map((doc) => [String(doc.id), String(doc.name ?? '')]))
}

/** An editor's drafts and the changes sent back to them, newest first, and the reviews due. */
export async function editorQueue(payload: Payload, user: User): Promise<EditorQueue> {
  const { docs } = await payload.find({
    collection: 'articles',
    draft: true,
    depth: 0,
    limit: 100,
    sort: '-updatedAt',
    where: {
      and: [
        { workflowState: { in: ['draft', 'changes_requested'] } },
        { or: [{ changeAuthors: { in: [user.id] } }, { submittedBy: { equals: user.id } }, { author: { equals: user.id } }] },
      ],
    },
    overrideAccess: false,
    user,
  })
  const reviewsDue = mayListReviewsDue(user)
    ? (await listReviewsDue({ payload, user, withinDays: workflowOptionsFromEnv().reviewDueWithinDays })).docs
    : []
  return {
    drafts: docs.filter((doc) => doc.workflowState === 'draft').map((doc) => ({ ...articleRef(doc), updatedAt: doc.updatedAt })),
    sentBack: docs
      .filter((doc) => doc.workflowState === 'changes_requested')
      .map((doc) => ({ ...articleRef(doc), note: doc.reviewNote ?? null, updatedAt: doc.updatedAt })),
    reviewsDue,
  }
}

/** Everything waiting for this reviewer: changes of the source (not their own) and translations in their languages, oldest first. */
export async function reviewerQueue(payload: Payload, user: User): Promise<ReviewItem[]> {
  if (!hasRole(user, 'reviewer')) return []
  const userId = String(user.id)
  const items: Array<ReviewItem & { submitterId: string }> = []

  const inReview = await payload.find({
    collection: 'articles',
    draft: true,
    depth: 0,
    pagination: false,
    where: { workflowState: { equals: 'in_review' } },
    overrideAccess: false,
    user,
  })
  const waiting = inReview.docs.filter((doc) => !isOwnChange(doc, userId))
  if (waiting.length > 0) {
    const events = await payload.find({
      collection: 'workflow-events',
      where: { and: [{ article: { in: waiting.map((doc) => doc.id) } }, { to: { equals: 'in_review' } }] },
      sort: '-createdAt',
      depth: 0,
      pagination: false,
      overrideAccess: false,
      user,
    })
    const submitted = new Map<string, string>()
    for (const event of events.docs) {
      if (!event.locale && !submitted.has(idOf(event.article))) submitted.set(idOf(event.article), event.createdAt)
    }
    for (const doc of waiting) {
      items.push({
        kind: 'source',
        article: articleRef(doc),
        locale: null,
        changeKind: doc.changeKind ?? null,
        submittedBy: null,
        submitterId: idOf(doc.submittedBy),
        waitingSince: submitted.get(String(doc.id)) ?? doc.updatedAt,
      })
    }
  }

  const languages = translationLanguages().filter((language) => localesOf(user).includes(language.code))
  if (languages.length > 0) {
    const records = await payload.find({
      collection: 'article-translations',
      where: { and: [{ stage: { equals: 'in_review' } }, { locale: { in: languages.map((language) => language.code) } }] },
      depth: 0,
      pagination: false,
      overrideAccess: false,
      user,
    })
    const candidates = records.docs.filter((record) => idOf(record.translator) !== userId)
    if (candidates.length > 0) {
      const articles = await payload.find({
        collection: 'articles',
        where: { id: { in: [...new Set(candidates.map((record) => idOf(record.article)))] } },
        locale: 'all',
        draft: true,
        depth: 0,
        pagination: false,
        overrideAccess: false,
        user,
      })
      const byId = new Map((articles.docs as unknown as ArticleInAllLocales[]).map((doc) => [String(doc.id), doc]))
      for (const record of candidates) {
        const article = byId.get(idOf(record.article))
        const language = languages.find((entry) => entry.code === record.locale)
        if (!article || !language) continue
        // A clinical change since the submission makes the translation outdated: nothing to approve until it is updated.
        if (statusOf(language, record, sourceSnapshot(article, articleUnits(article, SOURCE_LOCALE))).state !== 'in_review') continue
        items.push({
          kind: 'translation',
          article: articleRef(article),
          locale: record.locale,
          changeKind: null,
          submittedBy: null,
          submitterId: idOf(record.translator),
          waitingSince: record.submittedAt ?? record.updatedAt,
        })
      }
    }
  }

  const names = await namesOf(payload, items.map((item) => item.submitterId))
  return oldestFirst(items).map(({ submitterId, ...item }) => ({ ...item, submittedBy: names.get(submitterId) ?? null }))
}

/** Per language of the translator's, the articles missing, outdated (sections named) and in progress. */
export async function translatorQueue(payload: Payload, user: User): Promise<TranslatorLocaleWork[]> {
  if (!hasRole(user, 'translator')) return []
  const languages = translationLanguages(loadLanguages()).filter((language) => localesOf(user).includes(language.code))
  if (languages.length === 0) return []
  const where: Where = { workflowState: { not_in: ['archived', 'unpublished'] } }
  const articles = await payload.find({
    collection: 'articles',
    where,
    locale: 'all',
    draft: true,
    depth: 0,
    sort: 'slug',
    limit: 500,
    overrideAccess: false,
    user,
  })
  const records = await payload.find({
    collection: 'article-translations',
    where: { locale: { in: languages.map((language) => language.code) } },
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user,
  })
  const docs = articles.docs as unknown as ArticleInAllLocales[]
  return languages.map((language) => translatorWork(language, docs, records.docs))
}

/** For admins: webhook endpoints that are failing or disabled, and newsletter sends with failed recipients. */
export async function adminAlerts(payload: Payload, user: User): Promise<AdminAlerts> {
  if (!hasRole(user, 'admin')) return { failingEndpoints: [], failingSends: [] }
  const endpoints = await payload.find({ collection: 'webhook-endpoints', depth: 0, pagination: false, overrideAccess: false, user })
  const deliveries = await payload.find({
    collection: 'webhook-deliveries',
    where: { status: { in: ['failed', 'retrying'] } },
    select: { endpoint: true, status: true, lastError: true, lastStatusCode: true, updatedAt: true },
    sort: '-updatedAt',
    depth: 0,
    limit: 1000,
    overrideAccess: false,
    user,
  })

  const failedRecipients = await payload.find({
    collection: 'newsletter-deliveries',
    where: { status: { equals: 'failed' } },
    select: { send: true, failureReason: true, updatedAt: true },
    sort: '-updatedAt',
    depth: 0,
    limit: 5000,
    overrideAccess: false,
    user,
  })
  const bySend = new Map<string, { failed: number; lastReason: string | null }>()
  for (const row of failedRecipients.docs) {
    const entry = bySend.get(idOf(row.send)) ?? { failed: 0, lastReason: row.failureReason ?? null }
    entry.failed += 1
    bySend.set(idOf(row.send), entry)
  }
  const sends = bySend.size
    ? await payload.find({ collection: 'newsletter-sends', where: { id: { in: [...bySend.keys()] } }, depth: 0, pagination: false, sort: '-createdAt', overrideAccess: false, user })
    : { docs: [] }
  const articleIds = [...new Set(sends.docs.map((send) => idOf(send.article)))]
  const articles = articleIds.length
    ? await payload.find({ collection: 'articles', where: { id: { in: articleIds } }, select: { title: true, slug: true }, draft: true, depth: 0, pagination: false, overrideAccess: false, user })
    : { docs: [] }
  const articleById = new Map(articles.docs.map((doc) => [String(doc.id), articleRef(doc)]))

  return {
    failingEndpoints: failingEndpoints(
      endpoints.docs.map((endpoint) => ({ ...endpoint, id: String(endpoint.id) })),
      deliveries.docs.map((delivery) => ({ ...delivery, status: String(delivery.status) })),
    ),
    failingSends: sends.docs.map((send) => ({
      id: String(send.id),
      article: articleById.get(idOf(send.article)) ?? null,
      revision: send.revision ?? null,
      status: String(send.status),
      failed: bySend.get(String(send.id))?.failed ?? 0,
      lastReason: bySend.get(String(send.id))?.lastReason ?? null,
    })),
  }
}
