import type { Language } from '../../languages/registry'
import type { Article } from '../../payload-types'
import type {
  ArticleDocument,
  ArticleIndexEntry,
  PublishedAlternate,
  PublishedBlock,
  PublishedDate,
  PublishedDoctor,
  PublishedReference,
  PublishedSection,
  PublishedTerm,
  TranslationState,
} from '../publishedJson'
import type { LocaleLabels } from '../readerLabels'
import { articlePath } from '../layout'
import { escapeText, renderRichText, type RichTextValue } from '../richText'
import { canonicalOf, ownLanguagesOf } from './alternates'
import { publishedDoctor, type DirectorySnapshot } from './directory'
import { relationId } from '../../content/relations'
import { doiUrl, pubmedUrl } from '../../content/referenceIdentifiers'
import { articleReadability, type ReadableContent } from '../../readability/articleText'

/**
 * The review fields the workflow adds to articles. Read as optional so publishing renders them
 * when present and leaves them out, label and all, when not.
 */
export interface ReviewFields {
  lastReviewed?: string | null
  reviewedBy?: string | { id: string } | null
  nextReviewDue?: string | null
  revision?: number | null
  clinicalRevision?: number | null
}

export type ArticleRecord = Article & ReviewFields

export interface ArticleRenderInput {
  /** The published document: every field that is not a text of one language comes from it. */
  article: ArticleRecord
  /** The document whose texts are shown: the published one, or the translation's approved version. */
  content: ArticleRecord
  contentLanguage: Language
  reader: Language
  /** `approval`: when and by whom the translation shown was approved, for a language served in its own translation. */
  translation: { state: TranslationState; fallback: boolean; approval?: TranslationApproval }
  /** Every language's page of the article (`alternatesOf`), and the source language whose page a fallback points to. */
  alternates: PublishedAlternate[]
  sourceLocale: string
  version: { revision: number | null; id: string | null }
  directory: DirectorySnapshot
  labels: LocaleLabels
  today: Date
}

export interface TranslationApproval {
  reviewedOn: string | null
  reviewerId: string | null
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : relationId(value)!

function calendarDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10)
}

function datedLabel(iso: string | null | undefined, label: (iso: string) => string): PublishedDate | undefined {
  if (!iso) return undefined
  return { date: calendarDate(iso), label: label(iso) }
}

function terms(items: { term: string; explanation: string }[] | null | undefined) {
  return (items ?? []).map((item) => ({ term: item.term, explanation: item.explanation }))
}

function termListHtml(items: PublishedTerm[]): string {
  const item = (term: { term: string; explanation: string }, children: string) =>
    `<li><strong>${escapeText(term.term)}:</strong> ${escapeText(term.explanation)}${children}</li>`
  return `<ul>${items
    .map((entry) => item(entry, entry.subItems.length > 0 ? `<ul>${entry.subItems.map((sub) => item(sub, '')).join('')}</ul>` : ''))
    .join('')}</ul>`
}

function termListText(items: PublishedTerm[]): string {
  return items
    .map((entry) => [`${entry.term}: ${entry.explanation}`, ...entry.subItems.map((sub) => `  ${sub.term}: ${sub.explanation}`)].join('\n'))
    .join('\n')
}

/**
 * Sections rendered, by the section as read: a section's HTML and text depend on nothing else, and
 * every language served the same text as a fallback shows the very same section.
 */
const renderedSections = new WeakMap<object, { index: number; rendered: PublishedSection }>()

function renderSection(section: Article['sections'][number], index: number): PublishedSection {
  const known = renderedSections.get(section)
  if (known?.index === index) return known.rendered
  const rendered = renderSectionAfresh(section, index)
  renderedSections.set(section, { index, rendered })
  return rendered
}

function renderSectionAfresh(section: Article['sections'][number], index: number): PublishedSection {
  const content: PublishedBlock[] = []
  const html: string[] = []
  const text: string[] = []
  for (const block of section.content ?? []) {
    if (block.blockType === 'prose') {
      const rendered = renderRichText(block.body as RichTextValue)
      content.push({ type: 'prose', ...rendered })
      html.push(rendered.html)
      text.push(rendered.text)
    } else if (block.blockType === 'termList') {
      const items = (block.items ?? []).map((entry) => ({ term: entry.term, explanation: entry.explanation, subItems: terms(entry.subItems) }))
      content.push({ type: 'termList', items })
      html.push(termListHtml(items))
      text.push(termListText(items))
    }
  }
  return { id: section.id ?? `section-${index + 1}`, heading: section.heading, html: html.join(''), text: text.join('\n\n'), content }
}

