import type { CollectionAfterReadHook } from 'payload'

import { approvedContentOf, type ApprovedContent } from '../localization/approvedContent'
import { loadLanguages, SOURCE_LOCALE, translationsDir, type Language } from '../languages/registry'
import type { Article } from '../payload-types'
import type { TranslationState } from './publishedJson'
import { chooseServedContent } from './servedContent'
import { loadApprovedTexts, TranslationRecordStatus } from './translationStatus'

/** How one language of an article is served to a reader, as the published JSON says it. */
export interface ServedLanguage {
  /** The language of the texts served; differs from the reader's language in a fallback. */
  contentLocale: string
  state: TranslationState
  fallback: boolean
}

type Row = Record<string, unknown> & { id?: string | null }
type Localized = Record<string, unknown>

const languagesByDir = new Map<string, Language[]>()
function languages(): Language[] {
  const dir = translationsDir()
  if (!languagesByDir.has(dir)) languagesByDir.set(dir, loadLanguages(dir))
  return languagesByDir.get(dir)!
}

/**
 * Serves readers (no staff account, access applied: REST, GraphQL, the Local API with
 * `overrideAccess: false`, relations populated into such reads) what publishing publishes for
 * each language: the approved translation of the current clinical revision, or the fallback
 * language's texts, flagged in `translation`. Payload's publish carries every language's latest
 * draft into the live document, so the stored texts of a translation are never shown as they are.
 * Staff and the server's own reads (`overrideAccess: true`) see the stored document.
 */
export const serveApprovedTexts: CollectionAfterReadHook<Article> = async ({ doc, req, overrideAccess }) => {
  if (overrideAccess || req.user || !doc?.id) return doc
  const locale: string = req.locale ?? SOURCE_LOCALE
  const all = languages()
  const source = all.find((language) => language.code === SOURCE_LOCALE)!
  const wanted = locale === 'all' ? all : all.filter((language) => language.code === locale)
  if (wanted.length === 0) return doc
  // Nested reads get no `req`: a Local API call given one sets its locale to theirs, and the hooks
  // of a list's documents run side by side on the same request.
  const { payload } = req
  const published = await payload.findByID({ collection: 'articles', id: doc.id, locale: SOURCE_LOCALE, draft: false, depth: 0, overrideAccess: true })
  const status = await TranslationRecordStatus.load(payload, [doc.id])
  const clinicalRevision = published.clinicalRevision ?? 0
  const translated = all.filter((language) => language.code !== source.code).map((language) => language.code)
  const approved = await loadApprovedTexts(payload, status, [{ id: doc.id, clinicalRevision }], translated)

  const served: Record<string, ServedLanguage> = {}
  const texts = new Map<string, ApprovedContent>()
  for (const language of wanted) {
    const chosen = chooseServedContent(language, all, source, (code) => approved.get(`${doc.id}:${code}`))
    served[language.code] = {
      contentLocale: chosen.language.code,
      state: language.code === source.code ? 'source' : status.approvalOf(doc.id, language.code, clinicalRevision).state,
      fallback: chosen.language.code !== language.code,
    }
    texts.set(language.code, chosen.content ?? approvedContentOf(published))
  }
  const record = doc as unknown as Row
  if (locale === 'all') {
    for (const [code, content] of texts) mergeLanguage(record, code, content)
  } else {
    replaceTexts(record, texts.get(locale)!)
  }
  record.translation = served
  return doc
}

/** A read in one language: its texts become the served ones (only the fields the read selected). */
function replaceTexts(doc: Row, content: ApprovedContent): void {
  if ('title' in doc) doc.title = content.title ?? null
  if ('summary' in doc) doc.summary = content.summary ?? null
  if ('changelogNote' in doc) doc.changelogNote = content.changelogNote ?? null
  if ('sections' in doc) doc.sections = content.sections ?? []
  // The date the served texts carry, as the language's published file shows it.
  if ('lastUpdated' in doc && content.lastUpdated) doc.lastUpdated = content.lastUpdated
}

const byId = (rows: unknown): Map<string, Row> => new Map(((rows as Row[] | null | undefined) ?? []).map((row) => [String(row.id), row]))

function setLocale(row: Row, field: string, code: string, value: unknown): void {
  const current = row[field]
  if (current && typeof current === 'object' && !Array.isArray(current)) (current as Localized)[code] = value ?? null
  else if (field in row) row[field] = { [code]: value ?? null }
}

/** A read in all languages (`locale=all`): one language's values become the served texts, row by row. */
function mergeLanguage(doc: Row, code: string, content: ApprovedContent): void {
  setLocale(doc, 'title', code, content.title)
  setLocale(doc, 'summary', code, content.summary)
  setLocale(doc, 'changelogNote', code, content.changelogNote)
  const sections = byId(content.sections)
  for (const section of (doc.sections as Row[] | undefined) ?? []) {
    const served = sections.get(String(section.id))
    setLocale(section, 'heading', code, served?.heading)
    const blocks = byId(served?.content)
    for (const block of (section.content as Row[] | undefined) ?? []) {
      const servedBlock = blocks.get(String(block.id))
      if (block.blockType === 'prose') setLocale(block, 'body', code, servedBlock?.body)
      else mergeTerms(block.items, servedBlock?.items, code)
    }
  }
}

function mergeTerms(rows: unknown, servedRows: unknown, code: string): void {
  const served = byId(servedRows)
  for (const row of (rows as Row[] | undefined) ?? []) {
    const match = served.get(String(row.id))
    setLocale(row, 'term', code, match?.term)
    setLocale(row, 'explanation', code, match?.explanation)
    if (Array.isArray(row.subItems)) mergeTerms(row.subItems, match?.subItems, code)
  }
}
