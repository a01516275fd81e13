/**
 * The published JSON, file kind by file kind: the contract downstream sites code against.
 * Each kind has its JSON Schema in `schemas/`; a field without a value is left out, never empty.
 */

/** How a reader's language is served: its own approved translation, or another language's text. */
export type TranslationState = 'source' | 'missing' | 'in_progress' | 'in_review' | 'approved' | 'outdated'

export interface PublishedDate {
  /** Calendar date, `YYYY-MM-DD`. */
  date: string
  /** The sentence a page prints, in the reader's language ("Last updated on 3rd Jul, 2025"). */
  label: string
}

export interface PublishedImage {
  alt: string
  url: string
  width?: number
  height?: number
  sizes: { name: string; url: string; width: number; height?: number }[]
}

export interface PublishedDoctor {
  id: string
  name: string
  specialty: { slug: string; name: string; title: string }
  practicingSince: number
  yearsOfExperience: number
  /** "9 Years", in the reader's language. */
  experienceLabel: string
  qualifications: string[]
  clinic: { id: string; name: string; city: string }
  languagesSpoken: string[]
  photo?: PublishedImage
}

export type PublishedBlock =
  | { type: 'prose'; html: string; text: string }
  | { type: 'termList'; items: PublishedTerm[] }

export interface PublishedTerm {
  term: string
  explanation: string
  subItems: { term: string; explanation: string }[]
}

export interface PublishedSection {
  id: string
  heading: string
  /** The whole section body as sanitized HTML. */
  html: string
  /** The same as plain text, paragraphs separated by blank lines. */
  text: string
  content: PublishedBlock[]
}

export interface ArticleDocument {
  kind: 'article'
  id: string
  slug: string
  /** The reader's language this file is for (its folder). */
  locale: string
  /** The language of the title, summary and sections; differs from `locale` in a fallback. */
  contentLocale: string
  dir: 'ltr' | 'rtl'
  version: { revision: number | null; id: string | null }
  title: string
  summary: string
  specialty: { id: string; slug: string; name: string }
  author?: { name: string; label: string }
  reviewer?: { name: string; label: string }
  lastUpdated?: PublishedDate
  lastReviewed?: PublishedDate
  nextReviewDue?: PublishedDate
  changelogNote?: string
  heroImage?: PublishedImage
  sections: PublishedSection[]
  references?: { heading: string; items: { citation: string; url?: string; accessed?: PublishedDate }[] }
  doctors?: { heading: string; items: PublishedDoctor[] }
  translation: {
    state: TranslationState
    fallback: boolean
    /** In the reader's language, present only when `fallback` is true. */
    notice?: string
  }
  jsonLd: Record<string, unknown>
}

/** One line of `<locale>/articles/index.json` and of a specialty's article list. */
export interface ArticleIndexEntry {
  id: string
  slug: string
  path: string
  title: string
  summary: string
  contentLocale: string
  fallback: boolean
  specialty: { slug: string; name: string }
  lastUpdated?: PublishedDate
}

export interface ArticleIndexDocument {
  kind: 'articleIndex'
  locale: string
  dir: 'ltr' | 'rtl'
  articles: ArticleIndexEntry[]
}

export interface DoctorDirectoryDocument {
  kind: 'doctorDirectory'
  locale: string
  dir: 'ltr' | 'rtl'
  doctors: PublishedDoctor[]
}

export interface SpecialtyDocument {
  kind: 'specialty'
  id: string
  slug: string
  locale: string
  dir: 'ltr' | 'rtl'
  name: string
  doctorTitle: { singular: string; plural: string }
  doctors: { heading: string; items: PublishedDoctor[] }
  articles: ArticleIndexEntry[]
}

/** The kinds of file in the published tree, as the manifest names them. */
export type FileKind = 'article' | 'articleIndex' | 'doctorDirectory' | 'specialty' | 'schema'

export interface ManifestEntry {
  path: string
  sha256: string
  bytes: number
  locale: string | null
  kind: FileKind
  /** The article revision a file shows; null for files that are not one article's. */
  version: number | null
}

export interface Tombstone {
  path: string
  locale: string | null
  kind: FileKind
  version: number | null
  removedAt: string
}

export interface ManifestDocument {
  kind: 'manifest'
  files: ManifestEntry[]
  tombstones: Tombstone[]
}
