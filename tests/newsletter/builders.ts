import type { Payload } from 'payload'

import { translationKey } from '../../src/localization/translationRecords'
import type { Subscriber, WorkflowEvent } from '../../src/payload-types'

let counter = 0

/** A subscriber as the confirm step leaves one; override anything. */
export async function aSubscriber(payload: Payload, overrides: Partial<Subscriber> & { specialtySlug?: string } = {}): Promise<Subscriber> {
  counter += 1
  const { specialtySlug = 'orthopaedics', ...data } = overrides
  const specialty = (await payload.find({ collection: 'specialties', where: { slug: { equals: specialtySlug } }, limit: 1, depth: 0 })).docs[0]
  return payload.create({
    collection: 'subscribers',
    overrideAccess: true,
    depth: 0,
    data: {
      email: `reader${counter}-${Date.now()}@example.test`,
      language: 'en',
      status: 'confirmed',
      specialties: specialty ? [specialty.id] : [],
      consent: { requestedAt: new Date().toISOString(), confirmedAt: new Date().toISOString(), source: 'test' },
      ...data,
    } as never,
  })
}

export async function seedArticle(payload: Payload): Promise<{ id: string; specialtyId: string }> {
  const article = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, limit: 1, depth: 0, draft: false })).docs[0]
  return { id: String(article.id), specialtyId: typeof article.specialty === 'string' ? article.specialty : article.specialty.id }
}

/** The workflow event a publish of the source content writes (what the workflow's transition code records). */
export async function aPublishEvent(
  payload: Payload,
  articleId: string,
  event: { changeKind: 'clinical' | 'editorial' | 'cosmetic'; revision: number; note?: string },
): Promise<WorkflowEvent> {
  return payload.create({
    collection: 'workflow-events',
    overrideAccess: true,
    data: { article: articleId, from: 'approved', to: 'published', changeKind: event.changeKind, revision: event.revision, note: event.note ?? 'test publish' },
  })
}

/**
 * An approved translation as the localization workflow leaves it: the language's translation
 * record approved for `revision` of the source, then the workflow event that announces it.
 */
export async function aTranslationApproval(payload: Payload, articleId: string, locale: string, revision: number): Promise<WorkflowEvent> {
  const key = translationKey(articleId, locale)
  const approval = { stage: 'approved' as const, approvedAt: new Date().toISOString(), approvedRevision: revision, approvedClinicalRevision: revision, basisClinicalRevision: revision }
  const existing = (await payload.find({ collection: 'article-translations', where: { key: { equals: key } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
  if (existing) await payload.update({ collection: 'article-translations', id: existing.id, data: approval, depth: 0, overrideAccess: true, context: { seeding: true } })
  else await payload.create({ collection: 'article-translations', data: { key, article: articleId, locale, sourceFingerprints: {}, ...approval }, depth: 0, overrideAccess: true, context: { seeding: true } })
  return payload.create({
    collection: 'workflow-events',
    overrideAccess: true,
    data: { article: articleId, locale, from: 'in_review', to: 'approved', revision },
  })
}

/** Runs queued jobs that are due until none is left (jobs that queue further jobs included). */
export async function runDueJobs(payload: Payload, rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    const result = await payload.jobs.run({ limit: 50, silent: true })
    if ((result as { noJobsRemaining?: boolean }).noJobsRemaining) return
  }
}

/**
 * A specialty with a published article and `count` confirmed followers (`<prefix><n>@example.test`,
 * languages en, hi, ta in turn), written straight to the database as a large list would be; an
 * unconfirmed address follows too, and must never be emailed. Returns the confirmed addresses.
 */
export async function anArticleWithFollowers(
  payload: Payload,
  { slug, count, prefix }: { slug: string; count: number; prefix: string },
): Promise<{ articleId: string; confirmed: string[] }> {
  const specialty = await payload.create({
    collection: 'specialties',
    data: { slug: `${slug}-topic`, name: `Topic of ${slug}`, doctorTitle: { singular: 'Specialist', plural: 'Specialists' } },
    context: { seeding: true },
  })
  const article = await payload.create({
    collection: 'articles',
    data: {
      title: `About ${slug}`,
      slug,
      summary: 'What to expect.',
      specialty: specialty.id,
      changelogNote: 'New guidance.',
      lastUpdated: new Date().toISOString(),
      _status: 'published',
      sections: [{ heading: 'Overview', content: [{ blockType: 'termList', items: [{ term: 'Nausea', explanation: 'Feeling sick.' }] }] }],
    } as never,
    context: { seeding: true },
  })
  const confirmed: string[] = []
  for (let index = 0; index < count; index += 1) {
    const email = `${prefix}${index}@example.test`
    confirmed.push(email)
    await payload.db.create({
      collection: 'subscribers',
      data: { email, language: ['en', 'hi', 'ta'][index % 3], status: 'confirmed', specialties: [specialty.id], confirmationsInWindow: 0 },
      returning: false,
    })
  }
  await payload.db.create({ collection: 'subscribers', data: { email: `${prefix}-pending@example.test`, language: 'en', status: 'pending', specialties: [specialty.id] }, returning: false })
  return { articleId: String(article.id), confirmed }
}
