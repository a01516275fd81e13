import MiniSearch, { type AsPlainObject, type Options } from 'minisearch'

import type { ArticleDocument, SearchIndexDocument, SearchShardDocument } from '../publishedJson'
import { articlePath, searchShardPath } from '../layout'

/**
 * What a language's search finds an article by: the texts its readers are served (its approved
 * translation, or the fallback's texts in a fallback page), taken from the rendered file so a
 * draft or an unapproved translation can never reach an index.
 */
export interface SearchDocument {
  /** The article's slug: a hit names the file to open. */
  id: string
  title: string
  summary: string
  headings: string
  text: string
  terms: string
  path: string
  contentLocale: string
  fallback: boolean
}

export const SEARCH_FIELDS = ['title', 'summary', 'headings', 'text', 'terms'] as const
/** Enough to list a hit without opening the article; the rest of the text stays out of the index files. */
export const SEARCH_STORED_FIELDS = ['title', 'path', 'contentLocale', 'fallback'] as const

/**
 * A word: letters with their combining marks (Devanagari and Tamil vowel signs, viramas, nukta)
 * and digits, with the joiners that shape conjuncts. This gives the same words as
 * `Intl.Segmenter`'s word-like segments for the library's languages, which separate words with
 * spaces (a unit test holds the two together), at a tenth or less of its cost: segmenting every
 * text of a full rebuild took longer than the rest of the rebuild.
 */
export const SEARCH_WORD_PATTERN = '[\\p{L}\\p{M}\\p{N}\\u200c\\u200d]+'
const word = new RegExp(SEARCH_WORD_PATTERN, 'gu')

/** The words of a text as the index holds them and a site must cut its queries: NFC, lower case. */
export function searchTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(word) ?? []
}

/** MiniSearch's options for building and for loading a shard; a site passes the same `fields` and `tokenize`. */
export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: [...SEARCH_FIELDS],
  storeFields: [...SEARCH_STORED_FIELDS],
  tokenize: searchTokens,
  // Tokens are already normalized; MiniSearch's default would lower-case them again.
  processTerm: (term) => term,
  // A shard is rebuilt and serialized at once; a vacuum scheduled for later would race the write.
  autoVacuum: false,
}

/** FNV-1a (32-bit) of a slug: the hash every list of articles is sharded by. */
export function slugHash(slug: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < slug.length; index += 1) {
    hash ^= slug.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** The shard an article's search entry lives in: FNV-1a of its slug, so it never moves while the slug stays. */
export function searchShardOf(slug: string, shardCount: number): number {
  return slugHash(slug) % shardCount
}

/** An article's search entry, from the file its language's readers get. */
export function searchDocumentOf(article: ArticleDocument): SearchDocument {
  const texts: string[] = []
  const terms: string[] = []
  for (const section of article.sections) {
    for (const block of section.content) {
      if (block.type === 'prose') texts.push(block.text)
      else for (const item of block.items) terms.push(item.term, item.explanation, ...item.subItems.flatMap((sub) => [sub.term, sub.explanation]))
    }
  }
  return {
    id: article.slug,
    title: article.title,
    summary: article.summary,
    headings: article.sections.map((section) => section.heading).join('\n'),
    text: texts.join('\n\n'),
    terms: terms.join('\n'),
    path: articlePath(article.locale, article.slug),
    contentLocale: article.contentLocale,
    fallback: article.translation.fallback,
  }
}

/**
 * A MiniSearch index in one fixed form, whatever order its entries were added or discarded in:
 * documents numbered in slug order, terms sorted, postings of discarded documents dropped, and
 * average field lengths counted afresh. A shard rebuilt for one article is then byte for byte the
 * shard a full rebuild writes.
 */
export function canonicalSearchIndex(index: AsPlainObject): AsPlainObject {
  const documents = Object.entries(index.documentIds)
    .map(([shortId, slug]) => ({ shortId, slug: String(slug) }))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  const renumbered = new Map(documents.map((document, position) => [document.shortId, position]))
  const fieldCount = Object.keys(index.fieldIds).length
  const fieldLength: Record<string, number[]> = {}
  const storedFields: Record<string, unknown> = {}
  const totals: number[] = new Array(fieldCount).fill(0)
  documents.forEach((document, position) => {
    const lengths = Array.from({ length: fieldCount }, (_, field) => index.fieldLength[document.shortId]?.[field] ?? 0)
    lengths.forEach((length, field) => (totals[field] += length))
    fieldLength[position] = lengths
    if (index.storedFields[document.shortId] !== undefined) storedFields[position] = index.storedFields[document.shortId]
  })
  const terms: AsPlainObject['index'] = []
  for (const [term, byField] of index.index) {
    const postings: Record<string, Record<string, number>> = {}
    for (const [field, frequencies] of Object.entries(byField)) {
      const kept: Record<string, number> = {}
      for (const [shortId, frequency] of Object.entries(frequencies)) {
        const position = renumbered.get(shortId)
        if (position !== undefined) kept[position] = frequency
      }
      if (Object.keys(kept).length > 0) postings[field] = kept
    }
    if (Object.keys(postings).length > 0) terms.push([term, postings])
  }
  terms.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const count = documents.length
  return {
    documentCount: count,
    nextId: count,
    documentIds: Object.fromEntries(documents.map((document, position) => [position, document.slug])),
    fieldIds: index.fieldIds,
    fieldLength,
    averageFieldLength: totals.map((total) => (count === 0 ? 0 : total / count)),
    storedFields,
    dirtCount: 0,
    index: terms,
    serializationVersion: index.serializationVersion,
  }
}

/** A shard holding exactly these entries. */
export function buildSearchShard(locale: string, shard: number, documents: SearchDocument[]): SearchShardDocument {
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS)
  index.addAll(documents)
  return { kind: 'searchShard', locale, shard, index: canonicalSearchIndex(index.toJSON()) }
}

