import { createHash } from 'node:crypto'

import type { FileKind, ManifestDocument, ManifestEntry, Tombstone } from './publishedJson'

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * The JSON of list items already serialized, by item. The long lists of the tree (an index's
 * lines, the manifest's entries) are mostly the same objects from one publish to the next, so
 * each is turned into JSON once. Items are never changed once made: a change makes a new item.
 */
const fragments = new WeakMap<object, string>()

function itemJson(item: unknown): string {
  if (item === null || typeof item !== 'object') return JSON.stringify(item) ?? 'null'
  let json = fragments.get(item)
  if (json === undefined) {
    json = JSON.stringify(item)
    fragments.set(item, json)
  }
  return json
}

/** JSON.stringify of a plain object, with the items of its lists taken from `fragments`. */
function documentJson(document: unknown): string {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return JSON.stringify(document)
  const members: string[] = []
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined || typeof value === 'function') continue
    const json = Array.isArray(value) ? `[${value.map(itemJson).join(',')}]` : JSON.stringify(value)
    members.push(`${JSON.stringify(key)}:${json}`)
  }
  return `{${members.join(',')}}`
}

/** Published files are compact JSON with a final newline, the same bytes for the same content. */
export function serialize(document: unknown): Buffer {
  return Buffer.from(`${documentJson(document)}\n`, 'utf8')
}

/** An entry with exactly the manifest's fields, in the manifest's order. */
const entryOf = ({ path, sha256, bytes, locale, kind, version }: ManifestEntry): ManifestEntry => ({ path, sha256, bytes, locale, kind, version })
const tombstoneOf = ({ path, locale, kind, version, removedAt }: Tombstone): Tombstone => ({ path, locale, kind, version, removedAt })

/**
 * The manifest as the publisher edits it: the entries by path and the tombstones of removed
 * files. Serialized sorted by path, so the same tree always gives the same bytes.
 */
export class Manifest {
  private constructor(
    readonly entries: Map<string, ManifestEntry>,
    readonly tombstones: Map<string, Tombstone>,
  ) {}

  static empty(): Manifest {
    return new Manifest(new Map(), new Map())
  }

  /** Reads a published manifest; a missing or unreadable one counts as empty (a rebuild repairs it). */
  static parse(bytes: Buffer | null): Manifest {
    if (!bytes) return Manifest.empty()
    try {
      const document = JSON.parse(bytes.toString('utf8')) as ManifestDocument
      return new Manifest(
        new Map((document.files ?? []).map((entry) => [entry.path, entryOf(entry)])),
        new Map((document.tombstones ?? []).map((tombstone) => [tombstone.path, tombstoneOf(tombstone)])),
      )
    } catch {
      return Manifest.empty()
    }
  }

  clone(): Manifest {
    return new Manifest(new Map(this.entries), new Map(this.tombstones))
  }

  /** True when the file with these bytes is recorded as published already. */
  holds(path: string, digest: string, bytes: number): boolean {
    const entry = this.entries.get(path)
    return entry !== undefined && entry.sha256 === digest && entry.bytes === bytes
  }

  recordWrite(entry: ManifestEntry): void {
    this.entries.set(entry.path, entryOf(entry))
    this.tombstones.delete(entry.path)
  }

  recordRemoval(path: string, fallback: { kind: FileKind; locale: string | null }, removedAt: string): void {
    const entry = this.entries.get(path)
    this.entries.delete(path)
    this.tombstones.set(
      path,
      tombstoneOf({ path, locale: entry?.locale ?? fallback.locale, kind: entry?.kind ?? fallback.kind, version: entry?.version ?? null, removedAt }),
    )
  }

  toDocument(): ManifestDocument {
    const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
    return {
      kind: 'manifest',
      files: [...this.entries.values()].sort(byPath),
      tombstones: [...this.tombstones.values()].sort(byPath),
    }
  }
}
