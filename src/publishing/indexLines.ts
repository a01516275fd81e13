import type { ArticleShardCounts } from './articleShards'
import type { ArticleIndexEntry } from './publishedJson'
import { slugHash } from './render/search'
import { sitemapShardOf } from './render/sitemaps'

/** An article's line in a language's index, with the shards its slug falls in worked out once. */
export interface IndexLine {
  entry: ArticleIndexEntry
  /** `slugHash` of the slug: its shard of the index, the specialty's list and the search index. */
  hash: number
  sitemapShard: number
}

export const indexLineOf = (entry: ArticleIndexEntry): IndexLine => ({ entry, hash: slugHash(entry.slug), sitemapShard: sitemapShardOf(entry.slug) })

/** The shard counts of the lists a language's lines are filed in. */
export interface LineShardCounts extends ArticleShardCounts {
  /** Of the language's search index. */
  search: number
}

/**
 * A language's index lines filed by the shard they fall in, in every list: the index, each
 * specialty's list, the search index and the sitemaps. A publish of one article then reads the
 * lines of the shards it rewrites and each shard's count, not every line of the library.
 */
export class FiledLines {
  private readonly index: Set<IndexLine>[]
  private readonly search: Set<IndexLine>[]
  private readonly sitemap = new Map<number, Set<IndexLine>>()
  private readonly specialty = new Map<string, Set<IndexLine>[]>()

  constructor(private readonly counts: LineShardCounts) {
    this.index = Array.from({ length: counts.index }, () => new Set())
    this.search = Array.from({ length: counts.search }, () => new Set())
  }

  add(line: IndexLine): void {
    for (const shard of this.shardsOf(line)) shard.add(line)
  }

  remove(line: IndexLine): void {
    for (const shard of this.shardsOf(line)) shard.delete(line)
  }

  /** The lines in a shard of the index. */
  inIndex(shard: number): ReadonlySet<IndexLine> {
    return this.index[shard] ?? EMPTY
  }

  inSearch(shard: number): ReadonlySet<IndexLine> {
    return this.search[shard] ?? EMPTY
  }

  inSitemap(shard: number): ReadonlySet<IndexLine> {
    return this.sitemap.get(shard) ?? EMPTY
  }

  /** The lines in a shard of a specialty's list. */
  inSpecialty(slug: string, shard: number): ReadonlySet<IndexLine> {
    return this.specialty.get(slug)?.[shard] ?? EMPTY
  }

  private shardsOf(line: IndexLine): Set<IndexLine>[] {
    let sitemap = this.sitemap.get(line.sitemapShard)
    if (!sitemap) this.sitemap.set(line.sitemapShard, (sitemap = new Set()))
    const slug = line.entry.specialty.slug
    let specialty = this.specialty.get(slug)
    if (!specialty) this.specialty.set(slug, (specialty = Array.from({ length: this.counts.specialty }, () => new Set())))
    return [this.index[line.hash % this.counts.index], this.search[line.hash % this.counts.search], sitemap, specialty[line.hash % this.counts.specialty]]
  }
}

const EMPTY: ReadonlySet<IndexLine> = new Set()

/**
 * A language's index lines by article id. Filed by shard (`filed()`) from the first time a run
 * asks, and kept filed as lines change after that; a full rebuild, which walks every line once
 * anyway, never asks.
 */
export class IndexLines {
  private readonly lines: Map<string, IndexLine>
  private filing: FiledLines | null = null

  constructor(
    private readonly counts: LineShardCounts,
    lines: Iterable<readonly [string, IndexLine]> = [],
  ) {
    this.lines = new Map(lines)
  }

  get(id: string): IndexLine | undefined {
    return this.lines.get(id)
  }

  has(id: string): boolean {
    return this.lines.has(id)
  }

  values(): IterableIterator<IndexLine> {
    return this.lines.values()
  }

  set(id: string, line: IndexLine): void {
    const before = this.lines.get(id)
    if (before) this.filing?.remove(before)
    this.lines.set(id, line)
    this.filing?.add(line)
  }

  delete(id: string): void {
    const before = this.lines.get(id)
    if (!before) return
    this.filing?.remove(before)
    this.lines.delete(id)
  }

  /** The same lines, to change without changing these (a dry run's). */
  copy(): IndexLines {
    return new IndexLines(this.counts, this.lines)
  }

  filed(): FiledLines {
    if (!this.filing) {
      this.filing = new FiledLines(this.counts)
      for (const line of this.lines.values()) this.filing.add(line)
    }
    return this.filing
  }
}