/**
 * A published shard with some articles' entries taken out and new ones put in: what a publish of
 * a few articles does, without the texts of the shard's other articles. The new entries are
 * indexed on their own and their postings joined to the published ones as JSON; loading the
 * shard into MiniSearch and serializing it again cost several times more.
 */
export function replaceInSearchShard(published: SearchShardDocument, removed: Iterable<string>, added: SearchDocument[]): SearchShardDocument {
  const fresh = new MiniSearch<SearchDocument>(SEARCH_OPTIONS)
  fresh.addAll(added)
  const addition = fresh.toJSON()
  const replaced = new Set([...removed, ...added.map((document) => document.id)])
  // The new entries are numbered after every published one, so no two numbers meet.
  const offset = Math.max(published.index.nextId, ...Object.keys(published.index.documentIds).map((shortId) => Number(shortId) + 1))
  const shifted = (shortId: string) => String(Number(shortId) + offset)
  const documentIds: Record<string, unknown> = {}
  const fieldLength: Record<string, number[]> = {}
  const storedFields: Record<string, unknown> = {}
  for (const [shortId, slug] of Object.entries(published.index.documentIds)) {
    if (replaced.has(String(slug))) continue
    documentIds[shortId] = slug
    fieldLength[shortId] = published.index.fieldLength[shortId]
    if (published.index.storedFields[shortId] !== undefined) storedFields[shortId] = published.index.storedFields[shortId]
  }
  for (const [shortId, slug] of Object.entries(addition.documentIds)) {
    documentIds[shifted(shortId)] = slug
    fieldLength[shifted(shortId)] = addition.fieldLength[shortId]
    if (addition.storedFields[shortId] !== undefined) storedFields[shifted(shortId)] = addition.storedFields[shortId]
  }
  const postings = new Map<string, Record<string, Record<string, number>>>(published.index.index)
  for (const [term, byField] of addition.index) {
    const joined = { ...(postings.get(term) ?? {}) }
    for (const [field, frequencies] of Object.entries(byField)) {
      const moved = Object.fromEntries(Object.entries(frequencies).map(([shortId, frequency]) => [shifted(shortId), frequency]))
      joined[field] = { ...(joined[field] ?? {}), ...moved }
    }
    postings.set(term, joined)
  }
  const index = canonicalSearchIndex({ ...published.index, documentIds, fieldLength, storedFields, index: [...postings.entries()] })
  return { ...published, index }
}

/** The slugs a shard holds. */
export function slugsInSearchShard(shard: SearchShardDocument): string[] {
  return Object.values(shard.index.documentIds).map(String)
}

/** A language's `search/index.json`: how to load and query its shards. */
export function renderSearchIndex(locale: string, shardCount: number, articlesPerShard: Map<number, number>): SearchIndexDocument {
  return {
    kind: 'searchIndex',
    locale,
    library: { name: 'minisearch', serializationVersion: 2 },
    fields: [...SEARCH_FIELDS],
    storeFields: [...SEARCH_STORED_FIELDS],
    tokenizer: { normalization: 'NFC', lowerCase: true, wordPattern: SEARCH_WORD_PATTERN },
    shardCount,
    shards: [...articlesPerShard.entries()]
      .filter(([, articles]) => articles > 0)
      .sort(([a], [b]) => a - b)
      .map(([shard, articles]) => ({ shard, path: searchShardPath(locale, shard), articles })),
  }
}