/** The doctors under an article: its featured doctors in order, else the active doctors of its specialty. */
export function doctorsShownBy(article: ArticleRecord, directory: DirectorySnapshot, labels: LocaleLabels, today: Date): PublishedDoctor[] {
  const featured = (article.featuredDoctors ?? []).map(idOf).filter((id): id is string => id !== null)
  const candidates = featured.length > 0
    ? featured.map((id) => directory.doctorsById.get(id)).filter((doctor) => doctor !== undefined)
    : directory.doctors.filter((doctor) => doctor.specialtyId === idOf(article.specialty))
  return candidates.map((doctor) => publishedDoctor(doctor, directory, labels, today)).filter((doctor): doctor is PublishedDoctor => doctor !== null)
}

const person = (name: string) => ({ '@type': 'Person', name })

/**
 * The review search engines are told of: on a page showing its own translation, the review of
 * that translation by a clinician who reads the language; elsewhere, or where the translation's
 * record lacks it (its reviewer's account was removed), the source's clinical review.
 */
function reviewOf(document: Omit<ArticleDocument, 'jsonLd'>): { lastReviewed?: string; reviewedBy?: ReturnType<typeof person> } {
  const date = document.translation.reviewedOn?.date ?? document.lastReviewed?.date
  const reviewer = document.translation.reviewedBy?.name ?? document.reviewer?.name
  return { ...(date ? { lastReviewed: date } : {}), ...(reviewer ? { reviewedBy: person(reviewer) } : {}) }
}

/** A cited source for schema.org: its citation, the address of its record, and its identifiers. */
function citationOf(reference: PublishedReference): Record<string, unknown> {
  const identifiers = [
    ...(reference.doi ? [{ '@type': 'PropertyValue', propertyID: 'DOI', value: reference.doi }] : []),
    ...(reference.pmid ? [{ '@type': 'PropertyValue', propertyID: 'PMID', value: reference.pmid }] : []),
  ]
  const url = reference.doiUrl ?? reference.pubmedUrl ?? reference.url
  return { '@type': 'CreativeWork', name: reference.citation, ...(url ? { url } : {}), ...(identifiers.length > 0 ? { identifier: identifiers } : {}) }
}

function jsonLd(document: Omit<ArticleDocument, 'jsonLd'>): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    name: document.title,
    headline: document.title,
    description: document.summary,
    inLanguage: document.contentLocale,
    ...(document.lastUpdated ? { dateModified: document.lastUpdated.date } : {}),
    ...reviewOf(document),
    ...(document.author ? { author: person(document.author.name) } : {}),
    // The library is written for patients and the people around them, not for clinicians.
    medicalAudience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
    ...(document.condition ? { about: { '@type': 'MedicalCondition', name: document.condition } } : {}),
    specialty: { '@type': 'MedicalSpecialty', name: document.specialty.name },
    ...(document.references ? { citation: document.references.items.map(citationOf) } : {}),
    ...(document.heroImage ? { image: document.heroImage.url } : {}),
  }
}

/**
 * One article for one reader's language. Labels whose value is missing are left out, so a page
 * never prints "Written by" with no name after it.
 */
