import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'

import type { ArticleDocument, SearchShardDocument } from './publishedJson'
import { ArticleShardSet } from './articleShards'
import { articlePath, searchIndexPath, searchShardPath } from './layout'
import { parsePublished } from './manifest'
import {
  buildSearchShard,
  renderSearchIndex,
  replaceInSearchShard,
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

/** Entries a full rebuild keeps in memory per language before adding them to its file. */
const SET_ASIDE_BATCH = 500
/** A set-aside folder is named `vitalpress-search-<pid>-<random>`, so the process that made it can be told. */
const SET_ASIDE_PREFIX = 'vitalpress-search-'

/**
 * Removes the set-aside folders of processes that no longer run: a rebuild killed part-way never
 * reaches its own clean-up, and its entries (hundreds of megabytes for a large library) would stay.
 */
async function removeSetAsideOfEndedProcesses(folder: string): Promise<void> {
  const names = await fs.promises.readdir(folder).catch(() => [] as string[])
  for (const name of names) {
    const pid = Number(/^vitalpress-search-(\d+)-/.exec(name)?.[1])
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) await fs.promises.rm(path.join(folder, name), { recursive: true, force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process runs under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The search index of each language during one publish. A full rebuild sets every rendered
 * article's entry aside in a file of its language, then builds the language's shards one at a
 * time from it: the index of a whole library in memory at once would grow with the library
 * (about 4 KB per article and language). A publish of some articles rewrites only the shards
 * their old and new slugs fall in, each from the published shard with their entries replaced, so
 * its cost follows the size of a shard, not of the library.
 */
export class SearchShards {
  /** Full rebuild: the folder of the set-aside entries (one file per language), made at the first. */
  private setAsideDir: string | null = null
  /** Full rebuild: entries not yet added to their language's file, as lines `shard<TAB>json`. */
  private readonly pending = new Map<string, string[]>()
  /** Publish of some articles: the entries rendered, and every slug whose entry may change. */
  private readonly rendered = new Map<string, Map<string, SearchDocument>>()
  private readonly touched = new Map<string, Set<string>>()
  /** Publish of some articles: the reads of the published shards it rewrites, started early by `readAhead`. */
  private readonly reads = new Map<string, Promise<Buffer | null>>()

  private readonly shardCount: number
  private readonly whole: boolean
  private readonly setAsideBatch: number
  private readonly setAsideIn: string

  constructor(options: {
    /** Shards of each language's index. */
    shardCount: number
    /** Whether this run renders every published article (a full rebuild) or some of them. */
    wholeLibrary: boolean
    /** Entries kept in memory per language before they are added to its file (default 500). */
    setAsideBatch?: number
    /** The folder the set-aside entries' folder is made in (default the system's temporary folder). */
    setAsideIn?: string
  }) {
    this.setAsideIn = options.setAsideIn ?? os.tmpdir()
    this.shardCount = options.shardCount
    this.whole = options.wholeLibrary
    this.setAsideBatch = options.setAsideBatch ?? SET_ASIDE_BATCH
  }

  /** Indexes the file a language's readers now get. */
  async add(article: ArticleDocument): Promise<void> {
    const document = searchDocumentOf(article)
    if (this.whole) {
      const lines = lookup(this.pending, article.locale, () => [])
      lines.push(`${searchShardOf(article.slug, this.shardCount)}\t${JSON.stringify(document)}\n`)
      if (lines.length >= this.setAsideBatch) await this.setAside(article.locale)
      return
    }
    lookup(this.rendered, article.locale, () => new Map<string, SearchDocument>()).set(article.slug, document)
    lookup(this.touched, article.locale, () => new Set<string>()).add(article.slug)
  }

  /** An entry to drop unless rendered again: the article was taken down or its slug changed. */
  forget(locale: string, slug: string): void {
    if (!this.whole) lookup(this.touched, locale, () => new Set<string>()).add(slug)
  }

  /**
   * Starts reading the published shards a publish of some articles rewrites, once its articles
   * are rendered: the reads then wait for the disk (behind the run's other writes) while the
   * run writes its indexes, rather than one after another at the end.
   */
  readAhead(read: (path: string) => Promise<Buffer | null>): void {
    if (this.whole) return
    for (const [locale, slugs] of this.touched) {
      for (const shard of new Set([...slugs].map((slug) => searchShardOf(slug, this.shardCount)))) {
        const path = searchShardPath(locale, shard)
        if (this.reads.has(path)) continue
        const reading = read(path)
        // Awaited in `publish`, which sees the error; until then it is not unhandled.
        reading.catch(() => undefined)
        this.reads.set(path, reading)
      }
    }
  }

  /**
   * An empty list of a language's index lines by search shard: every shard counted, the lines kept
   * for the shards this run rewrites (none in a full rebuild, which builds them from its entries).
   */
  listing(locale: string): ArticleShardSet {
    const touched = new Set([...(this.touched.get(locale) ?? [])].map((slug) => searchShardOf(slug, this.shardCount)))
    return new ArticleShardSet(this.shardCount, (shard) => !this.whole && touched.has(shard))
  }

  /** Writes a language's changed shards and its `search/index.json`; `listing` holds the lines its index lists now. */
  async publish(locale: string, listing: ArticleShardSet, files: SearchFileAccess): Promise<void> {
    if (this.whole) {
      const shards = [...(await this.takeSetAside(locale)).entries()].sort(([a], [b]) => a - b)
      for (const [shard, lines] of shards) {
        const documents = lines.map((line) => JSON.parse(line) as SearchDocument)
        // Released as it is built, so the language's entries go from memory shard by shard.
        lines.length = 0
        await files.emit(searchShardPath(locale, shard), 'searchShard', locale, buildSearchShard(locale, shard, documents))
      }
    } else {
      const rendered = this.rendered.get(locale) ?? new Map<string, SearchDocument>()
      const touched = [...(this.touched.get(locale) ?? [])]
      const shards = [...new Set(touched.map((slug) => searchShardOf(slug, this.shardCount)))].sort((a, b) => a - b)
      for (const shard of shards) {
        const path = searchShardPath(locale, shard)
        const expected = new Set((listing.lines.get(shard) ?? []).map((line) => line.entry.slug))
        if (expected.size === 0) {
          await files.remove(path)
          continue
        }
        const added = [...rendered.values()].filter((document) => searchShardOf(document.id, this.shardCount) === shard)
        const removed = touched.filter((slug) => searchShardOf(slug, this.shardCount) === shard)
        const previous = readShard(await (this.reads.get(path) ?? files.read(path)), locale, shard)
        const next = (previous && replacedOrNull(previous, removed, added)) ?? buildSearchShard(locale, shard, added)
        await files.emit(path, 'searchShard', locale, await this.reconciled(next, expected, files))
      }
    }
    await files.emit(searchIndexPath(locale), 'searchIndex', locale, renderSearchIndex(locale, this.shardCount, listing.counts))
  }

  /** Removes the set-aside entries of a full rebuild, whether it finished or not. */
  async discard(): Promise<void> {
    this.pending.clear()
    const dir = this.setAsideDir
    this.setAsideDir = null
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true })
  }

  private async setAside(locale: string): Promise<void> {
    const lines = this.pending.get(locale)
    if (!lines || lines.length === 0) return
    this.pending.set(locale, [])
    if (!this.setAsideDir) {
      await removeSetAsideOfEndedProcesses(this.setAsideIn)
      this.setAsideDir = await fs.promises.mkdtemp(path.join(this.setAsideIn, `${SET_ASIDE_PREFIX}${process.pid}-`))
    }
    await fs.promises.appendFile(path.join(this.setAsideDir, `${locale}.ndjson`), lines.join(''), 'utf8')
  }

  /** A language's set-aside entries as JSON lines by shard; its file is removed once read. */
  private async takeSetAside(locale: string): Promise<Map<number, string[]>> {
    await this.setAside(locale)
    const byShard = new Map<number, string[]>()
    if (!this.setAsideDir) return byShard
    const file = path.join(this.setAsideDir, `${locale}.ndjson`)
    if (!fs.existsSync(file)) return byShard
    const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
    for await (const line of lines) {
      const tab = line.indexOf('\t')
      if (tab > 0) lookup(byShard, Number(line.slice(0, tab)), () => []).push(line.slice(tab + 1))
    }
    await fs.promises.rm(file, { force: true })
    return byShard
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

function readShard(bytes: Buffer | null, locale: string, shard: number): SearchShardDocument | null {
  const document = parsePublished<SearchShardDocument>(bytes)
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
