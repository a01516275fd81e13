import type { IndexLine } from './indexLines'
import { searchShardOf } from './render/search'

/**
 * Shards of each language's article index. A publish of one article rewrites one shard, so the
 * index costs little more to update as the library grows; every shard is a file, so more shards
 * make a full rebuild of a small library slower. The hash is search's, so an article's index shard
 * is its search shard's number modulo this count.
 */
export const ARTICLE_INDEX_SHARDS = 128
/** Shards of each specialty's article list. */
export const SPECIALTY_ARTICLE_SHARDS = 16

/** The shard counts a publisher writes the article lists in. */
export interface ArticleShardCounts {
  /** Of each language's article index. */
  index: number
  /** Of each specialty's article list, in each language. */
  specialty: number
}

export const ARTICLE_SHARDS: ArticleShardCounts = { index: ARTICLE_INDEX_SHARDS, specialty: SPECIALTY_ARTICLE_SHARDS }

export const articleShardOf = (slug: string, shardCount: number) => searchShardOf(slug, shardCount)

/**
 * One article list split into shards by slug: the number of articles in every shard (for the
 * listing file) and the lines of the shards a run rewrites.
 */
export class ArticleShardSet {
  readonly lines = new Map<number, IndexLine[]>()
  private readonly rewritten: boolean[]
  private readonly tally: number[]

  /** `rewrites(shard)` says whether this run writes that shard (asked once per shard); every shard is counted. */
  constructor(
    readonly shardCount: number,
    rewrites: (shard: number) => boolean,
  ) {
    this.rewritten = Array.from({ length: shardCount }, (_, shard) => rewrites(shard))
    this.tally = new Array<number>(shardCount).fill(0)
  }

  /** Whether this run writes every shard of the list. */
  get rewritesAll(): boolean {
    return this.rewritten.every(Boolean)
  }

  /** Whether this run writes the shard (or removes it, when it holds no article). */
  rewrites(shard: number): boolean {
    return this.rewritten[shard]
  }

  /** The number of articles in each shard that holds any. */
  get counts(): Map<number, number> {
    return new Map(this.tally.flatMap((articles, shard) => (articles > 0 ? [[shard, articles] as const] : [])))
  }

  /** Adds and counts an article's line. */
  add(line: IndexLine): void {
    this.tally[line.hash % this.shardCount] += 1
    this.keep(line)
  }

  /** Takes each shard's number of articles as counted elsewhere, for a list whose lines are not all added. */
  countFrom(articlesIn: (shard: number) => number): void {
    for (let shard = 0; shard < this.shardCount; shard += 1) this.tally[shard] = articlesIn(shard)
  }

  /** Keeps an article's line if this run writes its shard, without counting it (the counts came from `countFrom`). */
  keep(line: IndexLine): void {
    const shard = line.hash % this.shardCount
    if (!this.rewritten[shard]) return
    const listed = this.lines.get(shard)
    if (listed) listed.push(line)
    else this.lines.set(shard, [line])
  }
}
