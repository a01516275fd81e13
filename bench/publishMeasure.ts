/*
 * Part of `npm run bench:publish`: the measured process, started fresh on the library the corpus
 * process left. BENCH_PHASE `small` publishes the library into `small` and times one article's
 * publish; `baseline` times the baseline; `full` times the full rebuild into `full`, one
 * article's publish and the no-change republishes; `one` times one article's publish into the
 * tree BENCH_FOLDER, as a running server does: after a first publish that reads the tree back.
 * Prints one JSON line with its figures, its peak RSS and the peak after each phase.
 */
import fs from 'node:fs'
import path from 'node:path'

import config from '@payload-config'
import { getPayload } from 'payload'

import { readEnvironment } from '../src/environment/readEnvironment'
import { loadLanguages } from '../src/languages/registry'
import { createPublisher } from '../src/publishing/createPublisher'
import type { Publisher } from '../src/publishing/publisher'
import { PUBLISHED } from '../src/publishing/libraryReader'

const REPEATS = 9
const home = String(process.env.BENCH_HOME)
const payload = await getPayload({ config })
const languages = loadLanguages()

const publisherInto = (folder: string) =>
  createPublisher(payload, { ...readEnvironment().publishing, publishDir: path.join(home, folder), stagingDir: path.join(home, `${folder}.staging`) })

const seconds = async (work: () => Promise<unknown>) => {
  const started = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - started) / 1e9
}

/** The process's peak RSS, in MB, after each phase: the phase whose figure rises is the one that reached it. */
const peakAfter: Record<string, number> = {}
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const value = await work()
  peakAfter[name] = peakRssMb()
  return value
}
peakAfter.startUp = peakRssMb()

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * One article changed, then published alone, `rounds` times: the time a reader waits after
 * "publish", in milliseconds. By the publisher that wrote the tree, as a process keeps one publisher.
 */
async function oneArticleTimings(publisher: Publisher, rounds: number): Promise<number[]> {
  const { docs } = await payload.find({ collection: 'articles', where: PUBLISHED, limit: rounds, depth: 0, sort: 'slug' })
  const timings: number[] = []
  for (const [round, article] of docs.entries()) {
    await payload.update({ collection: 'articles', id: article.id, locale: 'en', context: { seeding: true }, data: { summary: `${article.summary} (changed ${round} at ${Date.now()})` } })
    timings.push((await seconds(() => publisher.publish({ kind: 'articles', ids: [article.id] }))) * 1000)
  }
  return timings
}

const oneArticleMs = async (publisher: Publisher) => median(await oneArticleTimings(publisher, REPEATS))

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

let result: Record<string, number | number[] | Record<string, number>>
if (process.env.BENCH_PHASE === 'baseline') {
  result = { baselineSeconds: await phase('baseline', () => baseline('baseline')) }
} else if (process.env.BENCH_PHASE === 'one') {
  // The first publish of a process reads the indexes back from the tree; timed apart from the rest.
  const [firstMs, ...timings] = await phase('oneArticle', () => oneArticleTimings(publisherInto(String(process.env.BENCH_FOLDER)), REPEATS + 1))
  result = { firstMs, timings }
} else if (process.env.BENCH_PHASE === 'small') {
  const small = publisherInto('small')
  await phase('fullRebuild', () => small.publish({ kind: 'all' }))
  result = { oneArticleMs: await phase('oneArticle', () => oneArticleMs(small)) }
} else {
  const full = publisherInto('full')
  let written = 0
  const fullSeconds = await phase('fullRebuild', () => seconds(async () => {
    const report = await full.publish(
      { kind: 'all' },
      {
        onProgress: (done, total) => {
          if (done % 200 === 0 || done === total) process.stderr.write(`\rFull rebuild: ${done}/${total} articles`)
        },
      },
    )
    written = report.written.length
  }))
  process.stderr.write('\n')
  const oneMs = await phase('oneArticle', () => oneArticleMs(full))
  const noChange = await phase('noChangeRebuild', () => full.publish({ kind: 'all' }))
  const firstId = (await payload.find({ collection: 'articles', limit: 1, depth: 0 })).docs[0].id
  const oneNoChange = await phase('noChangeArticle', () => full.publish({ kind: 'articles', ids: [firstId] }))
  result = { fullSeconds, filesWritten: written, oneArticleMs: oneMs, noChangeFilesWritten: noChange.written.length + oneNoChange.written.length }
}
console.log(`RESULT ${JSON.stringify({ ...result, peakRssMb: peakRssMb(), peakAfter })}`)
await payload.destroy()
process.exit(0)
