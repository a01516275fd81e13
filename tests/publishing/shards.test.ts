import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { growCorpus } from '../../bench/corpus'
import { readEnvironment } from '../../src/environment/readEnvironment'
import { ARTICLE_INDEX_SHARDS, ARTICLE_SHARDS, articleShardOf, type ArticleShardCounts } from '../../src/publishing/articleShards'
import { createPublisher, SEARCH_SHARDS, type PublisherShardCounts } from '../../src/publishing/createPublisher'
import { PUBLISHED } from '../../src/publishing/libraryReader'
import { manifestPartOf } from '../../src/publishing/manifest'
import { searchShardOf } from '../../src/publishing/render/search'
import type { Publisher } from '../../src/publishing/publisher'
import { IndexLines } from '../../src/publishing/indexLines'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { libraryFiles, readArticleIndex, readJson, readManifest, readSpecialtyArticles, readTree, treeDifferences, treeProblems } from './support'

const LOCALES = ['en', 'hi', 'ta']
const pad = (shard: number) => String(shard).padStart(2, '0')

let library: TestLibrary
let payload: Payload
let out: string
let publisher: Publisher

const publisherInto = (folder: string, counts: PublisherShardCounts = ARTICLE_SHARDS) =>
  createPublisher(payload, { ...readEnvironment().publishing, publishDir: path.join(library.dir, folder), stagingDir: path.join(library.dir, `${folder}.staging`) }, undefined, counts)

/** The slugs of the published articles, as the database has them. */
async function publishedSlugs(specialty?: string): Promise<string[]> {
  const where = specialty ? { and: [PUBLISHED, { specialty: { equals: specialty } }] } : PUBLISHED
  const found = await payload.find({ collection: 'articles', where, pagination: false, depth: 0, select: { slug: true } })
  return found.docs.map((doc) => doc.slug).sort()
}

/** The files one article's publish may change: its own, and the one shard of each list its slug falls in. */
function filesOfSlug(slug: string, specialtySlugs: string[], counts: ArticleShardCounts): Set<string> {
  const index = pad(articleShardOf(slug, counts.index))
  const specialty = pad(articleShardOf(slug, counts.specialty))
  return new Set(
    LOCALES.flatMap((locale) => [
      `${locale}/articles/${slug}.json`,
      `${locale}/articles/index.json`,
      `${locale}/articles/index/${index}.json`,
      `${locale}/search/index.json`,
      `${locale}/search/${pad(searchShardOf(slug, SEARCH_SHARDS))}.json`,
      ...specialtySlugs.flatMap((specialtySlug) => [`${locale}/specialties/${specialtySlug}.json`, `${locale}/specialties/${specialtySlug}/${specialty}.json`]),
    ]),
  )
}

const specialtyOf = async (id: string) => {
  const article = await payload.findByID({ collection: 'articles', id, depth: 1 })
  return article.specialty as { id: string; slug: string }
}

beforeAll(async () => {
  library = await startPayload('publishing-shards')
  payload = library.payload
  await growCorpus(payload, { articles: 80, doctors: 20, specialties: 4 })
  out = path.join(library.dir, 'single')
  publisher = publisherInto('single')
  await publisher.publish({ kind: 'all' })
})

afterAll(async () => {
  await stopPayload(library)
})

/**
 * Four published articles change one at a time (text, specialty, slug, taken down), each published
 * alone by `publisher` into `out` in `counts`; then the tree is compared with a fresh rebuild's.
 */
