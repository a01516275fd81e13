import type { Payload } from 'payload'

import type { ApprovedContent } from '../localization/approvedContent'
import { SOURCE_LOCALE, type Language } from '../languages/registry'
import type { ArticleIndexDocument, ArticleIndexEntry, FileKind, TranslationState } from './publishedJson'
import type { LocaleLabels } from './readerLabels'
import { WriteLanes } from './writeLanes'
import {
  articleIndexPath,
  articlePath,
  doctorDirectoryPath,
  localeOfPath,
  MANIFEST_PATH,
  schemaPath,
  specialtyPath,
} from './layout'
import { LibraryReader } from './libraryReader'
import { Manifest, serialize, sha256 } from './manifest'
import type { PublishLock } from './publishLock'
import { indexEntryOf, renderArticle, type ArticleRecord } from './render/article'
import { renderArticleIndex, renderDoctorDirectory, renderSpecialty, type DirectorySnapshot } from './render/directory'
import { SCHEMA_NAMES, type SchemaSet } from './schemas'
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
  /** Files written at the same time. */
  writeConcurrency: number
  /** Articles read and rendered per page of a full rebuild. */
  pageSize: number
}

export class PublishError extends Error {
  constructor(
    message: string,
    readonly code: 'PUBLISH_LOCALE_UNKNOWN' | 'PUBLISH_SOURCE_LANGUAGE_MISSING',
  ) {
    super(message)
  }
}

const PUBLISHED_PATH = /^(?:[^/]+\/(?:articles|doctors|specialties)\/[^/]+\.json|schemas\/[^/]+\.schema\.json)$/

