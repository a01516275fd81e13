import type { Payload } from 'payload'

import { DomainError, type FixedCodeErrorOptions } from '../errors/domainError'
import type { ApprovedContent } from '../localization/approvedContent'
import { SOURCE_LOCALE, type Language } from '../languages/registry'
import type { ArticleIndexDocument, ArticleIndexEntry, ArticleIndexShardDocument, FileKind, SearchIndexDocument, TranslationState } from './publishedJson'
import type { LocaleLabels } from './readerLabels'
import { WriteLanes } from './writeLanes'
import { ChangeFeed, type ChangeRange } from './changeFeed'
import { articleShardOf, ArticleShardSet, type ArticleShardCounts } from './articleShards'
import {
  articleIndexPath,
  articleIndexShardPath,
  articlePath,
  doctorDirectoryPath,
  localeOfPath,
  MANIFEST_PATH,
  schemaPath,
  searchIndexPath,
  LANGUAGE_SITEMAP_INDEX_PATH,
  languageSitemapIndexPath,
  SITEMAP_INDEX_PATH,
  SITEMAP_PATH,
  sitemapPath,
  specialtyArticlesPath,
  specialtyPath,
} from './layout'
import { LibraryReader } from './libraryReader'
import { Manifest, parsePublished, serialize, sha256 } from './manifest'
import type { PublishLock } from './publishLock'
import { alternatesOf } from './render/alternates'
import { indexEntryOf, renderArticle, type ArticleRecord } from './render/article'
import {
  compareEntries,
  renderArticleIndex,
  renderArticleIndexShard,
  renderDoctorDirectory,
  renderSpecialty,
  renderSpecialtyArticles,
  type DirectorySnapshot,
} from './render/directory'
import { renderSitemapIndex, renderSitemaps, SITEMAP_SHARDS, siteOriginOf, sitemapShardOf } from './render/sitemaps'
import { SCHEMA_NAMES, type SchemaSet } from './schemas'
import { SearchShards } from './searchShards'
import { indexLineOf, IndexLines, linesCutFrom, shardBytes, type IndexLine } from './indexLines'
import type { PublishTarget } from './targets/target'
import { chooseServedContent } from './servedContent'
import { loadApprovedTexts, TranslationRecordStatus, type ApprovedTexts, type TranslationStatus } from './translationStatus'

/**
 * What to publish: the whole library, or some articles (published ones written, others taken
 * down). A publish of some articles rewrites the indexes and the files of their specialties; with
 * `directoryChanged` (a doctor, clinic or specialty changed) also the doctor directory and every
 * specialty's file, removing those of specialties that no longer exist.
 */
export type PublishScope = { kind: 'all' } | { kind: 'articles'; ids: string[]; directoryChanged?: boolean }

export interface PublishRunOptions {
  /** Only these reader languages (`--locale hi`); all languages when absent. */
  locales?: string[]
  /** Work out what would change without writing or removing anything. */
  dryRun?: boolean
  /** The moment of publishing: years of experience are counted to it, tombstones dated by it. */
  now?: Date
  onProgress?: (done: number, total: number) => void
}

export interface LocaleOutcome {
  path: string
  state: TranslationState
  fallback: boolean
  contentLocale: string
}

export interface ArticleOutcome {
  id: string
  slug: string
  published: boolean
  revision: number | null
  locales: Record<string, LocaleOutcome>
}

export interface PublishReport {
  target: string
  dryRun: boolean
  written: string[]
  removed: string[]
  unchanged: number
  /** The change feed's records of this run; null when it changed nothing, and in a dry run. */
  changes: ChangeRange | null
  /** Per article of an `articles` scope: what each language now shows. */
  articles: ArticleOutcome[]
}

export interface PublisherOptions {
  payload: Payload
  target: PublishTarget
  languages: Language[]
  labels: Map<string, LocaleLabels>
  schemas: SchemaSet
  lock: PublishLock
  mediaBaseUrl: string
  /** An article's address on the downstream site, with `{locale}` and `{slug}`. */
  articleUrlPattern: string
  /** Files written at the same time. */
  writeConcurrency: number
  /** Articles read and rendered per page of a full rebuild. */
  pageSize: number
  /** Records per segment of the change feed (`changes/`). */
  changeSegmentRecords: number
  /**
   * Shards of each language's search index. A publish of one article rewrites one shard per
   * language, so more shards make that cheaper and a site's first search fetch more files. A tree
   * written with another count is rebuilt whole by its next publish.
   */
  searchShards: number
  /**
   * Shards of each language's article index and of each specialty's article list. A tree written
   * with other counts has its lists written whole, in these, by its next publish.
   */
  articleShards: ArticleShardCounts
}