async function changeFourArticles(publisher: Publisher, folder: string, counts: ArticleShardCounts): Promise<void> {
  const out = path.join(library.dir, folder)
  const articles = (await payload.find({ collection: 'articles', where: PUBLISHED, limit: 4, depth: 0, sort: 'slug' })).docs
  const specialties = (await payload.find({ collection: 'specialties', pagination: false, depth: 0 })).docs
  const [edited, moved, renamed, deleted] = articles

  // The text of one article.
  await payload.update({ collection: 'articles', id: edited.id, locale: 'en', context: { seeding: true }, data: { summary: `${edited.summary} Revised.` } })
  const editedReport = await publisher.publish({ kind: 'articles', ids: [edited.id] })
  const editedSpecialty = await specialtyOf(edited.id)
  expect(editedReport.written).toContain(`en/articles/index/${pad(articleShardOf(edited.slug, counts.index))}.json`)
  expect(editedReport.written).toContain(`en/specialties/${editedSpecialty.slug}/${pad(articleShardOf(edited.slug, counts.specialty))}.json`)
  const allowed = filesOfSlug(edited.slug, [editedSpecialty.slug], counts)
  expect(editedReport.written.filter((written) => !allowed.has(written) && !/sitemap/.test(written))).toEqual([])
  expect(editedReport.removed).toEqual([])
  // The manifest: manifest.json and only the parts recording those files.
  const parts = new Set(editedReport.written.map((written) => manifestPartOf(written)))
  expect(parts.size).toBeLessThanOrEqual(6)

  // Another specialty: it leaves one list and joins the other.
  const from = await specialtyOf(moved.id)
  const to = specialties.find((specialty) => specialty.id !== from.id)!
  await payload.update({ collection: 'articles', id: moved.id, context: { seeding: true }, data: { specialty: to.id } })
  const movedReport = await publisher.publish({ kind: 'articles', ids: [moved.id] })
  const movedAllowed = filesOfSlug(moved.slug, [from.slug, to.slug], counts)
  expect(movedReport.written.filter((written) => !movedAllowed.has(written) && !/sitemap/.test(written))).toEqual([])
  for (const locale of LOCALES) {
    expect(readSpecialtyArticles(out, locale, from.slug).map((entry) => entry.slug)).not.toContain(moved.slug)
    expect(readSpecialtyArticles(out, locale, to.slug).map((entry) => entry.slug)).toContain(moved.slug)
  }

  // A new slug: the old one's lines go from its shards.
  await payload.update({ collection: 'articles', id: renamed.id, context: { seeding: true }, data: { slug: `${renamed.slug}-renamed` } })
  await publisher.publish({ kind: 'articles', ids: [renamed.id] })
  // Taken down.
  await payload.update({ collection: 'articles', id: deleted.id, context: { seeding: true }, data: { _status: 'draft' } })
  const deletedReport = await publisher.publish({ kind: 'articles', ids: [deleted.id] })
  expect(deletedReport.removed).toEqual(expect.arrayContaining(LOCALES.map((locale) => `${locale}/articles/${deleted.slug}.json`)))

  const slugs = await publishedSlugs()
  expect(slugs).toContain(`${renamed.slug}-renamed`)
  expect(slugs).not.toContain(renamed.slug)
  for (const locale of LOCALES) expect(readArticleIndex(out, locale).map((entry) => entry.slug).sort()).toEqual(slugs)

  const rebuiltOut = path.join(library.dir, `${folder}-rebuilt`)
  await publisherInto(`${folder}-rebuilt`, counts).publish({ kind: 'all' })
  expect(treeDifferences(libraryFiles(readTree(rebuiltOut)), libraryFiles(readTree(out)))).toEqual([])
  expect(readManifest(out).files).toEqual(readManifest(rebuiltOut).files)
  expect(treeProblems(out)).toEqual([])
  // Nothing left to change: a full republish writes nothing, here and from a publisher that remembers nothing.
  expect((await publisher.publish({ kind: 'all' })).written).toEqual([])
  expect((await publisherInto(folder, counts).publish({ kind: 'all' })).written).toEqual([])
}

