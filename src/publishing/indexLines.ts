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
  /**
   * The entry as published JSON: cut from the published shard it was read from
   * (`linesCutFrom`), or made the first time a publish of some articles writes a shard holding
   * the line, once the line is checked against the shard's schema (`shardBytes`).
   */
  bytes?: Buffer
}

export const indexLineOf = (entry: ArticleIndexEntry): IndexLine => ({ entry, hash: slugHash(entry.slug), sitemapShard: sitemapShardOf(entry.slug) })

/**
 * A list shard's published bytes from its lines, in order: `skeleton` is the shard serialized with
 * no article (its `articles` field last, so the bytes end `[]}` and a newline), and each line's
 * serialized entry goes between the brackets. The same bytes as serializing the shard whole, but a
 * line is serialized once in the life of a publisher, not on every publish that rewrites its
 * shard: at 20,000 articles a shard holds about 150 lines, and a publish of one article rewrites
 * a shard of the index and one of the specialty's list in every language.
 */
export function shardBytes(skeleton: Buffer, lines: IndexLine[]): Buffer {
  const close = skeleton.length - CLOSING.length
  if (skeleton.subarray(close - 1).toString('utf8') !== `[${CLOSING}`) {
    throw new Error('A list shard is serialized with its articles last, as an empty array, to have its lines put in.')
  }
  const pieces: Buffer[] = [skeleton.subarray(0, close)]
  lines.forEach((line, position) => {
    if (position > 0) pieces.push(COMMA)
    pieces.push((line.bytes ??= Buffer.from(JSON.stringify(line.entry), 'utf8')))
  })
  pieces.push(skeleton.subarray(close))
  return Buffer.concat(pieces)
}

const CLOSING = ']}\n'
const COMMA = Buffer.from(',')

/**
 * The lines of a published list shard with their bytes cut from the file: the elements of its
 * `articles` array as written. For a file the manifest records with these very bytes, which a
 * publisher serialized and checked itself; null when the file is not `skeleton` (the shard
 * serialized with no article) with `entries` (its parsed articles) put between the brackets.
 */
export function linesCutFrom(file: Buffer, skeleton: Buffer, entries: ArticleIndexEntry[]): IndexLine[] | null {
  const open = skeleton.length - CLOSING.length
  const close = file.length - CLOSING.length
  if (close < open || !file.subarray(0, open).equals(skeleton.subarray(0, open)) || !file.subarray(close).equals(skeleton.subarray(open))) return null
  const pieces = elementsOf(file.subarray(open, close))
  if (pieces.length !== entries.length) return null
  return entries.map((entry, position) => ({ ...indexLineOf(entry), bytes: pieces[position] }))
}

/** The elements of a compact JSON array's body (between its brackets), split at its own commas. */
function elementsOf(body: Buffer): Buffer[] {
  const elements: Buffer[] = []
  let depth = 0
  let inString = false
  let from = 0
  for (let at = 0; at < body.length; at += 1) {
    const byte = body[at]
    if (inString) {
      if (byte === BACKSLASH) at += 1
      else if (byte === QUOTE) inString = false
    } else if (byte === QUOTE) inString = true
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1
    else if (byte === COMMA_BYTE && depth === 0) {
      elements.push(body.subarray(from, at))
      from = at + 1
    }
  }
  if (body.length > 0) elements.push(body.subarray(from))
  return elements
}

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA_BYTE] = [...'"\\{}[],'].map((character) => character.charCodeAt(0))

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
