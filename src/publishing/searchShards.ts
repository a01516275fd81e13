import MiniSearch from 'minisearch'

import type { ArticleDocument, SearchShardDocument } from './publishedJson'
import { articlePath, searchIndexPath, searchShardPath } from './layout'
import { parsePublished } from './manifest'
import {
  buildSearchShard,
  canonicalSearchIndex,
  renderSearchIndex,
  replaceInSearchShard,
  SEARCH_OPTIONS,
  searchDocumentOf,
  searchShardOf,
  slugsInSearchShard,
  type SearchDocument,
} from './render/search'

/** What the search files need of the run that writes them. */
export interface SearchFileAccess {
  read: (path: string) => Promise<Buffer | null>
  emit: (path: string, kind: 'searchIndex' | 'searchShard', locale: string, document: unknown) => Promise<void>
  remove: (path: string) => Promise<void>
}

/**
 * The search index of each language during one publish. A full rebuild indexes every rendered
 * article into its shard as it goes. A publish of some articles rewrites only the shards their
 * old and new slugs fall in, each from the published shard with their entries replaced, so its
 * cost follows the size of a shard, not of the library.
 */
export class SearchShards {
  /** Full rebuild: each language's shards, filled as pages of articles are rendered. */
  private readonly built = new Map<string, Map<number, MiniSearch<SearchDocument>>>()
  /** Publish of some articles: the entries rendered, and every slug whose entry may change. */
  private readonly rendered = new Map<string, Map<string, SearchDocument>>()
  private readonly touched = new Map<string, Set<string>>()

  private readonly shardCount: number
  private readonly whole: boolean

  constructor(options: {
    /** Shards of each language's index. */
    shardCount: number
    /** Whether this run renders every published article (a full rebuild) or some of them. */
    wholeLibrary: boolean
  }) {
    this.shardCount = options.shardCount
    this.whole = options.wholeLibrary
  }

  /** Indexes the file a language's readers now get. */
  add(article: ArticleDocument): void {
    const document = searchDocumentOf(article)
    const shard = searchShardOf(article.slug, this.shardCount)
    if (this.whole) {
      const shards = lookup(this.built, article.locale, () => new Map<number, MiniSearch<SearchDocument>>())
      lookup(shards, shard, () => new MiniSearch<SearchDocument>(SEARCH_OPTIONS)).add(document)
      return
    }
    lookup(this.rendered, article.locale, () => new Map<string, SearchDocument>()).set(article.slug, document)
    lookup(this.touched, article.locale, () => new Set<string>()).add(article.slug)
  }

  /** An entry to drop unless rendered again: the article was taken down or its slug changed. */
  forget(locale: string, slug: string): void {
    if (!this.whole) lookup(this.touched, locale, () => new Set<string>()).add(slug)
  }

  /** Writes a language's changed shards and its `search/index.json`; `published` are the slugs its index lists now. */
  async publish(locale: string, published: Iterable<string>, files: SearchFileAccess): Promise<void> {
    const slugsByShard = new Map<number, string[]>()
    for (const slug of published) lookup(slugsByShard, searchShardOf(slug, this.shardCount), () => []).push(slug)

    if (this.whole) {
      const shards = [...(this.built.get(locale) ?? new Map<number, MiniSearch<SearchDocument>>()).entries()].sort(([a], [b]) => a - b)
      for (const [shard, index] of shards) {
        const document: SearchShardDocument = { kind: 'searchShard', locale, shard, index: canonicalSearchIndex(index.toJSON()) }
        await files.emit(searchShardPath(locale, shard), 'searchShard', locale, document)
      }
    } else {
      const rendered = this.rendered.get(locale) ?? new Map<string, SearchDocument>()
      const touched = [...(this.touched.get(locale) ?? [])]
      const shards = [...new Set(touched.map((slug) => searchShardOf(slug, this.shardCount)))].sort((a, b) => a - b)
      for (const shard of shards) {
        const path = searchShardPath(locale, shard)
        const expected = new Set(slugsByShard.get(shard) ?? [])
        if (expected.size === 0) {
          await files.remove(path)
          continue
        }
        const added = [...rendered.values()].filter((document) => searchShardOf(document.id, this.shardCount) === shard)
        const removed = touched.filter((slug) => searchShardOf(slug, this.shardCount) === shard)
        const previous = await readShard(files, path, locale, shard)
        const next = (previous && replacedOrNull(previous, removed, added)) ?? buildSearchShard(locale, shard, added)
        await files.emit(path, 'searchShard', locale, await this.reconciled(next, expected, files))
      }
    }
    const counts = new Map([...slugsByShard.entries()].map(([shard, slugs]) => [shard, slugs.length]))
    await files.emit(searchIndexPath(locale), 'searchIndex', locale, renderSearchIndex(locale, this.shardCount, counts))
  }

  /**
   * A shard holding exactly the language's published articles of that shard. A shard missing or
   * left behind by a run that stopped part-way is put right from the published article files.
   */
  private async reconciled(shard: SearchShardDocument, expected: Set<string>, files: SearchFileAccess): Promise<SearchShardDocument> {
    const present = new Set(slugsInSearchShard(shard))
    const extra = [...present].filter((slug) => !expected.has(slug))
    const missing = [...expected].filter((slug) => !present.has(slug))
    if (extra.length === 0 && missing.length === 0) return shard
    const recovered: SearchDocument[] = []
    for (const slug of missing) {
      const article = parsePublished<ArticleDocument>(await files.read(articlePath(shard.locale, slug)))
      if (article?.kind === 'article') recovered.push(searchDocumentOf(article))
    }
    return replaceInSearchShard(shard, extra, recovered)
  }
}

async function readShard(files: SearchFileAccess, path: string, locale: string, shard: number): Promise<SearchShardDocument | null> {
  const document = parsePublished<SearchShardDocument>(await files.read(path))
  return document?.kind === 'searchShard' && document.locale === locale && document.shard === shard ? document : null
}

/** Null when the published shard is not an index MiniSearch can load; it is then rebuilt from the article files. */
function replacedOrNull(previous: SearchShardDocument, removed: string[], added: SearchDocument[]): SearchShardDocument | null {
  try {
    return replaceInSearchShard(previous, removed, added)
  } catch {
    return null
  }
}


function lookup<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = create()
    map.set(key, value)
  }
  return value
}
