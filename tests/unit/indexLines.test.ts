import { indexLineOf, IndexLines, type IndexLine, type LineShardCounts } from '../../src/publishing/indexLines'
import type { ArticleIndexEntry } from '../../src/publishing/publishedJson'
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
