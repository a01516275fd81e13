import fs from 'node:fs'
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'

import { readEnvironment } from '../../src/environment/readEnvironment'
import { releaseAbandonedJobs, releaseJobsOfGoneRunners, thisRunner } from '../../src/jobs/leases'
import { transitionLocale } from '../../src/localization/transitionLocale'
import type { User } from '../../src/payload-types'
import { createPublisher } from '../../src/publishing/createPublisher'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import type { TransitionRequest } from '../../src/workflow/transitionRequest'
import { publishEnglishChange, savePretendTranslation, seededEditorialStaff, type EditorialStaff } from '../support/editorialSteps'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { ARTICLE_INDEX_SHARDS, articleShardOf, SPECIALTY_ARTICLE_SHARDS } from '../../src/publishing/articleShards'
import { drainJobs, isManifestFile, readArticleIndex, readJson, readManifest, readSpecialtyArticles, readTree, treeProblems, withoutChangeFeed } from './support'

let library: TestLibrary
let payload: Payload
let out: string
let articleId: string
let people: EditorialStaff
const HINDI = '[हिन्दी] '

const transition = (user: User, request: TransitionRequest) =>
  transitionArticle({ payload, articleId, request, user, options: DEFAULT_WORKFLOW_OPTIONS })

/** A pretend translation: every text of the English draft with a Hindi prefix, saved as the translator. */
const translateIntoHindi = () => savePretendTranslation(payload, { articleId, locale: 'hi', prefix: HINDI, translator: people.translatorHi })

/** An editor's clinical change to the English text, taken through review to publication. */
const publishClinicalChange = (openingWords: string) =>
  publishEnglishChange(payload, { articleId, staff: people, changeKind: 'clinical', openingWords, changelogNote: `Clarified the introduction (${Date.now()}).` })

beforeAll(async () => {
  library = await startPayload('publishing-workflow')
  payload = library.payload
  out = library.env.PUBLISH_DIR
  await seedLibrary(payload)
  people = await seededEditorialStaff(payload)
  articleId = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } } })).docs[0].id
})

afterAll(async () => {
  await stopPayload(library)
})

