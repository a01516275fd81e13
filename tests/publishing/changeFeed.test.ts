import path from 'node:path'
import type { Payload } from 'payload'

import { readEnvironment } from '../../src/environment/readEnvironment'
import { transitionLocale } from '../../src/localization/transitionLocale'
import type { User } from '../../src/payload-types'
import { createPublisher, publisherFor } from '../../src/publishing/createPublisher'
import { CHANGES_HEAD_PATH } from '../../src/publishing/layout'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import type { TransitionRequest } from '../../src/workflow/transitionRequest'
import { publishEnglishChange, savePretendTranslation, seededEditorialStaff, type EditorialStaff } from '../support/editorialSteps'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { WebhookReceiver } from '../support/webhookReceiver'
import { changesAfter, drainJobs, feedHead, libraryFiles, readTree, replayOnto, treeDifferences, treeProblems } from './support'

let library: TestLibrary
let payload: Payload
let out: string
let articleId: string
let people: EditorialStaff
const receiver = new WebhookReceiver()
const HINDI = '[हिन्दी] '
/** Copies of the library files a site took, each at the feed's sequence at that moment. */
const copies: { step: string; sequence: number; files: Map<string, Buffer> }[] = []

const transition = (user: User, request: TransitionRequest) => transitionArticle({ payload, articleId, request, user, options: DEFAULT_WORKFLOW_OPTIONS })

function takeCopy(step: string): void {
  copies.push({ step, sequence: feedHead(out), files: libraryFiles(readTree(out)) })
}

/** Runs the queue until every publish and webhook delivery is done. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    await drainJobs(payload)
    const open = await payload.count({ collection: 'webhook-deliveries', where: { status: { in: ['pending', 'retrying'] } } })
    if (open.totalDocs === 0 || Date.now() > deadline) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

beforeAll(async () => {
  library = await startPayload('publishing-feed')
  payload = library.payload
  out = library.env.PUBLISH_DIR
  await seedLibrary(payload)
  people = await seededEditorialStaff(payload)
  articleId = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } } })).docs[0].id
  await receiver.start()
  await payload.updateGlobal({ slug: 'webhook-settings', data: { allowPrivateAddresses: true } })
  const endpoint = await payload.create({
    collection: 'webhook-endpoints',
    data: { name: 'site', url: `http://127.0.0.1:${receiver.port}/hooks/vitalpress`, events: ['article.published', 'article.unpublished', 'article.locale.published', 'doctors.published'] },
  })
  receiver.secret = String(endpoint.secret)
})

afterAll(async () => {
  await receiver.stop()
  await stopPayload(library)
})

describe('the change feed of a library published through the workflow', () => {
  it('when the library is published, edited, translated, its doctor renamed and the article unpublished, then every step adds records and the feed validates', async () => {
    takeCopy('before the first publish')
    await publisherFor(payload).publish({ kind: 'all' })
    takeCopy('first publish')

    await publishEnglishChange(payload, { articleId, staff: people, changeKind: 'clinical', openingWords: 'Bone metastases need prompt clinical assessment.', changelogNote: 'Clarified the introduction.' })
    await settle()
    takeCopy('clinical edit published')

    await savePretendTranslation(payload, { articleId, locale: 'hi', prefix: HINDI, translator: people.translatorHi })
    await transitionLocale(payload, { articleId, locale: 'hi', to: 'in_review', user: people.translatorHi })
    await transitionLocale(payload, { articleId, locale: 'hi', to: 'approved', user: people.reviewer })
    await settle()
    takeCopy('Hindi translation approved')

    const doctor = (await payload.find({ collection: 'doctors', where: { name: { equals: 'Dr. Prakhar Mishra' } } })).docs[0]
    await payload.update({ collection: 'doctors', id: doctor.id, data: { name: 'Dr. Prakhar M. Mishra' } })
    await settle()
    takeCopy('doctor renamed')

    await transition(people.editor, { to: 'unpublished', note: 'Under revision.' })
    await settle()
    takeCopy('article unpublished')

    const sequences = copies.map((copy) => copy.sequence)
    expect(sequences[0]).toBe(0)
    for (let step = 1; step < copies.length; step += 1) expect({ step: copies[step].step, grew: sequences[step] > sequences[step - 1] }).toEqual({ step: copies[step].step, grew: true })
    expect(changesAfter(out, 0).map((record) => record.sequence)).toEqual(Array.from({ length: sequences[sequences.length - 1] }, (_, n) => n + 1))
    const hindiRecords = changesAfter(out, sequences[2]).filter((record) => record.sequence <= sequences[3])
    expect(hindiRecords).toContainEqual(expect.objectContaining({ path: 'hi/articles/bone-metastases.json', change: 'written', locale: 'hi', articleSlug: 'bone-metastases', kind: 'article' }))
    expect(changesAfter(out, sequences[4])).toContainEqual(
      expect.objectContaining({ path: 'ta/articles/bone-metastases.json', change: 'removed', sha256: null, locale: 'ta', articleSlug: 'bone-metastases' }),
    )
    expect(treeProblems(out)).toEqual([])
  })

  it('when a site took a copy at sequence 0, at any step in the middle or at the head and applies every later change, then it ends byte-identical to the tree and to a full export', async () => {
    const tree = libraryFiles(readTree(out))
    const exported = path.join(library.dir, 'export')
    await createPublisher(payload, { ...readEnvironment().publishing, publishDir: exported, stagingDir: path.join(library.dir, 'export.staging') }).publish({ kind: 'all' })
    expect(treeDifferences(libraryFiles(readTree(exported)), tree)).toEqual([])

    for (const copy of copies) {
      const replayed = replayOnto(copy.files, out, copy.sequence)
      expect({ from: copy.step, mismatches: replayed.mismatches, differences: treeDifferences(tree, replayed.files) }).toEqual({ from: copy.step, mismatches: [], differences: [] })
    }
    // A copy never brought up to date is not the tree, so the comparison above can fail.
    expect(treeDifferences(tree, copies[2].files)).not.toEqual([])
  })

  it('when the library is published again with no change, then the feed gains no record and its files are not rewritten', async () => {
    const head = readTree(out).get(CHANGES_HEAD_PATH)

    const report = await publisherFor(payload).publish({ kind: 'all' })

    expect(report.changes).toBeNull()
    expect(report.written).toEqual([])
    expect(readTree(out).get(CHANGES_HEAD_PATH)).toEqual(head)
  })

  it('when the site’s receiver gets the events of these publishes, then each is signed and carries the sequence range and the paths the feed records for it', () => {
    type FeedRange = { changes?: { from: number; to: number; paths: string[] } | null }
    const events = receiver.events<FeedRange>()
    const types = events.map((event) => event.type)
    expect(types).toEqual(expect.arrayContaining(['article.published', 'article.locale.published', 'doctors.published', 'article.unpublished']))
    for (const event of events) {
      const changes = event.data.changes
      expect({ type: event.type, verified: event.verified, hasRange: Boolean(changes && changes.from <= changes.to) }).toEqual({ type: event.type, verified: true, hasRange: true })
      const recorded = changesAfter(out, changes!.from - 1).filter((record) => record.sequence <= changes!.to)
      expect({ type: event.type, paths: changes!.paths }).toEqual({ type: event.type, paths: recorded.map((record) => record.path) })
    }
    const unpublished = events.find((event) => event.type === 'article.unpublished')!
    expect(unpublished.data.changes!.paths).toEqual(expect.arrayContaining(['en/articles/bone-metastases.json', 'hi/articles/bone-metastases.json', 'ta/articles/bone-metastases.json']))
  })
})
