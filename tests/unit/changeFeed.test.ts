import { ANNOUNCED_PATHS_LIMIT, announcedChanges, ChangeFeed, ChangeFeedError, latestChangeByPath, recordsAfter, segmentsAfter } from '../../src/publishing/changeFeed'
import { CHANGES_HEAD_PATH } from '../../src/publishing/layout'
import { serialize } from '../../src/publishing/manifest'
import type { ChangeHeadDocument, ChangeSegmentDocument } from '../../src/publishing/publishedJson'
import { loadSchemas } from '../../src/publishing/schemas'
import type { PublishTarget } from '../../src/publishing/targets/target'

const schemas = loadSchemas()
const SEGMENT = 4
const digest = (n: number) => n.toString(16).padStart(64, '0')

/** The published tree in memory: what the feed reads and what each run wrote. */
class MemoryTarget implements PublishTarget {
  readonly description = 'memory'
  readonly files = new Map<string, Buffer>()
  async read(path: string) {
    return this.files.get(path) ?? null
  }
  async write(path: string, bytes: Buffer) {
    this.files.set(path, bytes)
  }
  async remove(path: string) {
    this.files.delete(path)
  }
  async list() {
    return new Map([...this.files].map(([path, bytes]) => [path, bytes.length]))
  }
  json<T>(path: string): T {
    return JSON.parse(this.files.get(path)!.toString('utf8')) as T
  }
}

/** One publish run that writes `count` article files, then saves the feed as the publisher does; returns the paths it wrote. */
async function run(target: MemoryTarget, count: number, from = 0): Promise<string[]> {
  const feed = await ChangeFeed.read(target, SEGMENT)
  for (let n = from; n < from + count; n += 1) feed.recordWrite({ path: `en/articles/article-${n}.json`, sha256: digest(n), locale: 'en', kind: 'article' })
  const written: string[] = []
  for (const file of feed.files()) {
    schemas.assertValid(file.kind, file.document, file.path)
    schemas.assertValid(file.kind, file.unchecked, file.path)
    await target.write(file.path, serialize(file.document))
    written.push(file.path)
  }
  return written
}

function readSince(target: MemoryTarget, sequence: number) {
  const head = target.json<ChangeHeadDocument>(CHANGES_HEAD_PATH)
  const wanted = segmentsAfter(head, sequence)
  return { read: wanted.map((segment) => segment.path), records: recordsAfter(head, wanted.map((segment) => target.json<ChangeSegmentDocument>(segment.path)), sequence) }
}