describe('the shards of a published tree', () => {
  it('when the library is rebuilt, then each language’s index and each specialty’s list hold every published article once, in shards of bounded size', async () => {
    const slugs = await publishedSlugs()
    for (const locale of LOCALES) {
      expect(readArticleIndex(out, locale).map((entry) => entry.slug).sort()).toEqual(slugs)
      const listing = readJson(out, `${locale}/articles/index.json`)
      expect(listing.shardCount).toBe(ARTICLE_INDEX_SHARDS)
      for (const { shard, path: shardPath, articles } of listing.shards) {
        const document = readJson(out, shardPath)
        expect(document.articles.length).toBe(articles)
        for (const entry of document.articles) expect(articleShardOf(entry.slug, ARTICLE_INDEX_SHARDS)).toBe(shard)
      }
    }
    const specialties = (await payload.find({ collection: 'specialties', pagination: false, depth: 0 })).docs
    expect(specialties.length).toBe(4)
    for (const specialty of specialties) {
      const slugsOfSpecialty = await publishedSlugs(specialty.id)
      expect(slugsOfSpecialty.length).toBeGreaterThan(0)
      for (const locale of LOCALES) expect(readSpecialtyArticles(out, locale, specialty.slug).map((entry) => entry.slug).sort()).toEqual(slugsOfSpecialty)
    }
    expect(treeProblems(out)).toEqual([])
  })

  it('when single articles change (text, specialty, slug) or go, then each publish writes only that article’s shards, and the tree ends byte-identical to a fresh rebuild', async () => {
    await changeFourArticles(publisher, 'single', ARTICLE_SHARDS)
  })

  it('when lists have few shards, each holding several articles, then a one-article publish makes them from the lines filed under the shards it rewrites, and the tree still ends byte-identical to a fresh rebuild', async () => {
    // Few shards per list, so a publish rewrites some shards of a list, counts the others, and may rewrite all.
    const counts = { index: 4, specialty: 2 }
    const filed = publisherInto('filed', counts)
    await filed.publish({ kind: 'all' })
    // Counts the runs that take the filed lines; the behaviour is the real one.
    const fileLines = IndexLines.prototype.filed
    let filings = 0
    IndexLines.prototype.filed = function (this: IndexLines) {
      filings += 1
      return fileLines.call(this)
    }
    try {
      await changeFourArticles(filed, 'filed', counts)
    } finally {
      IndexLines.prototype.filed = fileLines
    }
    // Once per language and publish: the four publishes took the filed lines, not a walk over every line.
    expect(filings).toBeGreaterThanOrEqual(4 * LOCALES.length)
  })

  it('when a one-article publish is first tried as a dry run, then the tree and the lines the publisher remembers are untouched, and the real publish after it ends byte-identical to a fresh rebuild', async () => {
    const counts = { index: 4, specialty: 2 }
    const out = path.join(library.dir, 'dry-run')
    const dryRunning = publisherInto('dry-run', counts)
    await dryRunning.publish({ kind: 'all' })
    const article = (await payload.find({ collection: 'articles', where: PUBLISHED, limit: 1, depth: 0, sort: '-slug' })).docs[0]
    // A real one-article publish first, so the publisher remembers its lines, filed.
    await payload.update({ collection: 'articles', id: article.id, locale: 'en', context: { seeding: true }, data: { summary: `${article.summary} Before the dry run.` } })
    await dryRunning.publish({ kind: 'articles', ids: [article.id] })
    // A new slug moves the article's line to other shards: what a dry run must not do to the remembered lines.
    await payload.update({ collection: 'articles', id: article.id, context: { seeding: true }, data: { slug: `${article.slug}-dry` } })
    const before = libraryFiles(readTree(out))

    const dry = await dryRunning.publish({ kind: 'articles', ids: [article.id] }, { dryRun: true })
    expect(dry.written).toEqual(expect.arrayContaining(LOCALES.map((locale) => `${locale}/articles/${article.slug}-dry.json`)))
    expect(treeDifferences(before, libraryFiles(readTree(out)))).toEqual([])

    await dryRunning.publish({ kind: 'articles', ids: [article.id] })
    await publisherInto('dry-run-rebuilt', counts).publish({ kind: 'all' })
    expect(treeDifferences(libraryFiles(readTree(path.join(library.dir, 'dry-run-rebuilt'))), libraryFiles(readTree(out)))).toEqual([])
    expect(treeProblems(out)).toEqual([])
  })

  it('when an index shard was changed outside the publisher, then its lines are not taken as checked: a one-article publish into it checks them, and refuses a line that breaks the schema', async () => {
    const counts = { index: 4, specialty: 2 }
    const tree = path.join(library.dir, 'altered')
    await publisherInto('altered', counts).publish({ kind: 'all' })
    const article = (await payload.find({ collection: 'articles', where: PUBLISHED, limit: 1, depth: 0, sort: 'slug' })).docs[0]
    const shardPath = `hi/articles/index/${pad(articleShardOf(article.slug, counts.index))}.json`
    // Another line of the article's shard loses its path, and the file stays compact, as a publisher writes it.
    const shard = readJson(tree, shardPath)
    const other = shard.articles.find((entry: { slug: string }) => entry.slug !== article.slug)
    delete other.path
    const altered = `${JSON.stringify(shard)}\n`
    fs.writeFileSync(path.join(tree, shardPath), altered)

    await payload.update({ collection: 'articles', id: article.id, locale: 'en', context: { seeding: true }, data: { summary: `${article.summary} Altered shard.` } })
    await expect(publisherInto('altered', counts).publish({ kind: 'articles', ids: [article.id] })).rejects.toThrow(`${shardPath} does not match schemas/articleIndexShard.schema.json`)
    expect(fs.readFileSync(path.join(tree, shardPath), 'utf8')).toBe(altered)
  })

  it('when a tree of the first layout (a whole index, a whole manifest) gets a one-article publish, then no line is lost and it is written in shards and parts', async () => {
    const old = path.join(library.dir, 'first-layout')
    await publisherInto('first-layout').publish({ kind: 'all' })
    // Rewrite the tree as version 1 left it: each index whole, the manifest whole, no shards or parts.
    const manifest = readManifest(old)
    for (const locale of LOCALES) {
      const articles = readArticleIndex(old, locale)
      fs.rmSync(path.join(old, locale, 'articles', 'index'), { recursive: true })
      fs.writeFileSync(path.join(old, locale, 'articles', 'index.json'), `${JSON.stringify({ kind: 'articleIndex', locale, dir: 'ltr', articles })}\n`)
    }
    fs.rmSync(path.join(old, 'manifest'), { recursive: true })
    const files = manifest.files.filter((entry) => !entry.path.includes('/articles/index'))
    fs.writeFileSync(path.join(old, 'manifest.json'), `${JSON.stringify({ kind: 'manifest', schemaVersion: 1, files, tombstones: manifest.tombstones })}\n`)

    const article = (await payload.find({ collection: 'articles', where: PUBLISHED, limit: 1, depth: 0, sort: '-slug' })).docs[0]
    await payload.update({ collection: 'articles', id: article.id, locale: 'en', context: { seeding: true }, data: { summary: `${article.summary} Upgraded.` } })
    await publisherInto('first-layout').publish({ kind: 'articles', ids: [article.id] })

    const slugs = await publishedSlugs()
    for (const locale of LOCALES) expect(readArticleIndex(old, locale).map((entry) => entry.slug).sort()).toEqual(slugs)
    expect(readJson(old, 'manifest.json').schemaVersion).toBe(2)
    expect(readManifest(old).files.map((entry) => entry.path)).toEqual(expect.arrayContaining(files.map((entry) => entry.path)))
    expect(treeProblems(old)).toEqual([])
  })

  it('when a tree written with fewer shards per list and search shards gets a one-article publish, then every list and search index is written whole in the present counts, no line is lost or listed twice, and the tree matches a fresh rebuild', async () => {
    const fewer = path.join(library.dir, 'fewer-shards')
    await publisherInto('fewer-shards', { index: 4, specialty: 2, search: 4 }).publish({ kind: 'all' })
    expect(readJson(fewer, 'en/articles/index.json').shardCount).toBe(4)
    expect(readJson(fewer, 'en/search/index.json').shardCount).toBe(4)

    const article = (await payload.find({ collection: 'articles', where: PUBLISHED, limit: 1, depth: 0, sort: 'slug' })).docs[0]
    await payload.update({ collection: 'articles', id: article.id, locale: 'en', context: { seeding: true }, data: { summary: `${article.summary} Reshard.` } })
    const report = await publisherInto('fewer-shards').publish({ kind: 'articles', ids: [article.id] })
    // The rebuild it ran first is in its report: the search shards of every language, and their records in the change feed.
    expect(report.written.filter((written) => /\/search\/\d+\.json$/.test(written)).length).toBeGreaterThan(LOCALES.length * 4)
    expect(report.changes?.paths).toEqual(expect.arrayContaining(report.written))
    expect(report.articles.map((outcome) => outcome.id)).toEqual([article.id])

    const slugs = await publishedSlugs()
    for (const locale of LOCALES) {
      expect(readJson(fewer, `${locale}/articles/index.json`).shardCount).toBe(ARTICLE_INDEX_SHARDS)
      expect(readJson(fewer, `${locale}/search/index.json`).shardCount).toBe(SEARCH_SHARDS)
      expect(readArticleIndex(fewer, locale).map((entry) => entry.slug).sort()).toEqual(slugs)
    }
    await publisherInto('fewer-rebuilt').publish({ kind: 'all' })
    expect(treeDifferences(libraryFiles(readTree(path.join(library.dir, 'fewer-rebuilt'))), libraryFiles(readTree(fewer)))).toEqual([])
    expect(treeProblems(fewer)).toEqual([])
  })
})