export function renderArticle(input: ArticleRenderInput): ArticleDocument {
  const { article, content, directory, labels, today } = input
  const specialty = directory.specialties.get(idOf(article.specialty) ?? '')
  if (!specialty) {
    throw Object.assign(new Error(`Article "${article.slug}" names a specialty that does not exist; choose its specialty again.`), {
      code: 'PUBLISH_SPECIALTY_MISSING',
    })
  }
  const authorName = (idOf(article.author) && directory.people.get(idOf(article.author)!)) || article.byline?.trim() || null
  const reviewerName = idOf(article.reviewedBy) ? directory.people.get(idOf(article.reviewedBy)!) : undefined
  const heroImage = idOf(article.heroImage) ? directory.images.get(idOf(article.heroImage)!) : undefined
  const references = (article.references ?? []).map(
    (reference): PublishedReference => ({
      citation: reference.citation,
      ...(reference.doi?.trim() ? { doi: reference.doi.trim(), doiUrl: doiUrl(reference.doi) } : {}),
      ...(reference.pmid?.trim() ? { pmid: reference.pmid.trim(), pubmedUrl: pubmedUrl(reference.pmid) } : {}),
      ...(reference.url ? { url: reference.url } : {}),
      ...(reference.accessed ? { accessed: datedLabel(reference.accessed, labels.accessedOn)! } : {}),
    }),
  )
  const doctors = doctorsShownBy(article, directory, labels, today)
  const approval = input.translation.fallback ? undefined : input.translation.approval
  const translationReviewer = approval?.reviewerId ? directory.people.get(approval.reviewerId) : undefined
  const changelogNote = content.changelogNote?.trim()
  const document: Omit<ArticleDocument, 'jsonLd'> = {
    kind: 'article',
    id: article.id,
    slug: article.slug,
    locale: input.reader.code,
    contentLocale: input.contentLanguage.code,
    dir: input.contentLanguage.dir,
    version: input.version,
    title: content.title,
    summary: content.summary,
    ...(article.condition?.trim() ? { condition: article.condition.trim() } : {}),
    specialty: { id: specialty.id, slug: specialty.slug, name: specialty.name },
    ...(authorName ? { author: { name: authorName, label: labels.writtenBy(authorName) } } : {}),
    ...(reviewerName ? { reviewer: { name: reviewerName, label: labels.reviewedBy(reviewerName) } } : {}),
    ...optional('lastUpdated', datedLabel(content.lastUpdated ?? article.lastUpdated, labels.lastUpdated)),
    ...optional('lastReviewed', datedLabel(article.lastReviewed, labels.lastReviewed)),
    ...optional('nextReviewDue', datedLabel(article.nextReviewDue, labels.nextReviewDue)),
    ...(changelogNote ? { changelogNote } : {}),
    ...(heroImage ? { heroImage } : {}),
    sections: (content.sections ?? []).map(renderSection),
    ...(references.length > 0 ? { references: { heading: labels.references(), items: references } } : {}),
    ...optional('evidenceCheckedOn', datedLabel(article.evidenceCheckedOn, labels.evidenceCheckedOn)),
    readability: publishedReadability(input.contentLanguage.code, content),
    ...(doctors.length > 0 ? { doctors: { heading: labels.consultTop(specialty.plural), items: doctors } } : {}),
    translation: {
      state: input.translation.state,
      fallback: input.translation.fallback,
      ...(input.translation.fallback ? { notice: labels.fallbackNotice(input.contentLanguage.code) } : {}),
      ...optional('reviewedOn', datedLabel(approval?.reviewedOn, labels.translationReviewedOn)),
      ...(translationReviewer ? { reviewedBy: { name: translationReviewer, label: labels.translationReviewedBy(translationReviewer) } } : {}),
    },
    alternates: input.alternates,
    canonical: canonicalOf(input.alternates, input.reader.code, input.sourceLocale),
  }
  return { ...document, jsonLd: jsonLd(document) }
}

/** Scored from the texts this file serves, in their own language, so a fallback page carries the source's score. */
/** Readability worked out, by the content as read and its language: fallback pages share the source's. */
const readabilityOf = new WeakMap<object, Map<string, ArticleDocument['readability']>>()

function publishedReadability(locale: string, content: ArticleRecord): ArticleDocument['readability'] {
  let byLocale = readabilityOf.get(content)
  if (!byLocale) {
    byLocale = new Map()
    readabilityOf.set(content, byLocale)
  }
  let readability = byLocale.get(locale)
  if (!readability) {
    const { grade, measure, reason, sentences, words } = articleReadability(locale, content as ReadableContent)
    readability = { grade, measure, reason, sentences, words }
    byLocale.set(locale, readability)
  }
  return readability
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

/** The article's line in its language's index and in its specialty's file. */
export function indexEntryOf(document: ArticleDocument): ArticleIndexEntry {
  return {
    id: document.id,
    slug: document.slug,
    path: articlePath(document.locale, document.slug),
    title: document.title,
    summary: document.summary,
    contentLocale: document.contentLocale,
    fallback: document.translation.fallback,
    specialty: { slug: document.specialty.slug, name: document.specialty.name },
    ...(document.lastUpdated ? { lastUpdated: document.lastUpdated } : {}),
    ownLanguages: ownLanguagesOf(document.alternates),
  }
}
