import { createHash } from 'node:crypto'

import type { FileKind, ManifestDocument, ManifestEntry, Tombstone } from './documents'

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Published files are compact JSON with a final newline, the same bytes for the same content. */
export function serialize(document: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(document)}\n`, 'utf8')
}

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
        new Map((document.files ?? []).map((entry) => [entry.path, entry])),
        new Map((document.tombstones ?? []).map((tombstone) => [tombstone.path, tombstone])),
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
    this.entries.set(entry.path, entry)
    this.tombstones.delete(entry.path)
  }

  recordRemoval(path: string, fallback: { kind: FileKind; locale: string | null }, removedAt: string): void {
    const entry = this.entries.get(path)
    this.entries.delete(path)
    this.tombstones.set(path, {
      path,
      locale: entry?.locale ?? fallback.locale,
      kind: entry?.kind ?? fallback.kind,
      version: entry?.version ?? null,
      removedAt,
    })
  }

  toDocument(): ManifestDocument {
    const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
    return {
      kind: 'manifest',
      files: [...this.entries.values()].sort(byPath).map(({ path, sha256, bytes, locale, kind, version }) => ({ path, sha256, bytes, locale, kind, version })),
      tombstones: [...this.tombstones.values()].sort(byPath).map(({ path, locale, kind, version, removedAt }) => ({ path, locale, kind, version, removedAt })),
    }
  }
}
