import { createHash } from 'node:crypto'

import { MANIFEST_PATH, manifestPartPath } from './layout'
import { searchShardOf } from './render/search'
import {
  PUBLISHED_SCHEMA_VERSION,
  type FileKind,
  type ManifestDocument,
  type ManifestEntry,
  type ManifestPartDocument,
  type ManifestPartSummary,
  type Tombstone,
} from './publishedJson'

/** A published file's JSON; null when absent or unreadable, as a run killed part-way may leave it. */
export function parsePublished<T>(bytes: Buffer | null): T | null {
  if (!bytes) return null
  try {
    return JSON.parse(bytes.toString('utf8')) as T
  } catch {
    return null
  }
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Published files are compact JSON with a final newline, the same bytes for the same content. */
export function serialize(document: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(document)}\n`, 'utf8')
}

/** An entry with exactly the manifest's fields, in the manifest's order. */
const entryOf = ({ path, sha256, bytes, locale, kind, version }: ManifestEntry): ManifestEntry => ({ path, sha256, bytes, locale, kind, version })
const tombstoneOf = ({ path, locale, kind, version, removedAt }: Tombstone): Tombstone => ({ path, locale, kind, version, removedAt })
const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

/**
 * Parts the manifest is split into. A publish rewrites `manifest.json`, which lists the parts, and
 * the few parts holding the files it changed (about ten for one article, in any number of
 * languages), each a 1,024th of the manifest: about 200 entries at 20,000 articles in 8 languages.
 * A tree written with another count is read whole and written again in this one.
 */
export const MANIFEST_PARTS = 1024

/**
 * The part a file is recorded in: FNV-1a (the hash of the search and index shards) of its path
 * without the language folder, so every language's copy of a file is recorded in the same part,
 * and a publish of one article touches a few parts in any number of languages.
 */
export function manifestPartOf(path: string): number {
  const slash = path.indexOf('/')
  return searchShardOf(slash > 0 && !path.startsWith('schemas/') ? path.slice(slash + 1) : path, MANIFEST_PARTS)
}

/** A file of the manifest to write: `manifest.json` or one of its parts. */
export interface ManifestFile {
  path: string
  kind: 'manifest' | 'manifestPart'
  document: ManifestDocument | ManifestPartDocument
  bytes: Buffer
}

/**
 * The manifest as the publisher edits it: the entries by path and the tombstones of removed
 * files, recorded in parts (`manifest/<nn>.json`) listed by `manifest.json`. Serialized sorted by
 * path, so the same tree always gives the same bytes; only parts with a change are serialized.
 */
export class Manifest {
  private constructor(
    readonly entries: Map<string, ManifestEntry>,
    readonly tombstones: Map<string, Tombstone>,
    /** The paths recorded in each part, entries and tombstones alike. */
    private readonly members: Map<number, Set<string>>,
    /** What `manifest.json` says of each part as last written; a changed part has none until serialized. */
    private readonly summaries: Map<number, ManifestPartSummary>,
    /** The paths of the files recorded, by kind. */
    private readonly kinds: Map<FileKind, Set<string>>,
  ) {}

  static empty(): Manifest {
    return new Manifest(new Map(), new Map(), new Map(), new Map(), new Map())
  }

  /**
   * Reads a published manifest: `manifest.json`, then each part it lists. A missing or unreadable
   * file counts as empty, so the files it recorded are written and recorded again. A manifest of
   * the first layout (every file in `manifest.json`) is read whole, and written in parts.
   */
  static async read(read: (path: string) => Promise<Buffer | null>): Promise<Manifest> {
    const manifest = Manifest.empty()
    const top = parsePublished<ManifestDocument & { files?: ManifestEntry[]; tombstones?: Tombstone[] }>(await read(MANIFEST_PATH))
    if (!top) return manifest
    if (Array.isArray(top.files) || Array.isArray(top.tombstones)) {
      manifest.load(top.files ?? [], top.tombstones ?? [])
      return manifest
    }
    for (const summary of Array.isArray(top.parts) ? top.parts : []) {
      const part = parsePublished<ManifestPartDocument>(await read(manifestPartPath(summary.part)))
      if (part?.kind !== 'manifestPart' || part.part !== summary.part) continue
      manifest.load(part.files ?? [], part.tombstones ?? [])
      // Recorded as written only when the part is the one `manifest.json` describes; otherwise it is written again.
      const bytes = serialize(manifest.partDocument(summary.part))
      if (sha256(bytes) === summary.sha256) manifest.summaries.set(summary.part, summary)
    }
    return manifest
  }

  private load(entries: ManifestEntry[], tombstones: Tombstone[]): void {
    for (const entry of entries) this.recordWrite(entry)
    for (const tombstone of tombstones) {
      const entry = this.entries.get(tombstone.path)
      if (entry) this.kinds.get(entry.kind)?.delete(tombstone.path)
      this.entries.delete(tombstone.path)
      this.tombstones.set(tombstone.path, tombstoneOf(tombstone))
      this.touch(tombstone.path)
    }
  }

  clone(): Manifest {
    return new Manifest(
      new Map(this.entries),
      new Map(this.tombstones),
      new Map([...this.members].map(([part, paths]) => [part, new Set(paths)])),
      new Map(this.summaries),
      new Map([...this.kinds].map(([kind, paths]) => [kind, new Set(paths)])),
    )
  }

  /** The paths of the recorded files of a kind. */
  pathsOf(kind: FileKind): ReadonlySet<string> {
    return this.kinds.get(kind) ?? new Set()
  }

  /** True when the file with these bytes is recorded as published already. */
  holds(path: string, digest: string, bytes: number): boolean {
    const entry = this.entries.get(path)
    return entry !== undefined && entry.sha256 === digest && entry.bytes === bytes
  }

  recordWrite(entry: ManifestEntry): void {
    const previous = this.entries.get(entry.path)
    if (previous && previous.kind !== entry.kind) this.kinds.get(previous.kind)?.delete(entry.path)
    let paths = this.kinds.get(entry.kind)
    if (!paths) {
      paths = new Set()
      this.kinds.set(entry.kind, paths)
    }
    paths.add(entry.path)
    this.entries.set(entry.path, entryOf(entry))
    this.tombstones.delete(entry.path)
    this.touch(entry.path)
  }

  recordRemoval(path: string, fallback: { kind: FileKind; locale: string | null }, removedAt: string): void {
    const entry = this.entries.get(path)
    if (entry) this.kinds.get(entry.kind)?.delete(path)
    this.entries.delete(path)
    this.tombstones.set(
      path,
      tombstoneOf({ path, locale: entry?.locale ?? fallback.locale, kind: entry?.kind ?? fallback.kind, version: entry?.version ?? null, removedAt }),
    )
    this.touch(path)
  }

  private touch(path: string): void {
    const part = manifestPartOf(path)
    let paths = this.members.get(part)
    if (!paths) {
      paths = new Set()
      this.members.set(part, paths)
    }
    paths.add(path)
    this.summaries.delete(part)
  }

  private partDocument(part: number): ManifestPartDocument {
    const files: ManifestEntry[] = []
    const tombstones: Tombstone[] = []
    for (const path of this.members.get(part) ?? []) {
      const entry = this.entries.get(path)
      if (entry) files.push(entry)
      else {
        const tombstone = this.tombstones.get(path)
        if (tombstone) tombstones.push(tombstone)
      }
    }
    return { kind: 'manifestPart', part, files: files.sort(byPath), tombstones: tombstones.sort(byPath) }
  }

  /**
   * The manifest's files as they now stand: each part changed since it was read or last
   * serialized, then `manifest.json` (to be written last). The parts' summaries are kept, so the
   * next call serializes only what changed after this one.
   */
  serialize(): { parts: ManifestFile[]; top: ManifestFile } {
    const parts: ManifestFile[] = []
    for (const part of [...this.members.keys()].sort((a, b) => a - b)) {
      if (this.summaries.has(part)) continue
      const document = this.partDocument(part)
      const bytes = serialize(document)
      parts.push({ path: manifestPartPath(part), kind: 'manifestPart', document, bytes })
      this.summaries.set(part, { part, path: manifestPartPath(part), sha256: sha256(bytes), bytes: bytes.length, files: document.files.length, tombstones: document.tombstones.length })
    }
    const document: ManifestDocument = {
      kind: 'manifest',
      schemaVersion: PUBLISHED_SCHEMA_VERSION,
      partCount: MANIFEST_PARTS,
      parts: [...this.summaries.values()].sort((a, b) => a.part - b.part),
    }
    return { parts, top: { path: MANIFEST_PATH, kind: 'manifest', document, bytes: serialize(document) } }
  }

  /** Every entry and tombstone, sorted by path: the whole manifest, as a site would assemble it from its parts. */
  toDocument(): { files: ManifestEntry[]; tombstones: Tombstone[] } {
    return { files: [...this.entries.values()].sort(byPath), tombstones: [...this.tombstones.values()].sort(byPath) }
  }
}