type PublishErrorCode = 'PUBLISH_LOCALE_UNKNOWN' | 'PUBLISH_SOURCE_LANGUAGE_MISSING'

export class PublishError extends DomainError<PublishErrorCode> {
  constructor(options: FixedCodeErrorOptions & { code: PublishErrorCode }) {
    super({ ...options, status: options.code === 'PUBLISH_LOCALE_UNKNOWN' ? 400 : 500 })
  }
}

const PUBLISHED_PATH =
  /^(?:[^/]+\/(?:articles|doctors|specialties|search)\/[^/]+\.json|[^/]+\/(?:articles\/index|specialties\/[^/]+)\/\d+\.json|[^/]+\/sitemaps\/\d+(?:-\d+)?\.xml|schemas\/[^/]+\.schema\.json)$/
const ARTICLE_INDEX_SHARD_PATH = /^[^/]+\/articles\/index\/\d+\.json$/
const SPECIALTY_ARTICLES_PATH = /^[^/]+\/specialties\/[^/]+\/\d+\.json$/

function kindOfPath(path: string): FileKind {
  if (path.startsWith('schemas/')) return 'schema'
  if (path === SITEMAP_INDEX_PATH || LANGUAGE_SITEMAP_INDEX_PATH.test(path)) return 'sitemapIndex'
  if (SITEMAP_PATH.test(path)) return 'sitemap'
  if (path.endsWith('/articles/index.json')) return 'articleIndex'
  if (ARTICLE_INDEX_SHARD_PATH.test(path)) return 'articleIndexShard'
  if (SPECIALTY_ARTICLES_PATH.test(path)) return 'specialtyArticles'
  if (path.includes('/articles/')) return 'article'
  if (path.includes('/doctors/')) return 'doctorDirectory'
  if (path.endsWith('/search/index.json')) return 'searchIndex'
  if (path.includes('/search/')) return 'searchShard'
  return 'specialty'
}

/**
 * What a publisher's last run left in the tree, so the next run in the same process reads the
 * manifest and the indexes back only when something else changed them. Publishing one article
 * then costs little more in a library of thousands than in one of a hundred.
 */
interface LastTree {
  manifestBytes: Buffer
  manifest: Manifest
  /** Each language's index lines as that run left them; valid while the manifest is the one it wrote. */
  indexes: Map<string, IndexLines>
}

interface TreeMemory {
  last: LastTree | null
}

/**
 * Writes the published tree. A full rebuild and a publish of some articles run the same steps
 * (render each article in each language, then the indexes and the directory from the index
 * entries), so both leave byte-identical trees. Only files whose bytes changed are written;
 * the manifest is written last, so a run killed part-way is repaired by the next one.
 */
export class Publisher {
  private readonly memory: TreeMemory = { last: null }

  constructor(private readonly options: PublisherOptions) {}

  get target(): PublishTarget {
    return this.options.target
  }

  async publish(scope: PublishScope, run: PublishRunOptions = {}): Promise<PublishReport> {
    if (run.dryRun) return new PublishRun(this.options, scope, run, this.memory).execute()
    return this.options.lock.withLock(async () => {
      try {
        // Search shards of another count hold other articles under the same numbers: such a tree is rebuilt whole first.
        const rebuilt =
          scope.kind === 'articles' && !this.memory.last && (await this.searchShardsDiffer(run))
            ? await new PublishRun(this.options, { kind: 'all' }, { ...run, onProgress: undefined }, this.memory).execute()
            : null
        const report = await new PublishRun(this.options, scope, run, this.memory).execute()
        return rebuilt ? joinedReports(rebuilt, report) : report
      } catch (error) {
        // The run may have changed the remembered manifest and indexes part-way: read the tree again next time.
        this.memory.last = null
        throw error
      }
    })
  }

  /** Whether a language's published search index has another number of shards than this publisher writes. */
  private async searchShardsDiffer(run: PublishRunOptions): Promise<boolean> {
    for (const code of run.locales ?? this.options.languages.map((language) => language.code)) {
      const listing = parsePublished<SearchIndexDocument>(await this.options.target.read(searchIndexPath(code)))
      if (listing?.kind === 'searchIndex' && listing.shardCount !== this.options.searchShards) return true
    }
    return false
  }
}

/**
 * A rebuild's report and that of the publish it ran before, as one: what both wrote and removed,
 * and the change feed's records of both, so a site told of the publish fetches the rebuild's too.
 */
