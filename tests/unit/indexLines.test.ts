import { indexLineOf, IndexLines, linesCutFrom, shardBytes, type IndexLine, type LineShardCounts } from '../../src/publishing/indexLines'
import { serialize } from '../../src/publishing/manifest'
import { renderArticleIndexShard, renderSpecialtyArticles } from '../../src/publishing/render/directory'
import type { ArticleIndexEntry } from '../../src/publishing/publishedJson'
import type { Language } from '../../src/languages/registry'
import { prng } from '../support/random'

const COUNTS: LineShardCounts = { index: 8, specialty: 4, search: 16 }
const SPECIALTIES = ['cardiology', 'oncology', 'orthopaedics']

const entry = (id: string, slug: string, specialty: string): ArticleIndexEntry => ({
  id,
  slug,
  path: `en/articles/${slug}.json`,
  title: slug,
  summary: '',
  contentLocale: 'en',
  fallback: false,
  specialty: { slug: specialty, name: specialty },
  ownLanguages: ['en'],
})

const slugsOf = (lines: Iterable<IndexLine>) => [...lines].map((line) => line.entry.slug).sort()

/** Every shard's lines as a walk over all lines finds them: what the filing must always agree with. */
function expectFiledAsWalked(lines: IndexLines): void {
  const filed = lines.filed()
  const all = [...lines.values()]
  for (let shard = 0; shard < COUNTS.index; shard += 1) expect(slugsOf(filed.inIndex(shard))).toEqual(slugsOf(all.filter((line) => line.hash % COUNTS.index === shard)))
  for (let shard = 0; shard < COUNTS.search; shard += 1) expect(slugsOf(filed.inSearch(shard))).toEqual(slugsOf(all.filter((line) => line.hash % COUNTS.search === shard)))
  for (const specialty of SPECIALTIES) {
    for (let shard = 0; shard < COUNTS.specialty; shard += 1) {
      const expected = all.filter((line) => line.entry.specialty.slug === specialty && line.hash % COUNTS.specialty === shard)
      expect(slugsOf(filed.inSpecialty(specialty, shard))).toEqual(slugsOf(expected))
    }
  }
  for (const sitemapShard of new Set(all.map((line) => line.sitemapShard))) {
    expect(slugsOf(filed.inSitemap(sitemapShard))).toEqual(slugsOf(all.filter((line) => line.sitemapShard === sitemapShard)))
  }
  expect([...filed.inSitemap(-1)]).toEqual([])
}

describe('index lines filed by shard', () => {
  it('when lines are added, replaced (new slug, new specialty) and removed after filing, then every shard holds exactly the lines a full walk finds', () => {
    const random = prng(18)
    const lines = new IndexLines(COUNTS, Array.from({ length: 60 }, (_, n) => [`a${n}`, indexLineOf(entry(`a${n}`, `article-${n}`, SPECIALTIES[n % 3]))] as const))
    expectFiledAsWalked(lines)
    for (let step = 0; step < 300; step += 1) {
      const id = `a${Math.floor(random() * 80)}`
      const roll = random()
      if (roll < 0.2) lines.delete(id)
      else lines.set(id, indexLineOf(entry(id, `article-${Math.floor(random() * 500)}`, SPECIALTIES[Math.floor(random() * 3)])))
      if (step % 50 === 0) expectFiledAsWalked(lines)
    }
    expectFiledAsWalked(lines)
  })

  it('when lines are copied (a dry run), then changing the copy leaves the original and its filing as they were', () => {
    const lines = new IndexLines(COUNTS, [['a', indexLineOf(entry('a', 'alpha', 'oncology'))]])
    const before = slugsOf(lines.filed().inIndex(indexLineOf(entry('a', 'alpha', 'oncology')).hash % COUNTS.index))
    const copy = lines.copy()
    copy.delete('a')
    copy.set('b', indexLineOf(entry('b', 'beta', 'oncology')))
    expect(lines.has('b')).toBe(false)
    expect(slugsOf(lines.values())).toEqual(['alpha'])
    expect(slugsOf(lines.filed().inIndex(indexLineOf(entry('a', 'alpha', 'oncology')).hash % COUNTS.index))).toEqual(before)
    expect(slugsOf(copy.values())).toEqual(['beta'])
  })
})

describe('a list shard from its lines’ bytes', () => {
  const hindi: Language = { code: 'hi', name: 'हिन्दी', englishName: 'Hindi', dir: 'ltr', fallback: 'en' }
  // Titles that a splitter blind to strings would cut in the wrong place: quotes, backslashes, commas, brackets and braces.
  const entries = [
    { ...entry('a1', 'alpha', 'oncology'), title: 'हड्डियों में "कैंसर", {फैलाव} [चरण 4]' },
    { ...entry('a2', 'beta', 'oncology'), title: 'A \\ B "C\\" ,], {x:[1,2]}', summary: 'ends with a backslash \\' },
    { ...entry('a3', 'gamma', 'cardiology'), title: 'தமிழ் "}, {"', ownLanguages: ['en', 'ta'] },
  ]

  it('when lines are joined into a skeleton, then the bytes are those of the shard serialized whole, for the index and for a specialty’s list', () => {
    const lines = entries.map((value) => indexLineOf(value))
    expect(shardBytes(serialize(renderArticleIndexShard(hindi, 3, [])), lines)).toEqual(serialize(renderArticleIndexShard(hindi, 3, entries)))
    expect(shardBytes(serialize(renderSpecialtyArticles(hindi, 'oncology', 1, [])), lines.slice(0, 2))).toEqual(serialize(renderSpecialtyArticles(hindi, 'oncology', 1, entries.slice(0, 2))))
    // Each line keeps its bytes: the entry as published JSON.
    lines.forEach((line, position) => expect(line.bytes?.toString('utf8')).toBe(JSON.stringify(entries[position])))
    expect(() => shardBytes(serialize({ articles: [], shard: 3 }), lines)).toThrow(/articles last/)
  })

  it('when a published shard is cut into lines, then each line’s bytes are its entry as written and they join back into the same file; a file of another shape gives none', () => {
    const skeleton = serialize(renderArticleIndexShard(hindi, 3, []))
    const file = serialize(renderArticleIndexShard(hindi, 3, entries))
    const parsed = JSON.parse(file.toString('utf8')).articles
    const lines = linesCutFrom(file, skeleton, parsed)
    expect(lines?.map((line) => line.bytes?.toString('utf8'))).toEqual(parsed.map((value: unknown) => JSON.stringify(value)))
    expect(lines?.map((line) => line.hash)).toEqual(parsed.map((value: ArticleIndexEntry) => indexLineOf(value).hash))
    expect(shardBytes(skeleton, lines!)).toEqual(file)

    // Pretty-printed, another shard's number, or fewer entries than the file holds.
    expect(linesCutFrom(Buffer.from(`${JSON.stringify(renderArticleIndexShard(hindi, 3, entries), null, 2)}\n`), skeleton, parsed)).toBeNull()
    expect(linesCutFrom(file, serialize(renderArticleIndexShard(hindi, 4, [])), parsed)).toBeNull()
    expect(linesCutFrom(file, skeleton, parsed.slice(1))).toBeNull()
  })
})
