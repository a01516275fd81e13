/*
 * Part of `npm run bench:newsletter`, run in its own process so the measured send starts from a
 * fresh heap: fills the temporary database with the article, its specialty, the confirmed
 * subscribers and the publish event. Prints the event's id.
 */
import config from '@payload-config'
import { getPayload, type PayloadRequest } from 'payload'

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS || 10_000)
const SUBSCRIBERS_PER_TRANSACTION = 1000

const payload = await getPayload({ config })
const specialty = await payload.create({
  collection: 'specialties',
  data: { slug: 'orthopaedics', name: 'Orthopaedics', doctorTitle: { singular: 'Orthopaedician', plural: 'Orthopaedicians' } },
  context: { seeding: true },
})
const article = await payload.create({
  collection: 'articles',
  data: {
    title: 'Understanding Bone Metastases',
    slug: 'bone-metastases',
    summary: 'Causes, symptoms, diagnosis and treatment.',
    specialty: specialty.id,
    changelogNote: 'New guidance on pain relief.',
    lastUpdated: '2025-07-03T00:00:00.000Z',
    _status: 'published',
    sections: [{ heading: 'Overview', content: [{ blockType: 'termList', items: [{ term: 'Bone pain', explanation: 'The most common symptom.' }] }] }],
  } as never,
  context: { seeding: true },
})
// The subscribers are written in transactions of SUBSCRIBERS_PER_TRANSACTION: one commit per
// subscriber made setting up 100,000 take minutes.
let transactionID: string | number | null = null
for (let index = 0; index < SUBSCRIBERS; index += 1) {
  if (index % SUBSCRIBERS_PER_TRANSACTION === 0) {
    if (transactionID !== null) await payload.db.commitTransaction(transactionID)
    transactionID = (await payload.db.beginTransaction()) ?? null
  }
  await payload.db.create({
    collection: 'subscribers',
    data: { email: `reader${index}@bench.test`, language: ['en', 'hi', 'ta'][index % 3], status: 'confirmed', specialties: [specialty.id] },
    returning: false,
    ...(transactionID === null ? {} : { req: { transactionID } as PayloadRequest }),
  })
  if ((index + 1) % 10_000 === 0 || index + 1 === SUBSCRIBERS) process.stderr.write(`\rsubscribers: ${index + 1}/${SUBSCRIBERS}`)
}
if (transactionID !== null) await payload.db.commitTransaction(transactionID)
process.stderr.write('\n')
// Both translations of the update are approved (the translation record, then its workflow event),
// so every language is released as the send is prepared.
for (const locale of ['hi', 'ta']) {
  await payload.create({
    collection: 'article-translations',
    data: { key: `${article.id}:${locale}`, article: article.id, locale, stage: 'approved', sourceFingerprints: {}, basisClinicalRevision: 2, approvedRevision: 2, approvedClinicalRevision: 2 },
    context: { seeding: true },
  })
  await payload.create({
    collection: 'workflow-events',
    data: { article: article.id, locale, from: 'in_review', to: 'approved', revision: 2 },
    context: { seeding: true },
  })
}
const event = await payload.create({
  collection: 'workflow-events',
  data: { article: article.id, from: 'approved', to: 'published', changeKind: 'clinical', revision: 2 },
  context: { seeding: true },
})
console.log(`EVENT ${event.id}`)
await payload.destroy()
process.exit(0)
