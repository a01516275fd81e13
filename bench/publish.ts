/*
 * `npm run bench:publish [-- --articles 2000 --doctors 300 --locales 3]`: builds a corpus in a
 * temporary SQLite database and measures the publishing pipeline against a baseline that reads
 * the same published documents through the Local API and writes JSON.stringify of each, with no
 * rendering. `--locales` above the product's languages adds languages for the run only (English
 * labels, served as fallbacks). Prints a table, then one line of JSON.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import { growCorpus } from './corpus'
import { scaffoldLanguages } from './languages'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const ARTICLES = option('articles', 2000)
const DOCTORS = option('doctors', 300)
/** The library a tenth the size, where one article's publish is timed first. */
const SMALL = Math.max(1, Math.round(ARTICLES / 10))
const REPEATS = 9

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-bench-publish-'))
const LOCALES = option('locales', 0)
if (LOCALES > 0) process.env.TRANSLATIONS_DIR = scaffoldLanguages(path.resolve(process.env.TRANSLATIONS_DIR ?? 'translations'), LOCALES, path.join(home, 'translations'))
Object.assign(process.env, {
  DATABASE_URI: `file:${path.join(home, 'library.db')}`,
  PUBLISH_DIR: path.join(home, 'out'),
  MEDIA_DIR: path.join(home, 'media'),
  OUTBOX_DIR: path.join(home, 'outbox'),
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
})

const { default: config } = await import('@payload-config')
const { getPayload } = await import('payload')
const { createPublisher } = await import('../src/publishing/createPublisher')
const { readEnvironment } = await import('../src/environment/readEnvironment')
const { loadLanguages } = await import('../src/languages/registry')
const { PUBLISHED } = await import('../src/publishing/libraryReader')

const payload: Payload = await getPayload({ config })
const languages = loadLanguages()

const publisherInto = (folder: string) =>
  createPublisher(payload, { ...readEnvironment().publishing, publishDir: path.join(home, folder), stagingDir: path.join(home, `${folder}.staging`) })

const seconds = async (work: () => Promise<unknown>) => {
  const started = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - started) / 1e9
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** One article changed, then published alone: the time a reader waits after "publish". */
async function oneArticleMs(folder: string): Promise<number> {
  const publisher = publisherInto(folder)
  const { docs } = await payload.find({ collection: 'articles', where: PUBLISHED, limit: REPEATS, depth: 0, sort: 'slug' })
  const timings: number[] = []
  for (const [round, article] of docs.entries()) {
    await payload.update({ collection: 'articles', id: article.id, locale: 'en', context: { seeding: true }, data: { summary: `${article.summary} (changed ${round} at ${Date.now()})` } })
    timings.push((await seconds(() => publisher.publish({ kind: 'articles', ids: [article.id] }))) * 1000)
  }
  return median(timings)
}

/** The baseline: the published documents of every language read with the Local API and written as they come. */
async function baseline(folder: string): Promise<number> {
  const root = path.join(home, folder)
  return seconds(async () => {
    for (const language of languages) {
      fs.mkdirSync(path.join(root, language.code), { recursive: true })
      // Paged by the last slug read, as the publisher pages, so neither side pays for numbered pages.
      for (let after = ''; ; ) {
        const where = after ? { and: [PUBLISHED, { slug: { greater_than: after } }] } : PUBLISHED
        const found = await payload.find({ collection: 'articles', where, locale: language.code as 'en', depth: 0, limit: 100, sort: 'slug' })
        if (found.docs.length === 0) break
        for (const doc of found.docs) fs.writeFileSync(path.join(root, language.code, `${doc.slug}.json`), JSON.stringify(doc))
        after = found.docs[found.docs.length - 1].slug
      }
    }
  })
}

const progress = (label: string) => (done: number, total: number) => {
  if (done % 200 === 0 || done === total) process.stderr.write(`\r${label}: ${done}/${total} articles`)
}

await growCorpus(payload, { articles: SMALL, doctors: DOCTORS, specialties: 10 }, progress('Corpus'))
await publisherInto('small').publish({ kind: 'all' })
const oneArticleMsSmall = await oneArticleMs('small')

await growCorpus(payload, { articles: ARTICLES, doctors: DOCTORS, specialties: 10 }, progress('Corpus'))
process.stderr.write('\n')
const full = publisherInto('full')
let report = await full.publish({ kind: 'all' }, { dryRun: true })
const fullSeconds = await seconds(async () => {
  report = await full.publish({ kind: 'all' }, { onProgress: progress('Full rebuild') })
})
process.stderr.write('\n')
const baselineSeconds = await baseline('baseline')
const oneArticleMsFull = await oneArticleMs('full')
const noChange = await full.publish({ kind: 'all' })
const oneNoChange = await full.publish({ kind: 'articles', ids: [(await payload.find({ collection: 'articles', limit: 1, depth: 0 })).docs[0].id] })

const result = {
  articles: ARTICLES,
  locales: languages.length,
  fullSeconds: Number(fullSeconds.toFixed(2)),
  baselineSeconds: Number(baselineSeconds.toFixed(2)),
  ratioToBaseline: Number((fullSeconds / baselineSeconds).toFixed(2)),
  smallArticles: SMALL,
  oneArticleMsSmall: Math.round(oneArticleMsSmall),
  oneArticleMsFull: Math.round(oneArticleMsFull),
  oneArticleRatio: Number((oneArticleMsFull / oneArticleMsSmall).toFixed(2)),
  noChangeFilesWritten: noChange.written.length + oneNoChange.written.length,
  // The whole process's peak, corpus building included.
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
}
const rows: [string, string][] = [
  ['articles × languages', `${ARTICLES} × ${languages.length} (${DOCTORS} doctors)`],
  ['full rebuild', `${result.fullSeconds} s, ${report.written.length} files, ${Math.round(report.written.length / fullSeconds)} files/s`],
  ['baseline (read + JSON.stringify)', `${result.baselineSeconds} s, ${ARTICLES * languages.length} files`],
  ['ratio to baseline', `${result.ratioToBaseline} (target ≤ 1.5)`],
  [`one article at ${SMALL}`, `${result.oneArticleMsSmall} ms (median of ${REPEATS})`],
  [`one article at ${ARTICLES}`, `${result.oneArticleMsFull} ms, ${result.oneArticleRatio} × at ${SMALL} (target ≤ 1.5 × and < 500 ms)`],
  ['no-change republish', `${result.noChangeFilesWritten} files written (full and one article; target 0)`],
  ['peak RSS', `${result.peakRssMb} MB (the whole process, corpus included)`],
]
const width = Math.max(...rows.map(([label]) => label.length))
console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'))
console.log(JSON.stringify(result))
await payload.destroy()
fs.rmSync(home, { recursive: true, force: true })
process.exit(0)