function joinedReports(rebuild: PublishReport, publish: PublishReport): PublishReport {
  const changes =
    rebuild.changes && publish.changes
      ? { from: rebuild.changes.from, to: publish.changes.to, paths: [...rebuild.changes.paths, ...publish.changes.paths] }
      : (rebuild.changes ?? publish.changes)
  return { ...publish, written: [...rebuild.written, ...publish.written], removed: [...rebuild.removed, ...publish.removed], changes }
}

/** One publish, from reading the current manifest to writing the new one. */
class PublishRun {
  private readonly now: Date
  private readonly languages: Language[]
  private readonly source: Language
  private readonly library: LibraryReader
  private readonly lanes: WriteLanes
  private readonly produced = new Set<string>()
  private readonly report: PublishReport
  private manifest = Manifest.empty()
  private feed = ChangeFeed.empty()
  private listing: Map<string, number> | null = null
  private directories = new Map<string, DirectorySnapshot>()
  private entries = new Map<string, IndexLines>()
  private status: TranslationStatus = TranslationRecordStatus.empty()
  /** The slugs whose lines this run may change (old slugs too): their shards of every list are rewritten; null for all. */
  private slugsInScope: Set<string> | null = null
  private readonly search: SearchShards
  /** Each language's published slugs for its search index, listed with the other lists. */
  private readonly searchListings = new Map<string, ArticleShardSet>()
  /** The specialties whose files this run rewrites, by slug; null for all of them and the doctor directory. */
  private specialtiesInScope: Set<string> | null = null

  constructor(
    private readonly options: PublisherOptions,
    private readonly scope: PublishScope,
    private readonly run: PublishRunOptions,
    private readonly memory: TreeMemory,
  ) {
    this.now = run.now ?? new Date()
    const source = options.languages.find((language) => language.code === SOURCE_LOCALE)
    if (!source) throw new PublishError({ message: `The source language "${SOURCE_LOCALE}" has no folder in translations/.`, code: 'PUBLISH_SOURCE_LANGUAGE_MISSING' })
    this.source = source
    const unknown = (run.locales ?? []).filter((code) => !options.languages.some((language) => language.code === code))
    if (unknown.length > 0) {
      throw new PublishError({
        message: `Unknown language ${unknown.map((code) => `"${code}"`).join(', ')}; the languages are ${options.languages.map((language) => language.code).join(', ')}.`,
        code: 'PUBLISH_LOCALE_UNKNOWN',
      })
    }
    this.languages = run.locales ? options.languages.filter((language) => run.locales!.includes(language.code)) : options.languages
    this.library = new LibraryReader(options.payload, options.mediaBaseUrl)
    this.lanes = new WriteLanes(options.writeConcurrency)
    this.search = new SearchShards({ shardCount: options.searchShards, wholeLibrary: scope.kind === 'all' })
    this.report = { target: options.target.description, dryRun: Boolean(run.dryRun), written: [], removed: [], unchanged: 0, changes: null, articles: [] }
  }

  async execute(): Promise<PublishReport> {
    try {
      return await this.publishTree()
    } finally {
      await this.search.discard()
    }
  }

  private async publishTree(): Promise<PublishReport> {
    const { target } = this.options
    if (!this.run.dryRun) await target.recover?.()
    const manifestBytes = await target.read(MANIFEST_PATH)
    const last = this.memory.last
    // What this publisher last wrote holds while no other process has published since.
    const remembered = last && manifestBytes && last.manifestBytes.equals(manifestBytes) ? last : null
    // Overtaken by another process's publish: let it go now rather than hold two trees at once.
    if (!remembered) this.memory.last = null
    // A run edits what it remembers in place (a failed run forgets it); a dry run edits a copy.
    this.manifest = remembered
      ? this.run.dryRun
        ? remembered.manifest.clone()
        : remembered.manifest
      : await Manifest.read((path) => (path === MANIFEST_PATH ? Promise.resolve(manifestBytes) : target.read(path)))
    this.feed = await ChangeFeed.read(target, this.options.changeSegmentRecords)
    const all = this.scope.kind === 'all'
    // A full rebuild makes every index line afresh: the remembered ones go now, not when it ends.
    if (all && remembered && !this.run.dryRun) remembered.indexes.clear()
    if (all) this.listing = await target.list()
    const snapshots = await this.library.directories(this.languages)
    this.directories = new Map(snapshots.map((snapshot) => [snapshot.language.code, snapshot]))

    if (this.scope.kind === 'all') {
      for (const language of this.languages) this.entries.set(language.code, this.newIndexLines())
      this.status = await TranslationRecordStatus.load(this.options.payload, 'all')
      await this.publishAllArticles()
    } else {
      await this.readIndexes(remembered)
      const before = this.specialtiesOf(this.scope.ids)
      this.status = await TranslationRecordStatus.load(this.options.payload, this.scope.ids)
      await this.publishArticles(this.scope.ids)
      this.search.readAhead((path) => target.read(path))
      if (!this.scope.directoryChanged) this.specialtiesInScope = new Set([...before, ...this.specialtiesOf(this.scope.ids)])
    }

    for (const language of this.languages) await this.publishSurroundings(language)
    for (const language of this.languages) await this.publishSearch(language)
    if (!this.run.locales) {
      for (const name of SCHEMA_NAMES) await this.emitBytes(`schemas/${name}.schema.json`, 'schema', null, null, this.options.schemas.files.get(name)!)
    }
    await this.sweep()
    await this.publishSitemapIndex()
    await this.lanes.drain()
    // After the files, so no record names bytes that are not there; before the manifest, so a run
    // killed in between records its files again (the manifest does not hold them) and no change is missed.
    if (!this.run.dryRun) await this.writeChangeFeed()

    // The changed parts, then `manifest.json`, which names them, last of all.
    const { parts, top } = this.manifest.serialize()
    for (const part of parts) {
      this.options.schemas.assertValid(part.kind, part.document, part.path)
      if (!this.run.dryRun) await this.lanes.run(() => target.write(part.path, part.bytes))
    }
    await this.lanes.drain()
    if (!manifestBytes || !top.bytes.equals(manifestBytes)) {
      this.options.schemas.assertValid(top.kind, top.document, top.path)
      if (!this.run.dryRun) await target.write(top.path, top.bytes)
    }
    if (!this.run.dryRun) this.remember(top.bytes)
    return this.report
  }

