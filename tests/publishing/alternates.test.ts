import type { Payload } from 'payload'

import { transitionLocale } from '../../src/localization/transitionLocale'
import type { User } from '../../src/payload-types'
import { publisherFor } from '../../src/publishing/createPublisher'
import type { ArticleIndexEntry } from '../../src/publishing/publishedJson'
import { renderSitemaps, SITEMAP_SHARDS, SITEMAP_URL_LIMIT, sitemapShardOf } from '../../src/publishing/render/sitemaps'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { publishEnglishChange, savePretendTranslation } from '../support/editorialSteps'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { sitemapIndexLocations, sitemapPages, sitemapProblems } from './sitemapCheck'
import { drainJobs, modificationTimes, readArticleIndex, readJson, readManifest, treeProblems } from './support'

const ORIGIN = 'https://health.example.org'
const PATTERN = `${ORIGIN}/{locale}/library/{slug}`
const page = (locale: string, slug = 'bone-metastases') => `${ORIGIN}/${locale}/library/${slug}`

let library: TestLibrary
let payload: Payload
let out: string
let articleId: string
const people = {} as Record<'editor' | 'reviewer' | 'translatorHi' | 'translatorTa', User>

async function approveTranslation(locale: 'hi' | 'ta', translator: User): Promise<void> {
  await savePretendTranslation(payload, { articleId, locale, prefix: `[${locale}] `, translator })
  await transitionLocale(payload, { articleId, locale, to: 'in_review', user: translator })
  await transitionLocale(payload, { articleId, locale, to: 'approved', user: people.reviewer })
  await drainJobs(payload)
}

beforeAll(async () => {
  process.env.SITE_URL = ORIGIN
  process.env.SITE_ARTICLE_URL = PATTERN
  library = await startPayload('publishing-alternates')
  payload = library.payload
  out = library.env.PUBLISH_DIR
  await seedLibrary(payload)
  const emails = { editor: 'editor@', reviewer: 'reviewer@', translatorHi: 'translator.hi@', translatorTa: 'translator.ta@' }
  for (const [key, email] of Object.entries(emails)) {
    people[key as keyof typeof people] = (await payload.find({ collection: 'users', where: { email: { equals: `${email}vitalpress.example` } } })).docs[0]
  }
  // The seeded reviewer signs off Hindi only; Tamil needs a reviewer who works in it.
  people.reviewer = (await payload.update({ collection: 'users', id: people.reviewer.id, data: { languages: ['en', 'hi', 'ta'] } as never })) as User
  articleId = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } } })).docs[0].id
  await publisherFor(payload).publish({ kind: 'all' })
}, 180_000)

afterAll(async () => {
  delete process.env.SITE_URL
  delete process.env.SITE_ARTICLE_URL
  await stopPayload(library)
})

