import type { ReadabilityMeasure, UnscoredReason } from '../readability/measures'
import type { AsPlainObject } from 'minisearch'

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

/** Where one language's page of an article lives: in the published tree and on the downstream site. */
export interface PublishedPageAddress {
  locale: string
  /** The file in the published tree. */
  path: string
  /** The page on the downstream site (`SITE_ARTICLE_URL`). */
  url: string
}

/** One language's page of an article, as listed in every language's file of it. */
export interface PublishedAlternate extends PublishedPageAddress {
  /** True when that page shows that language's own approved text; false for a fallback page. */
  servedInOwnLanguage: boolean
}

/** One source the article cites; a DOI and a PubMed id come with the address of their record. */
export interface PublishedReference {
  citation: string
  doi?: string
  doiUrl?: string
  pmid?: string
  pubmedUrl?: string
  url?: string
  accessed?: PublishedDate
}

export interface PublishedReadability {
  /** A school grade-equivalent to one decimal; null when the language has no measure or there is no text. */
  grade: number | null
  measure: ReadabilityMeasure | null
  reason: UnscoredReason | null
  sentences: number
  words: number
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
  /** The condition the article is about, by its English medical name. */
  condition?: string
  specialty: { id: string; slug: string; name: string }
  author?: { name: string; label: string }
  reviewer?: { name: string; label: string }
  lastUpdated?: PublishedDate
  lastReviewed?: PublishedDate
  nextReviewDue?: PublishedDate
  changelogNote?: string
  heroImage?: PublishedImage
  sections: PublishedSection[]
  references?: { heading: string; items: PublishedReference[] }
  /** When a reviewer approving a change last confirmed that the references were re-checked. */
  evidenceCheckedOn?: PublishedDate
  /** How easy the text of this file is to read, by its content language's own measure (README, "Readability"). */
  readability: PublishedReadability
  doctors?: { heading: string; items: PublishedDoctor[] }
  translation: {
    state: TranslationState
    fallback: boolean
    /** In the reader's language, present only when `fallback` is true. */
    notice?: string
    /** When a reviewer of this language approved the translation shown; only on a page served in its own translation. */
    reviewedOn?: PublishedDate
    /** That reviewer. */
    reviewedBy?: { name: string; label: string }
  }
  /** Every language's page of this article; those served in their own language are its hreflang alternates. */
  alternates: PublishedAlternate[]
  /** This page when it shows its own language, else the source language's page. */
  canonical: PublishedPageAddress
  jsonLd: Record<string, unknown>
}

/** One line of a language's article index and of a specialty's article list. */
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
  /** The languages whose page of this article shows their own approved text, the source included. */
  ownLanguages: string[]
}

/** A shard of an article list: its number, its file and how many articles it holds. */
export interface ArticleShardSummary {
  shard: number
  path: string
  articles: number
}

/**
 * `<locale>/articles/index.json`: the shards of a language's article index. An article's shard is
 * FNV-1a of its slug modulo `shardCount`, as for search, so the index and search shards of an
 * article have the same number.
 */
export interface ArticleIndexDocument {
  kind: 'articleIndex'
  locale: string
  dir: 'ltr' | 'rtl'
  shardCount: number
  /** The shards that hold articles, in shard order. */
  shards: ArticleShardSummary[]
}

/** `<locale>/articles/index/<nn>.json`: the index lines of the articles in one shard, by slug. */
export interface ArticleIndexShardDocument {
  kind: 'articleIndexShard'
  locale: string
  dir: 'ltr' | 'rtl'
  shard: number
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
  /** Shards of the specialty's article list (`articleShards` lists those that hold articles). */
  articleShardCount: number
  articleShards: ArticleShardSummary[]
}

/** `<locale>/specialties/<slug>/<nn>.json`: the index lines of a specialty's articles in one shard, by slug. */
export interface SpecialtyArticlesDocument {
  kind: 'specialtyArticles'
  locale: string
  dir: 'ltr' | 'rtl'
  specialty: string
  shard: number
  articles: ArticleIndexEntry[]
}

/**
 * One shard of a language's search index: `index` is a MiniSearch index as `toJSON()` gives it,
 * to load with `MiniSearch.loadJS(shard.index, { fields, storeFields, tokenize })`.
 */
export interface SearchShardDocument {
  kind: 'searchShard'
  locale: string
  shard: number
  index: AsPlainObject
}

/** `<locale>/search/index.json`: the shards of a language's search index and how to query them. */
export interface SearchIndexDocument {
  kind: 'searchIndex'
  locale: string
  library: { name: 'minisearch'; serializationVersion: number }
  fields: string[]
  storeFields: string[]
  /** How the texts were cut into words; a site cuts its queries the same way. */
  tokenizer: { normalization: 'NFC'; lowerCase: true; wordPattern: string }
  shardCount: number
  /** The shards that hold articles, in shard order. */
  shards: { shard: number; path: string; articles: number }[]
}

/** The kinds of file in the published tree, as the manifest names them. */
export type FileKind =
  | 'article'
  | 'articleIndex'
  | 'articleIndexShard'
  | 'doctorDirectory'
  | 'specialty'
  | 'specialtyArticles'
  | 'sitemap'
  | 'sitemapIndex'
  | 'searchIndex'
  | 'searchShard'
  | 'schema'

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

/**
 * The version of the published tree's contract. Raised when a field is removed or renamed, changes
 * type or meaning, or a file moves; adding a field or a file kind leaves it as it is.
 */
export const PUBLISHED_SCHEMA_VERSION = 2

/** What `manifest.json` says of one part of the manifest. */
export interface ManifestPartSummary {
  part: number
  path: string
  /** Of the part's bytes: a site that reads a part with another hash read it mid-publish, and reads `manifest.json` again. */
  sha256: string
  bytes: number
  files: number
  tombstones: number
}

/**
 * `manifest.json`: the parts of the manifest, written last in a publish. A file is recorded in
 * part FNV-1a(its path without the language folder) modulo `partCount`.
 */
export interface ManifestDocument {
  kind: 'manifest'
  schemaVersion: number
  partCount: number
  parts: ManifestPartSummary[]
}

/** `manifest/<nn>.json`: the files and tombstones recorded in one part, by path. */
export interface ManifestPartDocument {
  kind: 'manifestPart'
  part: number
  files: ManifestEntry[]
  tombstones: Tombstone[]
}

/** One file written or removed by a publish, in the change feed. */
export interface ChangeRecord {
  /** Grows by one with every record and is never reused, so a site can ask for what came after the last one it applied. */
  sequence: number
  path: string
  /** Of the bytes written; null for a removal. */
  sha256: string | null
  change: 'written' | 'removed'
  /** The language folder; null for top-level files (schemas). */
  locale: string | null
  /** The article the file is a language's copy of; null for every other file. */
  articleSlug: string | null
  kind: FileKind
}

export interface ChangeSegmentSummary {
  path: string
  first: number
  last: number
}

/** `changes/head.json`: the last sequence and the segments holding every record up to it. */
export interface ChangeHeadDocument {
  kind: 'changeHead'
  latest: number
  segments: ChangeSegmentSummary[]
}

/** `changes/<first>.json`: consecutive records from `first`. */
export interface ChangeSegmentDocument {
  kind: 'changeSegment'
  first: number
  records: ChangeRecord[]
}
