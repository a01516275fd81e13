import { DomainError, type FixedCodeErrorOptions } from '../errors/domainError'
import { articleSlugOfPath, CHANGES_HEAD_PATH, changeSegmentPath } from './layout'
import type { ChangeHeadDocument, ChangeRecord, ChangeSegmentDocument, ChangeSegmentSummary, FileKind } from './publishedJson'
import type { PublishTarget } from './targets/target'

/**
 * Records per segment. A publish rewrites only the open segment and the head, so this bounds
 * what one publish of an article adds to the feed's writes (about 200 KB), whatever the size of
 * the library or of its history.
 */
export const CHANGE_SEGMENT_RECORDS = 1000

/** What one publish run added to the feed: its sequence range and the paths it changed. */
export interface ChangeRange {
  from: number
  to: number
  paths: string[]
}

export class ChangeFeedError extends DomainError<'PUBLISH_CHANGE_FEED_UNREADABLE'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'PUBLISH_CHANGE_FEED_UNREADABLE', status: 500 })
  }
}

/**
 * A feed file to write, with the part of it to check against its schema: a segment's records
 * from earlier runs were checked when first written, and checking a full segment's thousand
 * records again on every publish would cost more than writing it.
 */
export type ChangeFeedFile =
  | { path: string; kind: 'changeSegment'; document: ChangeSegmentDocument; unchecked: ChangeSegmentDocument }
  | { path: string; kind: 'changeHead'; document: ChangeHeadDocument; unchecked: ChangeHeadDocument }

const EMPTY_HEAD: ChangeHeadDocument = { kind: 'changeHead', latest: 0, segments: [] }

/**
 * The change feed as one publish run extends it: the head, the records of the open (not yet
 * full) segment, and the records this run adds. Only the open segment and the head are ever
 * rewritten; full segments never change once the head lists them.
 *
 * The head is the truth. Records after its `latest` are what a run killed between writing a
 * segment and writing the head left behind: they are dropped and their sequences given again,
 * and as that run's manifest was never written, the next run records its files anew.
 */
export class ChangeFeed {
  private readonly added: ChangeRecord[] = []

  private constructor(
    private readonly head: ChangeHeadDocument,
    /** The last segment's records when it has room for more; empty when a new segment starts. */
    private readonly open: ChangeRecord[],
    private readonly segmentRecords: number,
  ) {}

  static empty(segmentRecords: number = CHANGE_SEGMENT_RECORDS): ChangeFeed {
    return new ChangeFeed(EMPTY_HEAD, [], segmentRecords)
  }

  /** The feed from its head and the head's last segment (needed only when that segment is open). */
  static fromDocuments(head: ChangeHeadDocument | null, lastSegment: ChangeSegmentDocument | null, segmentRecords: number = CHANGE_SEGMENT_RECORDS): ChangeFeed {
    if (!head || head.segments.length === 0) return ChangeFeed.empty(segmentRecords)
    const last = head.segments[head.segments.length - 1]
    if (last.last - last.first + 1 >= segmentRecords) return new ChangeFeed(head, [], segmentRecords)
    if (!lastSegment || lastSegment.first !== last.first) {
      throw new ChangeFeedError({
        message: `The change feed's open segment ${last.path} is missing or is not the one changes/head.json lists. Restore it, or delete changes/ to start a new feed (sites then take a full copy).`,
      })
    }
    return new ChangeFeed(head, lastSegment.records.filter((record) => record.sequence <= head.latest), segmentRecords)
  }

  /** Reads the head and, when it is open, the last segment. A tree without a head starts a feed at sequence 1. */
  static async read(target: PublishTarget, segmentRecords: number = CHANGE_SEGMENT_RECORDS): Promise<ChangeFeed> {
    const head = parseFeedFile<ChangeHeadDocument>(await target.read(CHANGES_HEAD_PATH), CHANGES_HEAD_PATH, 'changeHead')
    const last = head?.segments[head.segments.length - 1]
    const lastSegment = last && last.last - last.first + 1 < segmentRecords ? parseFeedFile<ChangeSegmentDocument>(await target.read(last.path), last.path, 'changeSegment') : null
    return ChangeFeed.fromDocuments(head, lastSegment, segmentRecords)
  }

  get latest(): number {
    return this.added.length > 0 ? this.added[this.added.length - 1].sequence : this.head.latest
  }

  recordWrite(change: { path: string; sha256: string; locale: string | null; kind: FileKind }): void {
    this.add({ path: change.path, sha256: change.sha256, change: 'written', locale: change.locale, kind: change.kind })
  }

