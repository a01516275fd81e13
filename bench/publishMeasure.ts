/*
 * Part of `npm run bench:publish`: the measured process, started fresh on the library the corpus
 * process left. BENCH_PHASE `small` publishes the library into `small` and times one article's
 * publish; `full` times the full rebuild into `full`, the baseline, one article's publish and the
 * no-change republishes. Prints one JSON line with its figures and its peak RSS.
 */
import fs from 'node:fs'
import path from 'node:path'

import config from '@payload-config'
import { getPayload } from 'payload'

import { readEnvironment } from '../src/environment/readEnvironment'
import { loadLanguages } from '../src/languages/registry'
import { createPublisher } from '../src/publishing/createPublisher'
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

let result: Record<string, number>
if (process.env.BENCH_PHASE === 'small') {
  await publisherInto('small').publish({ kind: 'all' })
  result = { oneArticleMs: await oneArticleMs('small') }
} else {
  const full = publisherInto('full')
  let written = 0
  const fullSeconds = await seconds(async () => {
    const report = await full.publish(
      { kind: 'all' },
      {
        onProgress: (done, total) => {
          if (done % 200 === 0 || done === total) process.stderr.write(`\rFull rebuild: ${done}/${total} articles`)
        },
      },
    )
    written = report.written.length
  })
  process.stderr.write('\n')
  const baselineSeconds = await baseline('baseline')
  const oneMs = await oneArticleMs('full')
  const noChange = await full.publish({ kind: 'all' })
  const oneNoChange = await full.publish({ kind: 'articles', ids: [(await payload.find({ collection: 'articles', limit: 1, depth: 0 })).docs[0].id] })
  result = { fullSeconds, filesWritten: written, baselineSeconds, oneArticleMs: oneMs, noChangeFilesWritten: noChange.written.length + oneNoChange.written.length }
}
console.log(`RESULT ${JSON.stringify({ ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}`)
await payload.destroy()
process.exit(0)
