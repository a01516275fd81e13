import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { readEnvironment } from '../../src/environment/readEnvironment'
import { runWorker } from '../../src/jobs/worker'
import { createHash } from 'node:crypto'

import { latestChangeByPath, recordsAfter, segmentsAfter } from '../../src/publishing/changeFeed'
import { CHANGES_HEAD_PATH } from '../../src/publishing/layout'
import type {
  ArticleIndexDocument,
  ArticleIndexEntry,
  ArticleIndexShardDocument,
  ChangeHeadDocument,
  ChangeRecord,
  ChangeSegmentDocument,
  FileKind,
  ManifestDocument,
  ManifestEntry,
  ManifestPartDocument,
  SpecialtyArticlesDocument,
  Tombstone,
  SpecialtyDocument,
} from '../../src/publishing/publishedJson'
import { loadSchemas } from '../../src/publishing/schemas'

/** Every file of a published tree, by path relative to its root. */
export function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (folder: string, prefix: string) => {
    if (!fs.existsSync(folder)) return
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(path.join(folder, entry.name), relative)
      else files.set(relative, fs.readFileSync(path.join(folder, entry.name)))
    }
  }
  walk(root, '')
  return files
}

/** Modification times of every file, to prove a publish rewrote nothing. */
export function modificationTimes(root: string): Map<string, number> {
  return new Map([...readTree(root).keys()].map((relative) => [relative, fs.statSync(path.join(root, relative)).mtimeMs]))
}

export function kindOf(relative: string): Exclude<FileKind, 'schema'> | 'manifest' | 'manifestPart' | 'schema' | 'changeHead' | 'changeSegment' {
  if (relative === 'manifest.json') return 'manifest'
  if (relative.startsWith('manifest/')) return 'manifestPart'
  if (relative === CHANGES_HEAD_PATH) return 'changeHead'
  if (relative.startsWith('changes/')) return 'changeSegment'
  if (relative.startsWith('schemas/')) return 'schema'
  if (relative.endsWith('/articles/index.json')) return 'articleIndex'
  if (relative.includes('/articles/index/')) return 'articleIndexShard'
  if (relative.includes('/articles/')) return 'article'
  if (/\/specialties\/[^/]+\//.test(relative)) return 'specialtyArticles'
  if (relative.includes('/doctors/')) return 'doctorDirectory'
  if (relative.endsWith('/search/index.json')) return 'searchIndex'
  if (relative.includes('/search/')) return 'searchShard'
  return 'specialty'
}

const schemas = loadSchemas()

/** Parses every JSON file and validates it against its kind's schema; returns the problems found (none when valid). */
export function treeProblems(root: string): string[] {
  const problems: string[] = []
  for (const [relative, bytes] of readTree(root)) {
    // Sitemaps are XML, checked against the sitemaps.org schemas by sitemapProblems (sitemapCheck.ts).
    if (relative.endsWith('.xml')) continue
    let document: unknown
    try {
      document = JSON.parse(bytes.toString('utf8'))
    } catch (error) {
      problems.push(`${relative}: not JSON (${(error as Error).message})`)
      continue
    }
    const kind = kindOf(relative)
    if (kind === 'schema') continue
    const validate = schemas.validator(kind)
    if (!validate(document)) problems.push(`${relative}: ${JSON.stringify(validate.errors)}`)
  }
  return problems
}

export const readJson = <T = any>(root: string, relative: string): T => JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')) as T

/** The whole manifest, read as a site reads it: `manifest.json`, then each part it names, each checked against its hash. */
export function readManifest(root: string): { schemaVersion: number; files: ManifestEntry[]; tombstones: Tombstone[] } {
  const top = readJson<ManifestDocument>(root, 'manifest.json')
  const files: ManifestEntry[] = []
  const tombstones: Tombstone[] = []
  for (const summary of top.parts) {
    const bytes = fs.readFileSync(path.join(root, summary.path))
    if (createHash('sha256').update(bytes).digest('hex') !== summary.sha256) throw new Error(`${summary.path} is not the part manifest.json names`)
    const part = JSON.parse(bytes.toString('utf8')) as ManifestPartDocument
    files.push(...part.files)
    tombstones.push(...part.tombstones)
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  return { schemaVersion: top.schemaVersion, files: files.sort(byPath), tombstones: tombstones.sort(byPath) }
}

/** Whether a path is the manifest's: `manifest.json` or one of its parts. */
export const isManifestFile = (relative: string) => relative === 'manifest.json' || relative.startsWith('manifest/')

/** Every line of a language's article index, read as a site reads it: the listing, then each shard it names. */
export function readArticleIndex(root: string, locale: string): ArticleIndexEntry[] {
  const listing = readJson<ArticleIndexDocument>(root, `${locale}/articles/index.json`)
  return listing.shards.flatMap(({ path: shard }) => readJson<ArticleIndexShardDocument>(root, shard).articles)
}

/** Every article of a specialty in a language, from its file's shards. */
export function readSpecialtyArticles(root: string, locale: string, slug: string): ArticleIndexEntry[] {
  const specialty = readJson<SpecialtyDocument>(root, `${locale}/specialties/${slug}.json`)
  return specialty.articleShards.flatMap(({ path: shard }) => readJson<SpecialtyArticlesDocument>(root, shard).articles)
}

/** Runs every due job of the queue in this process until none is left. */
export async function drainJobs(payload: Payload): Promise<void> {
  await runWorker(payload, { ...readEnvironment().jobs, batchSize: 10 }, { untilIdle: true })
}

/** The latest sequence of the tree's change feed; 0 when it has none yet. */
export function feedHead(root: string): number {
  return fs.existsSync(path.join(root, CHANGES_HEAD_PATH)) ? readJson<ChangeHeadDocument>(root, CHANGES_HEAD_PATH).latest : 0
}

/** The feed's records after `sequence`, read as a site reads them: the head, then only the segments after that sequence. */
export function changesAfter(root: string, sequence: number): ChangeRecord[] {
  if (!fs.existsSync(path.join(root, CHANGES_HEAD_PATH))) return []
  const head = readJson<ChangeHeadDocument>(root, CHANGES_HEAD_PATH)
  const segments = segmentsAfter(head, sequence).map((segment) => readJson<ChangeSegmentDocument>(root, segment.path))
  return recordsAfter(head, segments, sequence)
}

/**
 * A tree without its change feed: the feed is the history of one tree, so a full rebuild into an
 * empty folder and the same library reached by single publishes differ there and nowhere else.
 */
export function withoutChangeFeed(tree: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...tree].filter(([relative]) => !relative.startsWith('changes/')))
}

