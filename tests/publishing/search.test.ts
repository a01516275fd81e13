import path from 'node:path'
import MiniSearch from 'minisearch'
import type { Payload } from 'payload'

import { readEnvironment } from '../../src/environment/readEnvironment'
import { transitionLocale } from '../../src/localization/transitionLocale'
import type { User } from '../../src/payload-types'
import { createPublisher, publisherFor } from '../../src/publishing/createPublisher'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { pretendTranslation } from '../support/pretendTranslation'
import { drainJobs, readJson, readManifest, readTree, treeProblems } from './support'

let library: TestLibrary
let payload: Payload
let out: string
let articleId: string
const people = {} as Record<'editor' | 'reviewer' | 'reviewerTa' | 'translatorHi' | 'translatorTa', User>
/** Words that appear only in one language's translation of the seeded article. */
const HINDI_WORD = 'अस्थिमज्जा'
const TAMIL_WORD = 'எலும்புமஜ்ஜை'
const HINDI_DRAFT_WORD = 'मसौदाशब्द'

/** A language's search as the README shows a site loading it: the listing, then every shard with MiniSearch. */
function searchOf(locale: string) {
  const listing = readJson(out, `${locale}/search/index.json`)
  const word = new RegExp(listing.tokenizer.wordPattern, 'gu')
  const tokenize = (text: string) => text.normalize('NFC').toLowerCase().match(word) ?? []
  const shards: MiniSearch[] = listing.shards.map((shard: { path: string }) =>
    MiniSearch.loadJS(readJson(out, shard.path).index, { fields: listing.fields, storeFields: listing.storeFields, tokenize }),
  )
  return (query: string) => shards.flatMap((shard) => shard.search(query)).sort((a, b) => b.score - a.score)
}

async function translate(locale: 'hi' | 'ta', prefix: string, translator: User): Promise<void> {
  const source = await payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0, locale: 'en', fallbackLocale: false })
  await payload.update({ collection: 'articles', id: articleId, locale, draft: true, user: translator, overrideAccess: false, data: pretendTranslation(source, prefix) as never })
}

async function approve(locale: 'hi' | 'ta', translator: User): Promise<void> {
  await transitionLocale(payload, { articleId, locale, to: 'in_review', user: translator })
  await transitionLocale(payload, { articleId, locale, to: 'approved', user: locale === 'ta' ? people.reviewerTa : people.reviewer })
}

beforeAll(async () => {
  library = await startPayload('publishing-search')
  payload = library.payload
  out = library.env.PUBLISH_DIR
  await seedLibrary(payload)
  for (const [key, email] of Object.entries({ editor: 'editor@', reviewer: 'reviewer@', translatorHi: 'translator.hi@', translatorTa: 'translator.ta@' })) {
    people[key as keyof typeof people] = (await payload.find({ collection: 'users', where: { email: { equals: `${email}vitalpress.example` } } })).docs[0]
  }
  people.reviewerTa = await payload.create({
    collection: 'users',
    data: { email: 'reviewer.ta@vitalpress.example', name: 'Dr. Kavya Reviewer', password: 'a-long-test-password', roles: ['reviewer'], languages: ['ta'] } as never,
  })
  articleId = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } } })).docs[0].id
  await publisherFor(payload).publish({ kind: 'all' })
})

afterAll(async () => {
  await stopPayload(library)
})

describe('the search index of each language', () => {
  it('when a language has no translation yet, then its index finds the fallback page by its source text and marks its content language', () => {
    const hits = searchOf('ta')('metastases')

    expect(hits.map((hit) => hit.id)).toEqual(['bone-metastases'])
    expect(hits[0]).toMatchObject({ path: 'ta/articles/bone-metastases.json', contentLocale: 'en', fallback: true })
    expect(treeProblems(out)).toEqual([])
  })

  it('when the Hindi and Tamil translations are approved and published, then each language finds the article by a word of its own translation only', async () => {
    await translate('hi', `${HINDI_WORD} `, people.translatorHi)
    await approve('hi', people.translatorHi)
    await translate('ta', `${TAMIL_WORD} `, people.translatorTa)
    await approve('ta', people.translatorTa)
    await drainJobs(payload)

    const hindi = searchOf('hi')
    const tamil = searchOf('ta')
    expect(hindi(HINDI_WORD).map((hit) => hit.id)).toEqual(['bone-metastases'])
    expect(hindi(HINDI_WORD)[0]).toMatchObject({ contentLocale: 'hi', fallback: false })
    expect(tamil(TAMIL_WORD).map((hit) => hit.id)).toEqual(['bone-metastases'])
    expect(tamil(TAMIL_WORD)[0]).toMatchObject({ contentLocale: 'ta', fallback: false })
    expect(hindi(TAMIL_WORD)).toEqual([])
    expect(tamil(HINDI_WORD)).toEqual([])
    expect(searchOf('en')(HINDI_WORD)).toEqual([])
    expect(treeProblems(out)).toEqual([])
  })

  it('when a Hindi draft is saved but not approved and the article is published again, then the draft’s word is not found and the approved one still is', async () => {
    await translate('hi', `${HINDI_DRAFT_WORD} `, people.translatorHi)
    await publisherFor(payload).publish({ kind: 'articles', ids: [articleId] })

    const hindi = searchOf('hi')
    expect(hindi(HINDI_DRAFT_WORD)).toEqual([])
    expect(hindi(HINDI_WORD).map((hit) => hit.id)).toEqual(['bone-metastases'])
  })

  it('when the tree made by these single publishes is compared with a full rebuild into an empty folder, then the search files are byte-identical', async () => {
    const other = path.join(library.dir, 'rebuilt')
    await createPublisher(payload, { ...readEnvironment().publishing, publishDir: other, stagingDir: path.join(library.dir, 'rebuilt.staging') }).publish({ kind: 'all' })
    const single = readTree(out)
    const rebuilt = readTree(other)

    const searchFiles = [...rebuilt.keys()].filter((relative) => relative.includes('/search/')).sort()
    expect(searchFiles.length).toBeGreaterThanOrEqual(6)
    expect([...single.keys()].filter((relative) => relative.includes('/search/')).sort()).toEqual(searchFiles)
    for (const relative of searchFiles) expect({ relative, same: rebuilt.get(relative)!.equals(single.get(relative)!) }).toEqual({ relative, same: true })
  })

  it('when the article is unpublished, then its shards go from every language, with tombstones, and the listings name no shard', async () => {
    const shardPaths = (['en', 'hi', 'ta'] as const).flatMap((locale) => readJson(out, `${locale}/search/index.json`).shards.map((shard: { path: string }) => shard.path))
    await transitionArticle({ payload, articleId, request: { to: 'unpublished', note: 'Under revision.' }, user: people.editor, options: DEFAULT_WORKFLOW_OPTIONS })
    await drainJobs(payload)

    const files = [...readTree(out).keys()]
    const manifest = readManifest(out)
    expect(shardPaths).toHaveLength(3)
    for (const shardPath of shardPaths) {
      expect(files).not.toContain(shardPath)
      expect(manifest.tombstones).toContainEqual(expect.objectContaining({ path: shardPath, kind: 'searchShard' }))
    }
    for (const locale of ['en', 'hi', 'ta']) expect(readJson(out, `${locale}/search/index.json`).shards).toEqual([])
    expect(treeProblems(out)).toEqual([])
  })
})