  private async writeChangeFeed(): Promise<void> {
    for (const file of this.feed.files()) {
      this.options.schemas.assertValid(file.kind, file.unchecked, file.path)
      await this.options.target.write(file.path, serialize(file.document))
    }
    this.report.changes = this.feed.range()
  }

  /**
   * Keeps what this run wrote for the next. A full rebuild's index lines are not kept: made
   * between the renderings of thousands of articles, they lie scattered over the heap, and a walk
   * over all of them (as filing them by shard is) took about three times as long. The next publish
   * reads them back from the shards instead (about 2.5 s once, at 20,000 articles in 8 languages).
   */
  private remember(manifestBytes: Buffer): void {
    const kept = this.scope.kind === 'all' ? [] : this.languages.map((language) => [language.code, this.entries.get(language.code)!] as const)
    const indexes: LastTree['indexes'] = new Map(kept)
    this.memory.last = { manifestBytes, manifest: this.manifest, indexes }
  }

  /** The current indexes, so a publish of some articles changes only their lines. */
  private async readIndexes(remembered: LastTree | null): Promise<void> {
    for (const language of this.languages) {
      const known = remembered?.indexes.get(language.code)
      if (known) this.entries.set(language.code, this.run.dryRun ? known.copy() : known)
      else this.entries.set(language.code, this.newIndexLines((await this.readIndex(language)).map((line) => [line.entry.id, line] as const)))
    }
  }

  private newIndexLines(lines: Iterable<readonly [string, IndexLine]> = []): IndexLines {
    return new IndexLines({ ...this.options.articleShards, search: this.options.searchShards }, lines)
  }

  /**
   * A language's index lines as published: the listing, then each shard it names. An unreadable
   * file gives no lines; they come back as their articles are published, and `publish:all`
   * restores the index whole. A shard the manifest records with the bytes read (written and
   * checked by a publisher) gives its lines with their bytes, cut from the file: the shards they
   * are joined into later are then neither serialized nor checked whole.
   */
  private async readIndex(language: Language): Promise<IndexLine[]> {
    const locale = language.code
    const listing = parsePublished<ArticleIndexDocument & { articles?: ArticleIndexEntry[] }>(await this.options.target.read(articleIndexPath(locale)))
    // An index of the first layout holds every line itself.
    if (Array.isArray(listing?.articles)) return listing.articles.map((entry) => indexLineOf(entry))
    if (!listing || !Array.isArray(listing.shards)) return []
    const lines: IndexLine[] = []
    for (const { shard } of listing.shards) {
      const path = articleIndexShardPath(locale, shard)
      const file = await this.options.target.read(path)
      const document = parsePublished<ArticleIndexShardDocument>(file)
      if (!file || document?.kind !== 'articleIndexShard' || !Array.isArray(document.articles)) continue
      const recorded = this.manifest.holds(path, sha256(file), file.length)
      const cut = recorded ? linesCutFrom(file, serialize(renderArticleIndexShard(language, shard, [])), document.articles) : null
      lines.push(...(cut ?? document.articles.map((entry) => indexLineOf(entry))))
    }
    return lines
  }