/** The library files of a tree: everything but the manifest and the feed, which are not in the feed themselves. */
export function libraryFiles(tree: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...tree].filter(([relative]) => !isManifestFile(relative) && !relative.startsWith('changes/')))
}

/**
 * What a site holds after taking a copy of the tree's library files at `sequence` and applying
 * every later record: the last record of each path, a written file fetched as it is now (its
 * sha256 must be the record's), a removed one deleted.
 */
export function replayOnto(copy: Map<string, Buffer>, root: string, sequence: number): { files: Map<string, Buffer>; mismatches: string[] } {
  const files = new Map(libraryFiles(copy))
  const mismatches: string[] = []
  for (const [relative, record] of latestChangeByPath(changesAfter(root, sequence))) {
    if (record.change === 'removed') {
      files.delete(relative)
      continue
    }
    const bytes = fs.existsSync(path.join(root, relative)) ? fs.readFileSync(path.join(root, relative)) : null
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== record.sha256) mismatches.push(`${relative} (sequence ${record.sequence})`)
    if (bytes) files.set(relative, bytes)
  }
  return { files, mismatches }
}

/** The paths whose bytes differ between two sets of files, or that only one holds; empty when identical. */
export function treeDifferences(expected: Map<string, Buffer>, actual: Map<string, Buffer>): string[] {
  const paths = [...new Set([...expected.keys(), ...actual.keys()])].sort()
  return paths.filter((relative) => {
    const a = expected.get(relative)
    const b = actual.get(relative)
    return !a || !b || !a.equals(b)
  })
}
