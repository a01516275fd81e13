import type { Payload, PayloadRequest } from 'payload'

import type { ArticleTranslation } from '../payload-types'
import { LocalizationError } from './errors'
import { articleUnits, type ArticleInAllLocales } from './articleUnits'
import { factsFromRecord, findFacts, findFactsOfArticles, readArticleInAllLocales, relationId, sourceSnapshot } from './translationRecords'
import { loadLanguages, SOURCE_LOCALE, type Language } from '../languages/registry'
import { deriveLocaleState, LOCALE_STATES, type DerivedLocaleState, type LocaleState, type SourceSnapshot, type TranslationStage } from './localeState'

/** Everything known about one locale of one article; what publishing and the admin read. */
export interface LocaleTranslationStatus extends DerivedLocaleState {
  locale: string
  /** The language's text direction, from its meta.json. */
  dir: 'ltr' | 'rtl'
  /** The stored stage behind the state; null when there is no translation. */
  stage: TranslationStage | null
  translator: string | null
  translatedAt: string | null
  /** The source revision and article version the translation was last written against. */
  translatedFromRevision: number | null
  translatedFromVersionId: string | null
  reviewer: string | null
  reviewNote: string | null
  approvedAt: string | null
  /** The article version holding the approved translation: publishing renders the locale from it. */
  approvedVersionId: string | null
  approvedRevision: number | null
  approvedClinicalRevision: number | null
}

/** The languages articles are translated into: every language but the source. */
export function translationLanguages(languages: Language[] = loadLanguages()): Language[] {
  return languages.filter((language) => language.code !== SOURCE_LOCALE)
}

export function assertTranslationLocale(locale: string, languages: Language[] = loadLanguages()): Language {
  const language = translationLanguages(languages).find((candidate) => candidate.code === locale)
  if (!language) {
    const codes = translationLanguages(languages).map((candidate) => candidate.code)
    throw new LocalizationError({
      code: 'LOCALE_UNKNOWN',
      status: 400,
      message:
        locale === SOURCE_LOCALE
          ? `${SOURCE_LOCALE} is the source language, not a translation; its workflow is the article's own.`
          : `"${locale}" is not a language of the library. Translations exist for: ${codes.join(', ')}.`,
    })
  }
  return language
}

export function statusOf(language: Language, record: ArticleTranslation | null | undefined, source: SourceSnapshot): LocaleTranslationStatus {
  return {
    locale: language.code,
    dir: language.dir,
    ...deriveLocaleState(factsFromRecord(record), source),
    stage: (record?.stage as TranslationStage | undefined) ?? null,
    translator: relationId(record?.translator),
    translatedAt: record?.translatedAt ?? null,
    translatedFromRevision: record?.translatedFromRevision ?? null,
    translatedFromVersionId: record?.translatedFromVersionId ?? null,
    reviewer: relationId(record?.reviewer),
    reviewNote: record?.reviewNote ?? null,
    approvedAt: record?.approvedAt ?? null,
    approvedVersionId: record?.approvedVersionId ?? null,
    approvedRevision: record?.approvedRevision ?? null,
    approvedClinicalRevision: record?.approvedClinicalRevision ?? null,
  }
}

async function requireArticle(payload: Payload, articleId: string, req?: Partial<PayloadRequest>): Promise<ArticleInAllLocales> {
  const article = await readArticleInAllLocales(payload, articleId, req)
  if (!article) throw new LocalizationError({ code: 'ARTICLE_NOT_FOUND', status: 404, message: `No article has the id ${articleId}.` })
  return article
}

/**
 * The translation status of one locale of one article: its state, whether publishing may show it
 * (`publishable`, `flagged`), the article version holding the approved translation, and the
 * sections changed in the source since they were translated.
 */
export async function translationStatus(payload: Payload, articleId: string, locale: string, req?: Partial<PayloadRequest>): Promise<LocaleTranslationStatus> {
  const language = assertTranslationLocale(locale)
  const article = await requireArticle(payload, articleId, req)
  const record = await findFacts(payload, articleId, locale, req)
  return statusOf(language, record, sourceSnapshot(article, articleUnits(article, SOURCE_LOCALE)))
}

export interface ArticleTranslationsReport {
  article: { id: string; slug: string | null; revision: number; clinicalRevision: number }
  locales: LocaleTranslationStatus[]
}