describe('alternates, canonical pages and sitemaps', () => {
  it('when only English is approved, then every file names all three pages, Hindi and Tamil point their canonical at English, and only English is in a sitemap', async () => {
    for (const locale of ['en', 'hi', 'ta']) {
      const article = readJson(out, `${locale}/articles/bone-metastases.json`)
      expect(article.alternates).toEqual([
        { locale: 'en', path: 'en/articles/bone-metastases.json', url: page('en'), servedInOwnLanguage: true },
        { locale: 'hi', path: 'hi/articles/bone-metastases.json', url: page('hi'), servedInOwnLanguage: false },
        { locale: 'ta', path: 'ta/articles/bone-metastases.json', url: page('ta'), servedInOwnLanguage: false },
      ])
      expect(article.canonical).toEqual({ locale: 'en', path: 'en/articles/bone-metastases.json', url: page('en') })
    }
    expect(sitemapPages(out).map((listed) => listed.loc)).toEqual([page('en')])
    expect(await sitemapProblems(out, ORIGIN)).toEqual([])
    expect(treeProblems(out)).toEqual([])
  })

  it('when the Hindi translation is approved, then Hindi is its own canonical, both sitemaps list both pages with x-default English, and Tamil stays nobody’s alternate', async () => {
    await approveTranslation('hi', people.translatorHi)

    const hindi = readJson(out, 'hi/articles/bone-metastases.json')
    expect(hindi.canonical.url).toBe(page('hi'))
    expect(readJson(out, 'ta/articles/bone-metastases.json').canonical.url).toBe(page('en'))
    for (const locale of ['en', 'hi', 'ta']) {
      const servedInOwn = readJson(out, `${locale}/articles/bone-metastases.json`).alternates.map((alternate: any) => [alternate.locale, alternate.servedInOwnLanguage])
      expect(servedInOwn).toEqual([['en', true], ['hi', true], ['ta', false]])
      expect(readArticleIndex(out, locale)[0].ownLanguages).toEqual(['en', 'hi'])
    }

    const pages = sitemapPages(out)
    expect(pages.map((listed) => listed.loc).sort()).toEqual([page('en'), page('hi')])
    for (const listed of pages) {
      expect(Object.fromEntries(listed.alternates)).toEqual({ en: page('en'), hi: page('hi'), 'x-default': page('en') })
      expect(listed.lastmod).toBe(readJson(out, `${listed.loc.includes('/hi/') ? 'hi' : 'en'}/articles/bone-metastases.json`).lastUpdated.date)
    }
    const shard = String(sitemapShardOf('bone-metastases')).padStart(2, '0')
    expect(sitemapIndexLocations(out).sort()).toEqual([`${ORIGIN}/en/sitemaps/${shard}.xml`, `${ORIGIN}/hi/sitemaps/${shard}.xml`])
    expect(sitemapIndexLocations(out, 'hi/sitemap.xml')).toEqual([`${ORIGIN}/hi/sitemaps/${shard}.xml`])
    expect(JSON.stringify(sitemapPages(out))).not.toContain('/ta/')
    expect(await sitemapProblems(out, ORIGIN)).toEqual([])
  })

  it('when the Tamil translation is approved too, then all three pages name each other in every sitemap', async () => {
    await approveTranslation('ta', people.translatorTa)

    const pages = sitemapPages(out)
    expect(pages.map((listed) => listed.loc).sort()).toEqual([page('en'), page('hi'), page('ta')])
    for (const listed of pages) expect([...listed.alternates.keys()].sort()).toEqual(['en', 'hi', 'ta', 'x-default'])
    expect(await sitemapProblems(out, ORIGIN)).toEqual([])
  })

  it('when a clinical change outdates both translations, then their pages leave every sitemap and point their canonical at English, and their shard files go', async () => {
    await publishEnglishChange(payload, { articleId, staff: people, changeKind: 'clinical', openingWords: 'Bone metastases need prompt clinical assessment.', changelogNote: 'Clarified the introduction.' })
    await drainJobs(payload)

    expect(sitemapPages(out).map((listed) => listed.loc)).toEqual([page('en')])
    expect(readJson(out, 'hi/articles/bone-metastases.json').canonical.url).toBe(page('en'))
    const shard = String(sitemapShardOf('bone-metastases')).padStart(2, '0')
    expect(sitemapIndexLocations(out)).toEqual([`${ORIGIN}/en/sitemaps/${shard}.xml`])
    const manifest = readManifest(out)
    expect(manifest.schemaVersion).toBe(2)
    expect(readJson(out, 'manifest.json').schemaVersion).toBe(2)
    expect(manifest.tombstones.map((tombstone: any) => tombstone.path).sort()).toEqual(['hi/sitemap.xml', `hi/sitemaps/${shard}.xml`, 'ta/sitemap.xml', `ta/sitemaps/${shard}.xml`])
    expect(await sitemapProblems(out, ORIGIN)).toEqual([])
  })

  it('when a doctor changes, then no sitemap is rewritten', async () => {
    const before = modificationTimes(out)
    const doctor = (await payload.find({ collection: 'doctors', limit: 1 })).docs[0]
    await payload.update({ collection: 'doctors', id: doctor.id, data: { name: `${doctor.name} Jr.` } })
    await drainJobs(payload)
    const after = modificationTimes(out)
    const sitemaps = [...after.keys()].filter((file) => file.endsWith('.xml'))
    expect(sitemaps.length).toBeGreaterThan(0)
    for (const file of sitemaps) expect({ file, mtime: after.get(file) }).toEqual({ file, mtime: before.get(file) })
  })
})

describe('sitemap files', () => {
  const entry = (slug: string, ownLanguages = ['en', 'hi']): ArticleIndexEntry => ({
    id: slug,
    slug,
    path: `en/articles/${slug}.json`,
    title: slug,
    summary: slug,
    contentLocale: 'en',
    fallback: false,
    specialty: { slug: 'oncology', name: 'Oncology' },
    ownLanguages,
  })

  it('when a shard holds more pages than the protocol allows in one file, then it continues in a second file and no page is lost', () => {
    const entries = Array.from({ length: SITEMAP_URL_LIMIT + 3 }, (_, index) => entry(`article-${index}`))
    const documents = renderSitemaps(entries, 'en', PATTERN, 'en')
    expect(documents).toHaveLength(2)
    const counted = documents.map((xml) => xml.match(/<url>/g)?.length ?? 0)
    expect(counted).toEqual([SITEMAP_URL_LIMIT, 3])
  })

  it('when an article is a fallback in a language, then that language’s sitemap leaves it out', () => {
    const documents = renderSitemaps([{ ...entry('a', ['en']), fallback: true, contentLocale: 'en' }], 'hi', PATTERN, 'en')
    expect(documents).toEqual([])
  })

  it('when addresses carry characters XML reserves, then they are escaped', () => {
    const [xml] = renderSitemaps([entry('a')], 'en', `${ORIGIN}/{locale}/a?x=1&slug={slug}`, 'en')
    expect(xml).toContain('a?x=1&amp;slug=a')
    expect(xml).not.toMatch(/&(?!amp;|quot;|apos;|lt;|gt;)/)
  })

  it('when slugs are sharded, then a slug always lands in the same shard and the shards spread', () => {
    const shards = new Set(Array.from({ length: 2000 }, (_, index) => sitemapShardOf(`article-${index}`)))
    expect(sitemapShardOf('bone-metastases')).toBe(sitemapShardOf('bone-metastases'))
    expect(shards.size).toBe(SITEMAP_SHARDS)
  })
})