function kindOfPath(path: string): FileKind {
  if (path.startsWith('schemas/')) return 'schema'
  if (path.endsWith('/articles/index.json')) return 'articleIndex'
  if (path.includes('/articles/')) return 'article'
  if (path.includes('/doctors/')) return 'doctorDirectory'
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
  /** Each language's index lines, with the sha256 of the index file they were written as. */
  indexes: Map<string, { sha256: string; entries: Map<string, ArticleIndexEntry> }>
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
    return this.options.lock.withLock(() => new PublishRun(this.options, scope, run, this.memory).execute())
  }
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
  private listing: Map<string, number> | null = null
  private directories = new Map<string, DirectorySnapshot>()
  private entries = new Map<string, Map<string, ArticleIndexEntry>>()
  private status: TranslationStatus = TranslationRecordStatus.empty()
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
    if (!source) throw new PublishError(`The source language "${SOURCE_LOCALE}" has no folder in translations/.`, 'PUBLISH_SOURCE_LANGUAGE_MISSING')
    this.source = source
    const unknown = (run.locales ?? []).filter((code) => !options.languages.some((language) => language.code === code))
    if (unknown.length > 0) {
      throw new PublishError(
        `Unknown language ${unknown.map((code) => `"${code}"`).join(', ')}; the languages are ${options.languages.map((language) => language.code).join(', ')}.`,
        'PUBLISH_LOCALE_UNKNOWN',
      )
    }
    this.languages = run.locales ? options.languages.filter((language) => run.locales!.includes(language.code)) : options.languages
    this.library = new LibraryReader(options.payload, options.mediaBaseUrl)
    this.lanes = new WriteLanes(options.writeConcurrency)
    this.report = { target: options.target.description, dryRun: Boolean(run.dryRun), written: [], removed: [], unchanged: 0, articles: [] }
  }

  async execute(): Promise<PublishReport> {
    const { target } = this.options
    if (!this.run.dryRun) await target.recover?.()
    const manifestBytes = await target.read(MANIFEST_PATH)
    const last = this.memory.last
    this.manifest = last && manifestBytes && last.manifestBytes.equals(manifestBytes) ? last.manifest.clone() : Manifest.parse(manifestBytes)
    const all = this.scope.kind === 'all'
    if (all) this.listing = await target.list()
    const snapshots = await Promise.all(this.languages.map((language) => this.library.directory(language)))
    this.directories = new Map(snapshots.map((snapshot) => [snapshot.language.code, snapshot]))

    if (this.scope.kind === 'all') {
      for (const language of this.languages) this.entries.set(language.code, new Map())
      this.status = await TranslationRecordStatus.load(this.options.payload, 'all')
      await this.publishAllArticles()
    } else {
      await this.readIndexes()
      const before = this.specialtiesOf(this.scope.ids)
      this.status = await TranslationRecordStatus.load(this.options.payload, this.scope.ids)
      await this.publishArticles(this.scope.ids)
      if (!this.scope.directoryChanged) this.specialtiesInScope = new Set([...before, ...this.specialtiesOf(this.scope.ids)])
    }

    for (const language of this.languages) await this.publishSurroundings(language)
    if (!this.run.locales) {
      for (const name of SCHEMA_NAMES) await this.emitBytes(`schemas/${name}.schema.json`, 'schema', null, null, this.options.schemas.files.get(name)!)
    }
    await this.sweep()
    await this.lanes.drain()

    const manifestDocument = this.manifest.toDocument()
    const bytes = serialize(manifestDocument)
    if (!manifestBytes || !bytes.equals(manifestBytes)) {
      this.options.schemas.assertValid('manifest', manifestDocument, MANIFEST_PATH)
      if (!this.run.dryRun) await target.write(MANIFEST_PATH, bytes)
    }
    if (!this.run.dryRun) this.remember(bytes)
    return this.report
  }

  private remember(manifestBytes: Buffer): void {
    const indexes: LastTree['indexes'] = new Map()
    for (const language of this.languages) {
      const recorded = this.manifest.entries.get(articleIndexPath(language.code))
      if (recorded) indexes.set(language.code, { sha256: recorded.sha256, entries: this.entries.get(language.code)! })
    }
    this.memory.last = { manifestBytes, manifest: this.manifest, indexes }
  }

  /** The current indexes, so a publish of some articles changes only their lines. */
  private async readIndexes(): Promise<void> {
    for (const language of this.languages) {
      const recorded = this.manifest.entries.get(articleIndexPath(language.code))
      const known = this.memory.last?.indexes.get(language.code)
      if (recorded && known && known.sha256 === recorded.sha256) {
        this.entries.set(language.code, new Map(known.entries))
        continue
      }
      const bytes = await this.options.target.read(articleIndexPath(language.code))
      let articles: ArticleIndexEntry[] = []
      try {
        articles = bytes ? (JSON.parse(bytes.toString('utf8')) as ArticleIndexDocument).articles ?? [] : []
      } catch {
        // An unreadable index is rebuilt from the articles published from now on; `publish:all` restores it whole.
      }
      this.entries.set(language.code, new Map(articles.map((entry) => [entry.id, entry])))
    }
  }

  /** The specialties these articles are listed under in the indexes this run holds. */
  private specialtiesOf(ids: string[]): Set<string> {
    const slugs = new Set<string>()
    for (const entries of this.entries.values()) {
      for (const id of ids) {
        const entry = entries.get(id)
        if (entry) slugs.add(entry.specialty.slug)
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
    const previous = new Map(this.languages.map((language) => [language.code, new Map(this.entries.get(language.code)!)]))
    const outcomes = await this.renderArticles(published)
    for (const id of ids) {
      const doc = docs.find((candidate) => candidate.id === id)
      const isPublished = published.some((candidate) => candidate.id === id)
      for (const language of this.languages) {
        const before = previous.get(language.code)!.get(id)
        if (!isPublished) this.entries.get(language.code)!.delete(id)
        // Taken down, or moved to a new slug: the old file goes.
        if (before) await this.remove(before.path)
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
      for (const language of this.languages) {
        const shown = this.contentFor(doc, language, approved)
        const isSource = language.code === this.source.code
        const fallback = shown.language.code !== language.code
        const state: TranslationState = isSource ? 'source' : this.status.approvalOf(doc.id, language.code, doc.clinicalRevision ?? 0).state
        const document = renderArticle({
          article: doc,
          content: shown.content,
          contentLanguage: shown.language,
          reader: language,
          translation: { state, fallback },
          version: { revision: shown.revision, id: shown.versionId },
          directory: this.directories.get(language.code)!,
          labels: this.options.labels.get(language.code)!,
          today: this.now,
        })
        const path = articlePath(language.code, doc.slug)
        await this.emit(path, 'article', language.code, shown.revision, document)
        this.entries.get(language.code)!.set(doc.id, indexEntryOf(document))
        outcome.locales[language.code] = { path, state, fallback, contentLocale: shown.language.code }
        if (isSource) outcome.revision = shown.revision
      }
      outcomes.set(doc.id, outcome)
    }
    return outcomes
  }

  /** The files every article's publish touches in a language: its index, the doctor directory, the specialties. */
  private async publishSurroundings(language: Language): Promise<void> {
    const directory = this.directories.get(language.code)!
    const labels = this.options.labels.get(language.code)!
    const entries = [...this.entries.get(language.code)!.values()]
    await this.emit(articleIndexPath(language.code), 'articleIndex', language.code, null, renderArticleIndex(language, entries))
    // Outside its scope a file is written only when the tree lacks it.
    const inScope = this.specialtiesInScope
    const wanted = (path: string, slug?: string) => !inScope || (slug !== undefined && inScope.has(slug)) || !this.manifest.entries.has(path)
    if (wanted(doctorDirectoryPath(language.code))) {
      await this.emit(doctorDirectoryPath(language.code), 'doctorDirectory', language.code, null, renderDoctorDirectory(directory, labels, this.now))
    }
    const specialties = [...directory.specialties.values()]
      .filter((specialty) => wanted(specialtyPath(language.code, specialty.slug), specialty.slug))
      .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    for (const specialty of specialties) {
      await this.emit(specialtyPath(language.code, specialty.slug), 'specialty', language.code, null, renderSpecialty(specialty, directory, entries, labels, this.now))
    }
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
    this.report.written.push(path)
  }

  /** Removes a file unless this run wrote it; a removal of a recorded file leaves a tombstone in the manifest. */
  private async remove(path: string): Promise<void> {
    if (this.produced.has(path)) return
    if (!this.run.dryRun) await this.lanes.run(() => this.options.target.remove(path))
    if (this.manifest.entries.has(path) || this.listing?.has(path)) {
      this.manifest.recordRemoval(path, { kind: kindOfPath(path), locale: localeOfPath(path) }, this.now.toISOString())
      this.report.removed.push(path)
    }
  }

  /**
   * Removes published files that this run no longer produces: in a full rebuild, anything of the
   * layout not written; after a directory change, the files of specialties that no longer exist.
   */
  private async sweep(): Promise<void> {
    const inScope = new Set(this.languages.map((language) => language.code))
    const candidates = new Set([...this.manifest.entries.keys(), ...(this.listing?.keys() ?? [])])
    for (const path of candidates) {
      if (this.produced.has(path) || !PUBLISHED_PATH.test(path)) continue
      const locale = localeOfPath(path)
      if (locale === null ? Boolean(this.run.locales) : !inScope.has(locale)) continue
      const kind = kindOfPath(path)
      if (this.scope.kind === 'articles' && (this.specialtiesInScope || (kind !== 'specialty' && kind !== 'doctorDirectory'))) continue
      await this.remove(path)
    }
  }
}

/** The published document with one language's approved texts in place of the source's. */
function withTexts(doc: ArticleRecord, texts: ApprovedContent): ArticleRecord {
  return {
    ...doc,
    title: texts.title,
    summary: texts.summary,
    sections: texts.sections,
    changelogNote: texts.changelogNote ?? null,
    lastUpdated: texts.lastUpdated ?? doc.lastUpdated,
  }
}