/** The status of every translation locale of one article. */
export async function articleTranslationStatuses(payload: Payload, articleId: string, req?: Partial<PayloadRequest>): Promise<ArticleTranslationsReport> {
  const article = await requireArticle(payload, articleId, req)
  const source = sourceSnapshot(article, articleUnits(article, SOURCE_LOCALE))
  const records = new Map((await findFactsOfArticles(payload, [articleId], req)).map((record) => [record.locale, record]))
  return {
    article: { id: article.id, slug: typeof article.slug === 'string' ? article.slug : null, revision: source.revision, clinicalRevision: source.clinicalRevision },
    locales: translationLanguages().map((language) => statusOf(language, records.get(language.code), source)),
  }
}

export interface CoverageOptions {
  /** Only these locales' columns. */
  locales?: string[]
  /** Only rows where at least one shown locale is in one of these states. */
  states?: LocaleState[]
  /** Only articles whose English title or slug holds every one of these words (any case). */
  titleWords?: string[]
  page?: number
  /** Articles per page. */
  limit?: number
}

export interface CoverageReport {
  locales: Array<{ code: string; name: string; englishName: string; dir: 'ltr' | 'rtl' }>
  articles: Array<{ id: string; slug: string; title: string; locales: Record<string, { state: LocaleState; outdatedSections: string[]; publishable: boolean }> }>
  /** Per locale, how many of the listed articles are in each state. */
  totals: Record<string, Record<LocaleState, number>>
  page: number
  totalPages: number
  totalArticles: number
}

/** The dashboard matrix: articles × translation locales, each cell the derived state. */
export async function translationCoverage(payload: Payload, options: CoverageOptions = {}, req?: Partial<PayloadRequest>): Promise<CoverageReport> {
  const languages = translationLanguages()
  for (const locale of options.locales ?? []) assertTranslationLocale(locale)
  const shown = options.locales?.length ? languages.filter((language) => options.locales?.includes(language.code)) : languages
  // States are derived, not stored, and the title is one of several localized values, so a filter by
  // state or by title words reads every article and pages the matches.
  const words = (options.titleWords ?? []).map((word) => word.toLowerCase()).filter(Boolean)
  const filtering = Boolean(options.states?.length) || words.length > 0
  const pageNumber = options.page ?? 1
  const limit = options.limit ?? 100
  const page = await payload.find({
    collection: 'articles',
    locale: 'all',
    draft: true,
    depth: 0,
    sort: 'slug',
    ...(filtering ? { pagination: false } : { page: pageNumber, limit }),
    overrideAccess: true,
    req,
  })
  const records = await findFactsOfArticles(
    payload,
    page.docs.map((doc) => String(doc.id)),
    req,
  )
  const byKey = new Map(records.map((record) => [`${relationId(record.article)}:${record.locale}`, record]))
  const totals = Object.fromEntries(shown.map((language) => [language.code, Object.fromEntries(LOCALE_STATES.map((state) => [state, 0]))])) as CoverageReport['totals']
  const rows: CoverageReport['articles'] = []
  for (const doc of page.docs as unknown as ArticleInAllLocales[]) {
    const title = String(doc.title?.[SOURCE_LOCALE] ?? '')
    const slug = String(doc.slug ?? '')
    if (!words.every((word) => `${title} ${slug}`.toLowerCase().includes(word))) continue
    const source = sourceSnapshot(doc, articleUnits(doc, SOURCE_LOCALE))
    const cells = Object.fromEntries(
      shown.map((language) => {
        const status = statusOf(language, byKey.get(`${doc.id}:${language.code}`), source)
        return [language.code, { state: status.state, outdatedSections: status.outdatedSections, publishable: status.publishable }]
      }),
    )
    if (options.states?.length && !Object.values(cells).some((cell) => options.states?.includes(cell.state))) continue
    for (const [code, cell] of Object.entries(cells)) totals[code][cell.state] += 1
    rows.push({ id: String(doc.id), slug, title, locales: cells })
  }
  const locales = shown.map(({ code, name, englishName, dir }) => ({ code, name, englishName, dir }))
  if (!filtering) return { locales, articles: rows, totals, page: page.page ?? 1, totalPages: page.totalPages, totalArticles: page.totalDocs }
  return {
    locales,
    articles: rows.slice((pageNumber - 1) * limit, pageNumber * limit),
    totals,
    page: pageNumber,
    totalPages: Math.max(1, Math.ceil(rows.length / limit)),
    totalArticles: rows.length,
  }
}