  recordRemoval(change: { path: string; locale: string | null; kind: FileKind }): void {
    this.add({ path: change.path, sha256: null, change: 'removed', locale: change.locale, kind: change.kind })
  }

  private add(change: Omit<ChangeRecord, 'sequence' | 'articleSlug'>): void {
    const { path, sha256, locale, kind } = change
    this.added.push({ sequence: this.latest + 1, path, sha256, change: change.change, locale, articleSlug: articleSlugOfPath(path), kind })
  }

  /** This run's records as a range, or null when it changed nothing. */
  range(): ChangeRange | null {
    if (this.added.length === 0) return null
    return { from: this.added[0].sequence, to: this.latest, paths: this.added.map((record) => record.path) }
  }

  /**
   * The files to write for this run's records: the segments they fall in, then the head, which
   * must come last so a site never reads a head listing records that are not written yet. Empty
   * when the run recorded nothing, so a publish that changes nothing writes nothing.
   */
  files(): ChangeFeedFile[] {
    if (this.added.length === 0) return []
    const segments: ChangeSegmentDocument[] = []
    let current: ChangeRecord[] = [...this.open]
    for (const record of this.added) {
      if (current.length >= this.segmentRecords) {
        segments.push(segmentOf(current))
        current = []
      }
      current.push(record)
    }
    segments.push(segmentOf(current))
    const kept = this.open.length > 0 ? this.head.segments.slice(0, -1) : this.head.segments
    const head: ChangeHeadDocument = { kind: 'changeHead', latest: this.latest, segments: [...kept, ...segments.map(summaryOf)] }
    const from = this.added[0].sequence
    return [
      ...segments.map((document) => ({
        path: changeSegmentPath(document.first),
        kind: 'changeSegment' as const,
        document,
        unchecked: { ...document, records: document.records.filter((record) => record.sequence >= from) },
      })),
      { path: CHANGES_HEAD_PATH, kind: 'changeHead' as const, document: head, unchecked: head },
    ]
  }
}

const segmentOf = (records: ChangeRecord[]): ChangeSegmentDocument => ({ kind: 'changeSegment', first: records[0].sequence, records })

const summaryOf = (segment: ChangeSegmentDocument): ChangeSegmentSummary => ({
  path: changeSegmentPath(segment.first),
  first: segment.first,
  last: segment.records[segment.records.length - 1].sequence,
})

function parseFeedFile<T extends { kind: string }>(bytes: Buffer | null, path: string, kind: T['kind']): T | null {
  if (!bytes) return null
  let document: T
  try {
    document = JSON.parse(bytes.toString('utf8')) as T
  } catch {
    document = { kind: 'unreadable' } as T
  }
  if (document.kind !== kind) {
    throw new ChangeFeedError({ message: `${path} is not a readable ${kind} file. Restore it, or delete changes/ to start a new feed (sites then take a full copy).` })
  }
  return document
}

/** The segments a site that applied every record up to `sequence` still has to read. */
export function segmentsAfter(head: ChangeHeadDocument, sequence: number): ChangeSegmentSummary[] {
  return head.segments.filter((segment) => segment.last > sequence)
}

/**
 * The records after `sequence`, in order, from the segments `segmentsAfter` named. Records past
 * the head's `latest` belong to a run that has not finished and are left for the next read.
 */
export function recordsAfter(head: ChangeHeadDocument, segments: ChangeSegmentDocument[], sequence: number): ChangeRecord[] {
  return segments
    .flatMap((segment) => segment.records)
    .filter((record) => record.sequence > sequence && record.sequence <= head.latest)
    .sort((a, b) => a.sequence - b.sequence)
}

/** What a site applies: the last record of each path (a file written, then removed, is just removed). */
export function latestChangeByPath(records: ChangeRecord[]): Map<string, ChangeRecord> {
  const latest = new Map<string, ChangeRecord>()
  for (const record of records) latest.set(record.path, record)
  return latest
}

/** Paths a webhook lists at most; a site told of more reads the rest from the feed. */
export const ANNOUNCED_PATHS_LIMIT = 1000

/** The `changes` member of a webhook event: the run's sequence range and (up to the limit) its paths. */
export function announcedChanges(range: ChangeRange | null): ChangeRange | null {
  return range && { from: range.from, to: range.to, paths: range.paths.slice(0, ANNOUNCED_PATHS_LIMIT) }
}