  /** The specialties these articles are listed under in the indexes this run holds. */
  private specialtiesOf(ids: string[]): Set<string> {
    const slugs = new Set<string>()
    for (const entries of this.entries.values()) {
      for (const id of ids) {
        const line = entries.get(id)
        if (line) slugs.add(line.entry.specialty.slug)
      }
    }
    return slugs
  }

  private async publishAllArticles(): Promise<void> {
    const total = await this.library.countPublished()
    let done = 0
    this.run.onProgress?.(done, total)
    for (let after: string | null = null; ; ) {
      const docs = await this.library.publishedPageAfter(after, this.options.pageSize)
      if (docs.length === 0) break
      await this.renderArticles(docs)
      done += docs.length
      this.run.onProgress?.(done, total)
      after = docs[docs.length - 1].slug
    }
  }

  private async publishArticles(ids: string[]): Promise<void> {
    const docs = await this.library.articles(ids)
    const published = docs.filter((doc) => doc._status === 'published')
    // The lines these articles had before this run, by language.
    const previous = new Map(
      this.languages.map((language) => {
        const entries = this.entries.get(language.code)!
        return [language.code, new Map(ids.flatMap((id) => (entries.has(id) ? [[id, entries.get(id)!] as const] : [])))]
      }),
    )
    this.slugsInScope = new Set(docs.map((doc) => doc.slug))
    for (const entries of previous.values()) {
      for (const id of ids) {
        const before = entries.get(id)
        if (before) this.slugsInScope.add(before.entry.slug)
      }
    }
    const outcomes = await this.renderArticles(published)
    for (const id of ids) {
      const doc = docs.find((candidate) => candidate.id === id)
      const isPublished = published.some((candidate) => candidate.id === id)
      for (const language of this.languages) {
        const before = previous.get(language.code)!.get(id)
        if (!isPublished) this.entries.get(language.code)!.delete(id)
        // Taken down, or moved to a new slug: the old file goes.
        if (before) await this.remove(before.entry.path)
        if (before) this.search.forget(language.code, before.entry.slug)
        if (!isPublished && doc) await this.remove(articlePath(language.code, doc.slug))
      }
      this.report.articles.push(outcomes.get(id) ?? { id, slug: doc?.slug ?? '', published: false, revision: doc?.revision ?? null, locales: {} })
    }
  }

  /** Which text a language shows: its approved translation, else its fallback's, down to the source (`chooseServedContent`). */
  private contentFor(
    doc: ArticleRecord,
    language: Language,
    approved: ApprovedTexts,
  ): { content: ArticleRecord; language: Language; revision: number | null; versionId: string | null } {
    const chosen = chooseServedContent(language, this.options.languages, this.source, (code) => approved.get(`${doc.id}:${code}`))
    if (!chosen.content) return { content: doc, language: this.source, revision: doc.revision ?? null, versionId: this.status.publishedVersionId(doc.id) }
    const approval = this.status.approvalOf(doc.id, chosen.language.code, doc.clinicalRevision ?? 0)
    return { content: withTexts(doc, chosen.content), language: chosen.language, revision: approval.revision, versionId: approval.versionId }
  }

  private async renderArticles(docs: ArticleRecord[]): Promise<Map<string, ArticleOutcome>> {
    const outcomes = new Map<string, ArticleOutcome>()
    if (docs.length === 0) return outcomes
    // Translations shown in any language (their own, or as another's fallback), a page at a time.
    const translated = this.options.languages.filter((language) => language.code !== this.source.code).map((language) => language.code)
    const approved = await loadApprovedTexts(this.options.payload, this.status, docs, translated)
    const heroIds = docs.map((doc) => (typeof doc.heroImage === 'string' ? doc.heroImage : doc.heroImage?.id)).filter((id): id is string => Boolean(id))
    for (const language of this.languages) {
      const directory = this.directories.get(language.code)!
      const missing = heroIds.filter((id) => !directory.images.has(id))
      for (const [id, image] of await this.library.images(missing, language)) directory.images.set(id, image)
    }

    for (const doc of docs) {
      const outcome: ArticleOutcome = { id: doc.id, slug: doc.slug, published: true, revision: null, locales: {} }
      // Every language's page, published in this run or not, so each file names the same alternates.
      const serving = this.options.languages.map((language) => ({
        locale: language.code,
        servedInOwnLanguage: this.contentFor(doc, language, approved).language.code === language.code,
      }))
      const alternates = alternatesOf(doc.slug, serving, this.options.articleUrlPattern)
      for (const language of this.languages) {
        const shown = this.contentFor(doc, language, approved)
        const isSource = language.code === this.source.code
        const fallback = shown.language.code !== language.code
        const approval = isSource ? null : this.status.approvalOf(doc.id, language.code, doc.clinicalRevision ?? 0)
        const state: TranslationState = approval?.state ?? 'source'
        const document = renderArticle({
          article: doc,
          content: shown.content,
          contentLanguage: shown.language,
          reader: language,
          translation: { state, fallback, ...(approval ? { approval } : {}) },
          alternates,
          sourceLocale: this.source.code,
          version: { revision: shown.revision, id: shown.versionId },
          directory: this.directories.get(language.code)!,
          labels: this.options.labels.get(language.code)!,
          today: this.now,
        })
        const path = articlePath(language.code, doc.slug)
        await this.emit(path, 'article', language.code, shown.revision, document)
        this.entries.get(language.code)!.set(doc.id, indexLineOf(indexEntryOf(document)))
        await this.search.add(document)
        outcome.locales[language.code] = { path, state, fallback, contentLocale: shown.language.code }
        if (isSource) outcome.revision = shown.revision
      }
      outcomes.set(doc.id, outcome)
    }
    return outcomes
  }