describe('publishing through the workflow and the jobs queue', () => {
  it('when the hi translation is approved, then a job publishes the hi file with the Hindi text, approved and not a fallback', async () => {
    await translateIntoHindi()
    await transitionLocale(payload, { articleId, locale: 'hi', to: 'in_review', user: people.translatorHi })
    await transitionLocale(payload, { articleId, locale: 'hi', to: 'approved', user: people.reviewer })
    await drainJobs(payload)

    const hindi = readJson(out, 'hi/articles/bone-metastases.json')
    expect(hindi.translation).toEqual({
      state: 'approved',
      fallback: false,
      reviewedOn: { date: new Date().toISOString().slice(0, 10), label: expect.any(String) },
      reviewedBy: { name: people.reviewer.name, label: `अनुवाद की समीक्षा ${people.reviewer.name} द्वारा` },
    })
    expect(hindi.contentLocale).toBe('hi')
    expect(hindi.title.startsWith(HINDI)).toBe(true)
    expect(hindi.sections[0].text.startsWith(HINDI)).toBe(true)
    expect(readJson(out, 'ta/articles/bone-metastases.json').translation.fallback).toBe(true)
    expect(treeProblems(out)).toEqual([])
  })

  it('when a clinical edit is published, then the hi file carries the new English text with the notice and none of the old Hindi text', async () => {
    await publishClinicalChange('Bone metastases need prompt clinical assessment.')
    await drainJobs(payload)

    const hindi = readJson(out, 'hi/articles/bone-metastases.json')
    const raw = fs.readFileSync(path.join(out, 'hi/articles/bone-metastases.json'), 'utf8')
    expect(hindi.translation.state).toBe('outdated')
    expect(hindi.translation.fallback).toBe(true)
    expect(hindi.translation.notice).toContain('हिन्दी')
    expect(hindi.contentLocale).toBe('en')
    expect(hindi.sections[0].text).toContain('Bone metastases need prompt clinical assessment.')
    expect(raw).not.toContain(HINDI)
    expect(readArticleIndex(out, 'hi')[0]).toMatchObject({ slug: 'bone-metastases', fallback: true, contentLocale: 'en' })
    expect(readJson(out, 'en/articles/bone-metastases.json').version.revision).toBe(2)
  })

  it('when the tree made by these single publishes is compared with a full rebuild into an empty folder, then they are byte-identical', async () => {
    const other = path.join(library.dir, 'rebuilt')
    await createPublisher(payload, { ...readEnvironment().publishing, publishDir: other, stagingDir: path.join(library.dir, 'rebuilt.staging') }).publish({ kind: 'all' })
    const single = withoutChangeFeed(readTree(out))
    const rebuilt = withoutChangeFeed(readTree(other))
    expect([...rebuilt.keys()].sort()).toEqual([...single.keys()].sort())
    for (const [relative, bytes] of rebuilt) {
      if (!isManifestFile(relative)) expect({ relative, same: bytes.equals(single.get(relative)!) }).toEqual({ relative, same: true })
    }
    // The manifests list the same files; only the single publishes' manifest remembers what they
    // removed on the way (the Hindi sitemap and its index, gone when the translation fell out of date).
    expect(readManifest(other).files).toEqual(readManifest(out).files)
    expect(readManifest(other).tombstones).toEqual([])
    expect(readManifest(out).tombstones.map((tombstone: { path: string }) => tombstone.path)).toEqual(['hi/sitemap.xml', expect.stringMatching(/^hi\/sitemaps\/\d+\.xml$/)])
  })

  it('when a doctor’s name changes, then the directory, the specialty file and the article showing the doctor are republished', async () => {
    const doctor = (await payload.find({ collection: 'doctors', where: { name: { equals: 'Dr. Prakhar Mishra' } } })).docs[0]
    await payload.update({ collection: 'doctors', id: doctor.id, data: { name: 'Dr. Prakhar M. Mishra' } })
    await drainJobs(payload)

    const names = (items: { name: string }[]) => items.map((item) => item.name)
    for (const locale of ['en', 'hi', 'ta']) {
      expect(names(readJson(out, `${locale}/doctors/index.json`).doctors)).toContain('Dr. Prakhar M. Mishra')
      expect(names(readJson(out, `${locale}/specialties/orthopaedics.json`).doctors.items)).toContain('Dr. Prakhar M. Mishra')
      expect(names(readJson(out, `${locale}/articles/bone-metastases.json`).doctors.items)).toContain('Dr. Prakhar M. Mishra')
    }
  })

  it('when a publish job’s worker died and its lease expired, then the job is released and runs to completion', async () => {
    const doctor = (await payload.find({ collection: 'doctors', where: { name: { equals: 'Dr. Prakhar M. Mishra' } } })).docs[0]
    await payload.update({ collection: 'doctors', id: doctor.id, data: { name: 'Dr. Prakhar Mishra' }, context: { seeding: true } })
    const job = await payload.jobs.queue({ task: 'publishDirectory', input: { doctorIds: [doctor.id], clinicIds: [], specialtyIds: [] } })
    await payload.update({ collection: 'payload-jobs', id: job.id, data: { processing: true } })
    await drainJobs(payload)
    expect(readJson(out, 'en/doctors/index.json').doctors.map((item: { name: string }) => item.name)).not.toContain('Dr. Prakhar Mishra')

    const leaseMs = 60_000
    const released = await releaseAbandonedJobs(payload, leaseMs, new Date(Date.now() + leaseMs + 1000))
    await drainJobs(payload)

    expect(released).toEqual([String(job.id)])
    expect(readJson(out, 'en/doctors/index.json').doctors.map((item: { name: string }) => item.name)).toContain('Dr. Prakhar Mishra')
    expect(await payload.count({ collection: 'payload-jobs', where: { processing: { equals: true } } })).toEqual({ totalDocs: 0 })
  })

  it('when every job runner that held a publish job is gone, then the next start releases the job at once, long before its lease, and it runs', async () => {
    const doctor = (await payload.find({ collection: 'doctors', where: { name: { equals: 'Dr. Prakhar Mishra' } } })).docs[0]
    await payload.update({ collection: 'doctors', id: doctor.id, data: { name: 'Dr. Prakhar Kumar Mishra' }, context: { seeding: true } })
    const job = await payload.jobs.queue({ task: 'publishDirectory', input: { doctorIds: [doctor.id], clinicIds: [], specialtyIds: [] } })
    await payload.update({ collection: 'payload-jobs', id: job.id, data: { processing: true } })
    // A runner of this machine whose process has exited, as after a kill -9.
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
    const taken = new Date().toISOString()
    await payload.kv.set(`jobs-runner:${os.hostname()}:${deadPid}:before`, { host: os.hostname(), pid: Number(deadPid), bootId: 'before', startedAt: taken, seenAt: taken })
    const restarted = { ...thisRunner, bootId: 'restarted', startedAt: new Date(Date.now() + 1000).toISOString() }

    const released = await releaseJobsOfGoneRunners(payload, 600_000, new Date(Date.now() + 1000), restarted)
    const runners = (await payload.kv.keys()).filter((key) => key.startsWith('jobs-runner:'))
    await drainJobs(payload)

    expect(released).toEqual([String(job.id)])
    expect(runners).toEqual([`jobs-runner:${os.hostname()}:${thisRunner.pid}:restarted`])
    expect(readJson(out, 'en/doctors/index.json').doctors.map((item: { name: string }) => item.name)).toContain('Dr. Prakhar Kumar Mishra')
    for (const key of await payload.kv.keys()) if (key.startsWith('jobs-runner:')) await payload.kv.delete(key)
  })

  it('when another job runner is still alive, then a start leaves the processing jobs to their lease, as they may be that runner\'s', async () => {
    const doctor = (await payload.find({ collection: 'doctors', where: { name: { equals: 'Dr. Prakhar Kumar Mishra' } } })).docs[0]
    const job = await payload.jobs.queue({ task: 'publishDirectory', input: { doctorIds: [doctor.id], clinicIds: [], specialtyIds: [] } })
    await payload.update({ collection: 'payload-jobs', id: job.id, data: { processing: true } })
    const seen = new Date().toISOString()
    await payload.kv.set(`jobs-runner:${os.hostname()}:${process.ppid}:alive`, { host: os.hostname(), pid: process.ppid, bootId: 'alive', startedAt: seen, seenAt: seen })
    await payload.kv.set(`jobs-runner:elsewhere:1:gone`, { host: 'elsewhere', pid: 1, bootId: 'gone', startedAt: seen, seenAt: new Date(Date.now() - 700_000).toISOString() })
    const restarted = { ...thisRunner, bootId: 'restarted-again', startedAt: new Date(Date.now() + 1000).toISOString() }

    const released = await releaseJobsOfGoneRunners(payload, 600_000, new Date(Date.now() + 1000), restarted)

    expect(released).toEqual([])
    expect((await payload.findByID({ collection: 'payload-jobs', id: job.id, depth: 0 })).processing).toBe(true)
    expect((await payload.kv.keys()).filter((key) => key.startsWith('jobs-runner:')).sort()).toEqual(
      [`jobs-runner:${os.hostname()}:${process.ppid}:alive`, `jobs-runner:${os.hostname()}:${thisRunner.pid}:restarted-again`].sort(),
    )
    await payload.delete({ collection: 'payload-jobs', id: job.id })
    for (const key of await payload.kv.keys()) if (key.startsWith('jobs-runner:')) await payload.kv.delete(key)
  })

  it('when the article is unpublished, then its files go, the indexes drop it and the manifest keeps a tombstone', async () => {
    await transition(people.editor, { to: 'unpublished', note: 'Under revision.' })
    await drainJobs(payload)

    const files = [...readTree(out).keys()]
    const manifest = readManifest(out)
    for (const locale of ['en', 'hi', 'ta']) {
      expect(files).not.toContain(`${locale}/articles/bone-metastases.json`)
      expect(readArticleIndex(out, locale)).toEqual([])
      expect(readSpecialtyArticles(out, locale, 'orthopaedics')).toEqual([])
      expect(manifest.tombstones).toContainEqual(expect.objectContaining({ path: `${locale}/articles/bone-metastases.json`, kind: 'article', locale }))
      // The shards that listed it are left with no article, so they go too.
      const shard = String(articleShardOf('bone-metastases', ARTICLE_INDEX_SHARDS)).padStart(2, '0')
      const specialtyShard = String(articleShardOf('bone-metastases', SPECIALTY_ARTICLE_SHARDS)).padStart(2, '0')
      for (const gone of [`${locale}/articles/index/${shard}.json`, `${locale}/specialties/orthopaedics/${specialtyShard}.json`]) {
        expect(files).not.toContain(gone)
        expect(manifest.tombstones).toContainEqual(expect.objectContaining({ path: gone, locale }))
      }
    }
    expect(manifest.files.map((entry: { path: string }) => entry.path)).not.toContain('en/articles/bone-metastases.json')
    expect(treeProblems(out)).toEqual([])
  })
})