describe('the change feed', () => {
  it('when a run records ten changes with segments of four, then it writes three segments and then the head, which lists them with their ranges', async () => {
    const target = new MemoryTarget()

    const written = await run(target, 10)

    expect(written).toEqual(['changes/000000000001.json', 'changes/000000000005.json', 'changes/000000000009.json', CHANGES_HEAD_PATH])
    expect(target.json<ChangeHeadDocument>(CHANGES_HEAD_PATH)).toEqual({
      kind: 'changeHead',
      latest: 10,
      segments: [
        { path: 'changes/000000000001.json', first: 1, last: 4 },
        { path: 'changes/000000000005.json', first: 5, last: 8 },
        { path: 'changes/000000000009.json', first: 9, last: 10 },
      ],
    })
    expect(target.json<ChangeSegmentDocument>('changes/000000000009.json').records.map((record) => record.sequence)).toEqual([9, 10])
  })

  it('when a later run records one change, then it rewrites only the open segment and the head, and the full segments keep their bytes', async () => {
    const target = new MemoryTarget()
    await run(target, 10)
    const full = target.files.get('changes/000000000001.json')

    const written = await run(target, 1, 10)

    expect(written).toEqual(['changes/000000000009.json', CHANGES_HEAD_PATH])
    expect(target.files.get('changes/000000000001.json')).toBe(full)
    expect(target.json<ChangeHeadDocument>(CHANGES_HEAD_PATH).latest).toBe(11)
  })

  it('when a run adds to an open segment, then only its own records are left to check against the schema', async () => {
    const target = new MemoryTarget()
    await run(target, 2)
    const feed = await ChangeFeed.read(target, SEGMENT)
    feed.recordWrite({ path: 'en/articles/article-9.json', sha256: digest(9), locale: 'en', kind: 'article' })

    const [segment] = feed.files()

    expect(segment.document.kind === 'changeSegment' && segment.document.records.map((record) => record.sequence)).toEqual([1, 2, 3])
    expect(segment.unchecked.kind === 'changeSegment' && segment.unchecked.records.map((record) => record.sequence)).toEqual([3])
  })

  it('when a run fills the open segment exactly, then the next run starts a new segment at the next sequence', async () => {
    const target = new MemoryTarget()
    await run(target, 4)

    const written = await run(target, 2, 4)

    expect(written).toEqual(['changes/000000000005.json', CHANGES_HEAD_PATH])
    expect(target.json<ChangeHeadDocument>(CHANGES_HEAD_PATH).segments.map((segment) => [segment.first, segment.last])).toEqual([
      [1, 4],
      [5, 6],
    ])
  })

  it('when a run records nothing, then it writes nothing and reports no range', async () => {
    const target = new MemoryTarget()
    await run(target, 3)
    const feed = await ChangeFeed.read(target, SEGMENT)

    expect(feed.files()).toEqual([])
    expect(feed.range()).toBeNull()
  })

  it('when a site asks for what changed since N, then it reads only the segments holding later records and gets exactly those records', async () => {
    const target = new MemoryTarget()
    await run(target, 10)
    await run(target, 3, 10)

    for (const sequence of [0, 4, 5, 12, 13]) {
      const { read, records } = readSince(target, sequence)
      expect(records.map((record) => record.sequence)).toEqual(Array.from({ length: 13 - sequence }, (_, n) => sequence + n + 1))
      expect(read.every((path) => target.json<ChangeSegmentDocument>(path).records.some((record) => record.sequence > sequence))).toBe(true)
    }
    expect(readSince(target, 9).read).toEqual(['changes/000000000009.json', 'changes/000000000013.json'])
  })

  it('when a run was killed after writing a segment but before the head, then readers ignore its records and the next run numbers on from the head', async () => {
    const target = new MemoryTarget()
    await run(target, 2)
    const head = target.files.get(CHANGES_HEAD_PATH)!
    await run(target, 1, 100)
    target.files.set(CHANGES_HEAD_PATH, head)

    expect(readSince(target, 0).records.map((record) => record.path)).toEqual(['en/articles/article-0.json', 'en/articles/article-1.json'])
    await run(target, 1, 200)
    const records = readSince(target, 0).records
    expect(records.map((record) => [record.sequence, record.path])).toEqual([
      [1, 'en/articles/article-0.json'],
      [2, 'en/articles/article-1.json'],
      [3, 'en/articles/article-200.json'],
    ])
  })

  it('when the head lists an open segment that is missing, then reading the feed fails with a code rather than numbering again from 1', async () => {
    const target = new MemoryTarget()
    await run(target, 2)
    target.files.delete('changes/000000000001.json')

    const failure = await ChangeFeed.read(target, SEGMENT).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ChangeFeedError)
    expect((failure as ChangeFeedError).code).toBe('PUBLISH_CHANGE_FEED_UNREADABLE')
  })

  it('when files are written and removed, then each record carries the change, sha256 (null when removed), locale, article slug and kind', () => {
    const feed = ChangeFeed.empty(SEGMENT)
    feed.recordWrite({ path: 'hi/articles/bone-metastases.json', sha256: digest(1), locale: 'hi', kind: 'article' })
    feed.recordWrite({ path: 'hi/articles/index.json', sha256: digest(2), locale: 'hi', kind: 'articleIndex' })
    feed.recordWrite({ path: 'schemas/article.schema.json', sha256: digest(3), locale: null, kind: 'schema' })
    feed.recordRemoval({ path: 'ta/articles/bone-metastases.json', locale: 'ta', kind: 'article' })

    const [segment] = feed.files()

    expect(segment.document).toEqual({
      kind: 'changeSegment',
      first: 1,
      records: [
        { sequence: 1, path: 'hi/articles/bone-metastases.json', sha256: digest(1), change: 'written', locale: 'hi', articleSlug: 'bone-metastases', kind: 'article' },
        { sequence: 2, path: 'hi/articles/index.json', sha256: digest(2), change: 'written', locale: 'hi', articleSlug: null, kind: 'articleIndex' },
        { sequence: 3, path: 'schemas/article.schema.json', sha256: digest(3), change: 'written', locale: null, articleSlug: null, kind: 'schema' },
        { sequence: 4, path: 'ta/articles/bone-metastases.json', sha256: null, change: 'removed', locale: 'ta', articleSlug: 'bone-metastases', kind: 'article' },
      ],
    })
    expect(feed.range()).toEqual({ from: 1, to: 4, paths: segment.document.kind === 'changeSegment' ? segment.document.records.map((record) => record.path) : [] })
  })

  it('when a removal record carries a sha256, then the segment schema refuses it', () => {
    const segment = { kind: 'changeSegment', first: 1, records: [{ sequence: 1, path: 'en/articles/a.json', sha256: digest(1), change: 'removed', locale: 'en', articleSlug: 'a', kind: 'article' }] }

    expect(() => schemas.assertValid('changeSegment', segment, 'changes/000000000001.json')).toThrow(/changeSegment/)
  })

  it('when a path is written and later removed, then replay applies only its removal', () => {
    const feed = ChangeFeed.empty(SEGMENT)
    feed.recordWrite({ path: 'en/articles/a.json', sha256: digest(1), locale: 'en', kind: 'article' })
    feed.recordRemoval({ path: 'en/articles/a.json', locale: 'en', kind: 'article' })
    const [segment] = feed.files()

    const latest = latestChangeByPath(segment.kind === 'changeSegment' ? segment.document.records : [])

    expect([...latest.values()].map((record) => [record.sequence, record.change])).toEqual([[2, 'removed']])
  })

  it('when a run changed more paths than a webhook lists, then the event carries the whole range and the first paths only', () => {
    const paths = Array.from({ length: ANNOUNCED_PATHS_LIMIT + 5 }, (_, n) => `en/articles/a-${n}.json`)

    const announced = announcedChanges({ from: 7, to: 7 + paths.length - 1, paths })

    expect(announced).toMatchObject({ from: 7, to: 7 + paths.length - 1 })
    expect(announced!.paths).toEqual(paths.slice(0, ANNOUNCED_PATHS_LIMIT))
    expect(announcedChanges(null)).toBeNull()
  })
})