  /** The files every article's publish touches in a language: its index, the doctor directory, the specialties. */
  private async publishSurroundings(language: Language): Promise<void> {
    const code = language.code
    const directory = this.directories.get(code)!
    const labels = this.options.labels.get(code)!
    // Outside its scope a file is written only when the tree lacks it.
    const inScope = this.specialtiesInScope
    const wanted = (path: string, slug?: string) => !inScope || (slug !== undefined && inScope.has(slug)) || !this.manifest.entries.has(path)
    const shardCounts = this.options.articleShards
    const index = new ArticleShardSet(shardCounts.index, this.shardsRewritten(shardCounts.index, (shard) => articleIndexShardPath(code, shard)))
    const specialties = [...directory.specialties.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    const lists = new Map(
      specialties.map((specialty) => {
        const pathOf = (shard: number) => specialtyArticlesPath(code, specialty.slug, shard)
        const rewrites = this.shardsRewritten(shardCounts.specialty, pathOf, wanted(specialtyPath(code, specialty.slug), specialty.slug))
        return [specialty.slug, new ArticleShardSet(shardCounts.specialty, rewrites)]
      }),
    )
    const search = this.search.listing(code)
    const sitemapShards = this.slugsInScope && new Set([...this.slugsInScope].map(sitemapShardOf))
    const sitemapEntries = new Map<number, ArticleIndexEntry[]>()
    const fileInSitemap = ({ entry, sitemapShard }: IndexLine) => {
      if (sitemapShards && !sitemapShards.has(sitemapShard)) return
      const listed = sitemapEntries.get(sitemapShard)
      if (listed) listed.push(entry)
      else sitemapEntries.set(sitemapShard, [entry])
    }
    const lines = this.entries.get(code)!
    if (!sitemapShards) {
      // A full rebuild: one pass over the language's lines fills every list, each line's shards worked out when it was made.
      for (const line of lines.values()) {
        index.add(line)
        lists.get(line.entry.specialty.slug)?.add(line)
        search.add(line)
        fileInSitemap(line)
      }
    } else {
      // Some articles: only the lines of the shards this run rewrites (all of a list it writes whole), and each shard's count from the lines filed in it.
      const filed = lines.filed()
      const read = new Set<IndexLine>()
      const readShards = (list: ArticleShardSet, linesIn: (shard: number) => ReadonlySet<IndexLine>) => {
        list.countFrom((shard) => linesIn(shard).size)
        for (let shard = 0; shard < list.shardCount; shard += 1) {
          if (list.rewrites(shard)) for (const line of linesIn(shard)) read.add(line)
        }
      }
      readShards(index, (shard) => filed.inIndex(shard))
      readShards(search, (shard) => filed.inSearch(shard))
      for (const [slug, list] of lists) readShards(list, (shard) => filed.inSpecialty(slug, shard))
      for (const shard of sitemapShards) for (const line of filed.inSitemap(shard)) read.add(line)
      for (const line of read) {
        index.keep(line)
        lists.get(line.entry.specialty.slug)?.keep(line)
        search.keep(line)
        fileInSitemap(line)
      }
    }
    this.searchListings.set(code, search)

    await this.emit(articleIndexPath(code), 'articleIndex', code, null, renderArticleIndex(language, shardCounts.index, index.counts))
    await this.emitShards(index, (shard) => articleIndexShardPath(code, shard), 'articleIndexShard', code, (shard, lines) => renderArticleIndexShard(language, shard, lines))
    if (wanted(doctorDirectoryPath(code))) {
      await this.emit(doctorDirectoryPath(code), 'doctorDirectory', code, null, renderDoctorDirectory(directory, labels, this.now))
    }
    for (const specialty of specialties) {
      const list = lists.get(specialty.slug)!
      // A list written whole names other shards: its specialty file is written with it.
      if (wanted(specialtyPath(code, specialty.slug), specialty.slug) || list.rewritesAll) {
        const articles = { shardCount: shardCounts.specialty, counts: list.counts }
        await this.emit(specialtyPath(code, specialty.slug), 'specialty', code, null, renderSpecialty(specialty, directory, articles, labels, this.now))
      }
      const pathOf = (shard: number) => specialtyArticlesPath(code, specialty.slug, shard)
      await this.emitShards(list, pathOf, 'specialtyArticles', code, (shard, lines) => renderSpecialtyArticles(language, specialty.slug, shard, lines))
    }
    await this.publishSitemaps(language, sitemapShards, sitemapEntries)
  }

  /**
   * Which shards of a list this run rewrites: all in a full rebuild, and all when the tree lacks
   * any of them (a run killed part-way, a tree of a layout with fewer shards, or a list so short
   * that some shards are empty, cheap to write whole); otherwise those the slugs in scope fall in,
   * for a list in scope (`inScope`), and none for another.
   */
  private shardsRewritten(shardCount: number, pathOf: (shard: number) => string, inScope = true): (shard: number) => boolean {
    const slugs = this.slugsInScope
    if (!slugs) return () => true
    for (let shard = 0; shard < shardCount; shard += 1) {
      if (!this.manifest.entries.has(pathOf(shard))) return () => true
    }
    if (!inScope) return () => false
    const touched = new Set([...slugs].map((slug) => articleShardOf(slug, shardCount)))
    return (shard) => touched.has(shard)
  }

  /**
   * Writes the shards of a list this run rewrites; one left with no article goes. A full rebuild
   * serializes each shard whole; a publish of some articles joins its lines' bytes, made once per
   * line (`shardBytes`), and checks only the lines it has not written before against the schema.
   */
  private async emitShards(
    list: ArticleShardSet,
    pathOf: (shard: number) => string,
    kind: 'articleIndexShard' | 'specialtyArticles',
    locale: string,
    render: (shard: number, entries: ArticleIndexEntry[]) => unknown,
  ): Promise<void> {
    for (const [shard, lines] of [...list.lines.entries()].sort(([a], [b]) => a - b)) {
      const path = pathOf(shard)
      if (!this.slugsInScope) {
        await this.emit(path, kind, locale, null, render(shard, lines.map((line) => line.entry)))
        continue
      }
      const sorted = [...lines].sort((a, b) => compareEntries(a.entry, b.entry))
      const fresh = sorted.filter((line) => !line.bytes)
      if (fresh.length > 0) this.options.schemas.assertValid(kind, render(shard, fresh.map((line) => line.entry)), path)
      await this.emitBytes(path, kind, locale, null, shardBytes(serialize(render(shard, [])), sorted))
    }
    // In a full rebuild the sweep removes what was not written; here, the shards rewritten empty.
    if (!this.slugsInScope) return
    for (let shard = 0; shard < list.shardCount; shard += 1) {
      if (list.rewrites(shard) && !list.lines.has(shard) && this.manifest.entries.has(pathOf(shard))) await this.remove(pathOf(shard))
    }
  }

  /**
   * The language's sitemap shards this run touches (`shards`; null for all), from the lines of
   * each; a shard left with no page of its own language goes.
   */
  private async publishSitemaps(language: Language, shards: Set<number> | null, byShard: Map<number, ArticleIndexEntry[]>): Promise<void> {
    for (let shard = 0; shard < SITEMAP_SHARDS; shard += 1) {
      if (shards && !shards.has(shard)) continue
      const documents = renderSitemaps(byShard.get(shard) ?? [], language.code, this.options.articleUrlPattern, this.source.code)
      for (const [index, xml] of documents.entries()) {
        await this.emitBytes(sitemapPath(language.code, shard, index + 1), 'sitemap', language.code, null, Buffer.from(xml, 'utf8'))
      }
      // Parts past the last one written: a shard that shrank, or emptied.
      for (let part = documents.length + 1; this.manifest.entries.has(sitemapPath(language.code, shard, part)); part += 1) {
        await this.remove(sitemapPath(language.code, shard, part))
      }
    }
  }

  /**
   * The sitemap index, from the sitemap files the manifest now records in every language (also
   * those of languages this run left alone); removed when no language has a page to list.
   */
  private async publishSitemapIndex(): Promise<void> {
    const paths = [...this.manifest.pathsOf('sitemap')].sort()
    const origin = siteOriginOf(this.options.articleUrlPattern)
    // Each language's own index as well, listing its shards; the protocol lets no index list another.
    for (const language of this.languages) {
      const ownPaths = paths.filter((path) => path.startsWith(`${language.code}/`))
      if (ownPaths.length === 0) await this.remove(languageSitemapIndexPath(language.code))
      else await this.emitBytes(languageSitemapIndexPath(language.code), 'sitemapIndex', language.code, null, Buffer.from(renderSitemapIndex(ownPaths, origin), 'utf8'))
    }
    if (paths.length === 0) {
      await this.remove(SITEMAP_INDEX_PATH)
      return
    }
    await this.emitBytes(SITEMAP_INDEX_PATH, 'sitemapIndex', null, null, Buffer.from(renderSitemapIndex(paths, origin), 'utf8'))
  }

  /** The language's search shards that this run changed, and the list of its shards. */
  private async publishSearch(language: Language): Promise<void> {
    await this.search.publish(language.code, this.searchListings.get(language.code)!, {
      read: (path) => this.options.target.read(path),
      emit: (path, kind, locale, document) => this.emit(path, kind, locale, null, document),
      remove: (path) => this.remove(path),
    })
  }

  private async emit(path: string, kind: Exclude<FileKind, 'schema'>, locale: string, version: number | null, document: unknown): Promise<void> {
    await this.emitBytes(path, kind, locale, version, serialize(document), () => this.options.schemas.assertValid(kind, document, path))
  }

  /**
   * Writes a file unless the manifest records these very bytes. Only a file about to be written
   * is checked against its schema: the same bytes were checked when they were first written, and a
   * publish of one article leaves the indexes of thousands unchanged but for a line.
   */
  private async emitBytes(path: string, kind: FileKind, locale: string | null, version: number | null, bytes: Buffer, check?: () => void): Promise<void> {
    this.produced.add(path)
    const digest = sha256(bytes)
    const present = this.listing ? this.listing.get(path) === bytes.length : true
    if (present && this.manifest.holds(path, digest, bytes.length)) {
      this.report.unchanged += 1
      return
    }
    check?.()
    if (!this.run.dryRun) await this.lanes.run(() => this.options.target.write(path, bytes))
    this.manifest.recordWrite({ path, sha256: digest, bytes: bytes.length, locale, kind, version })
    this.feed.recordWrite({ path, sha256: digest, locale, kind })
    this.report.written.push(path)
  }

  /** Removes a file unless this run wrote it; a removal of a recorded file leaves a tombstone in the manifest. */
  private async remove(path: string): Promise<void> {
    if (this.produced.has(path)) return
    if (!this.run.dryRun) await this.lanes.run(() => this.options.target.remove(path))
    if (this.manifest.entries.has(path) || this.listing?.has(path)) {
      this.manifest.recordRemoval(path, { kind: kindOfPath(path), locale: localeOfPath(path) }, this.now.toISOString())
      this.feed.recordRemoval(this.manifest.tombstones.get(path)!)
      this.report.removed.push(path)
    }
  }

  /**
   * Removes published files that this run no longer produces: in a full rebuild, anything of the
   * layout not written; after a directory change, the files of specialties that no longer exist.
   */
  private async sweep(): Promise<void> {
    // A publish of some articles with the directory unchanged leaves every other file as it is.
    if (this.scope.kind === 'articles' && this.specialtiesInScope) return
    const inScope = new Set(this.languages.map((language) => language.code))
    const candidates = new Set([...this.manifest.entries.keys(), ...(this.listing?.keys() ?? [])])
    for (const path of candidates) {
      if (this.produced.has(path) || !PUBLISHED_PATH.test(path)) continue
      const locale = localeOfPath(path)
      if (locale === null ? Boolean(this.run.locales) : !inScope.has(locale)) continue
      const kind = kindOfPath(path)
      const directoryFile = kind === 'specialty' || kind === 'specialtyArticles' || kind === 'doctorDirectory'
      if (this.scope.kind === 'articles' && (this.specialtiesInScope || !directoryFile)) continue
      await this.remove(path)
    }
  }
}

/** The published document with one language's approved texts in place of the source's. */
export function withTexts(doc: ArticleRecord, texts: ApprovedContent): ArticleRecord {
  return {
    ...doc,
    title: texts.title,
    summary: texts.summary,
    sections: texts.sections,
    changelogNote: texts.changelogNote ?? null,
    lastUpdated: texts.lastUpdated ?? doc.lastUpdated,
    // The score stored with these texts, if any; the source's score never stands in for a translation's.
    readability: texts.readability ?? null,
  }
}
