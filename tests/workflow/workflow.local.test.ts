import type { Payload } from 'payload'

import type { Article, User } from '../../src/payload-types'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { fingerprintSource, type ContentField } from '../../src/workflow/fingerprint'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { listReviewsDue } from '../../src/workflow/reviewDue'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import type { TransitionRequest } from '../../src/workflow/transitionRequest'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { articleData, SEEDED, SEEDED_ARTICLE_STATE } from './builders'

let library: TestLibrary
let payload: Payload
const people: Record<'editor' | 'reviewer' | 'translatorHi' | 'admin', User> = {} as never

const day = (iso: string) => new Date(`${iso}T12:00:00.000Z`)

async function transition(article: { id: string }, user: User, request: TransitionRequest, now?: Date) {
  return transitionArticle({ payload, articleId: article.id, request, user, options: DEFAULT_WORKFLOW_OPTIONS, ...(now ? { now } : {}) })
}

async function createDraft(specialty: string, overrides: Record<string, unknown> = {}): Promise<Article> {
  return payload.create({ collection: 'articles', draft: true, data: articleData(specialty, overrides) as never, user: people.editor, overrideAccess: false })
}

async function approved(specialty: string, reviewedOn?: Date, overrides: Record<string, unknown> = {}): Promise<Article> {
  const article = await createDraft(specialty, overrides)
  await transition(article, people.editor, { to: 'in_review', changeKind: 'editorial' })
  await transition(article, people.reviewer, { to: 'approved' }, reviewedOn)
  return article
}

const latestDraft = (id: string, locale: 'en' | 'hi' = 'en') =>
  payload.findByID({ collection: 'articles', id, draft: true, depth: 0, locale, overrideAccess: true, showHiddenFields: true })

const articleFields = () => payload.collections.articles.config.fields as unknown as ContentField[]

beforeAll(async () => {
  library = await startPayload('workflow-local')
  payload = library.payload
  await seedLibrary(payload)
  for (const [key, { email }] of Object.entries(SEEDED)) {
    const found = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1 })
    people[key as keyof typeof people] = found.docs[0]
  }
})

afterAll(async () => {
  await stopPayload(library)
})

const specialtyId = async (interval?: number) => {
  if (interval === undefined) {
    const found = await payload.find({ collection: 'specialties', where: { slug: { equals: 'orthopaedics' } }, limit: 1 })
    return found.docs[0].id
  }
  const specialty = await payload.create({
    collection: 'specialties',
    data: { slug: `monthly-${interval}-${Date.now().toString(36)}`, name: 'Rheumatology', doctorTitle: { singular: 'Rheumatologist', plural: 'Rheumatologists' }, reviewIntervalMonths: interval },
  })
  return specialty.id
}

describe('the seeded article', () => {
  it('when the library is seeded, then bone-metastases is published as revision 1 of 3 Jul 2025, approved for exactly its content, with no review claimed and no audit records', async () => {
    const { docs } = await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0, showHiddenFields: true })
    const article = docs[0]

    expect(article).toMatchObject({ ...SEEDED_ARTICLE_STATE, changeKind: 'clinical' })
    expect(article.approvedFingerprint).toBe(article.sourceFingerprint)
    expect(article.approvedFingerprint).toBe(fingerprintSource(articleFields(), article as never))
    expect((await payload.count({ collection: 'workflow-events', where: { article: { equals: article.id } } })).totalDocs).toBe(0)
  })
})

describe('an article published without a clinical review', () => {
  it('when the library is seeded, then Reviews due lists bone-metastases first, as never reviewed and overdue, with no dates or reviewer', async () => {
    const seeded = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0 })).docs[0]
    const monthly = await specialtyId(1)
    await approved(monthly, day('2031-01-24'))

    const list = await listReviewsDue({ payload, user: people.editor, now: day('2031-03-10'), withinDays: 30 })

    expect(list.docs[0]).toMatchObject({ id: seeded.id, neverReviewed: true, overdue: true, lastReviewed: null, reviewedBy: null, nextReviewDue: null, daysUntilDue: null })
    expect(list.docs.filter((entry) => entry.neverReviewed).map((entry) => entry.id)).toEqual([seeded.id])
  })

  it('when a reviewer approves a change to it and it is published, then it carries that review and is no longer listed as never reviewed', async () => {
    const seeded = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0 })).docs[0]
    await payload.update({ collection: 'articles', id: seeded.id, draft: true, data: { summary: `${seeded.summary} Reviewed.` }, user: people.editor, overrideAccess: false })
    await transition(seeded, people.editor, { to: 'in_review', changeKind: 'editorial' })
    await transition(seeded, people.reviewer, { to: 'approved' }, day('2031-03-01'))
    await transition(seeded, people.editor, { to: 'published' }, day('2031-03-01'))

    const list = await listReviewsDue({ payload, user: people.editor, now: day('2031-03-10'), withinDays: 30 })
    const live = await payload.findByID({ collection: 'articles', id: seeded.id, depth: 0 })

    expect(list.docs.map((entry) => entry.id)).not.toContain(seeded.id)
    expect(list.docs.some((entry) => entry.neverReviewed)).toBe(false)
    expect(live).toMatchObject({ lastReviewed: '2031-03-01T12:00:00.000Z', reviewedBy: people.reviewer.id })
  })
})

describe('fingerprints of saved content', () => {
  it('when the source content is edited and saved, then the stored fingerprint equals one computed from the saved draft', async () => {
    const article = await createDraft(await specialtyId())

    await payload.update({ collection: 'articles', id: article.id, draft: true, data: { summary: 'A new summary.' }, user: people.editor, overrideAccess: false })

    const saved = await latestDraft(article.id)
    expect(saved.sourceFingerprint).toBe(fingerprintSource(articleFields(), saved as never))
    expect(saved.sourceFingerprint).not.toBe((await payload.findVersions({ collection: 'articles', where: { parent: { equals: article.id } }, sort: 'createdAt', limit: 1 })).docs[0].version.sourceFingerprint)
  })

  it('when a translator saves a Hindi draft of an approved article, then it stays approved and readers of the published article get English until the Hindi is approved', async () => {
    const article = await approved(await specialtyId())

    await payload.update({ collection: 'articles', id: article.id, draft: true, locale: 'hi', data: { title: 'ऑस्टियोपोरोसिस को समझना' }, user: people.translatorHi, overrideAccess: false })

    const afterTranslation = await latestDraft(article.id)
    expect(afterTranslation.workflowState).toBe('approved')
    expect(afterTranslation.changeAuthors ?? []).not.toContain(people.translatorHi.id)
    await transition(article, people.editor, { to: 'published' })
    const live = await payload.findByID({ collection: 'articles', id: article.id, locale: 'hi', fallbackLocale: false, depth: 0, overrideAccess: false })
    expect(live).toMatchObject({ _status: 'published', title: article.title, translation: { hi: { contentLocale: 'en', state: 'in_progress', fallback: true } } })
    expect(JSON.stringify(live)).not.toContain('ऑस्टियोपोरोसिस')
  })
})

describe('writes that would go around the workflow', () => {
  it("when a person's Local API update asks to publish, then it is refused and the article stays unpublished", async () => {
    const article = await approved(await specialtyId())

    const attempt = payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' }, user: people.editor, overrideAccess: false })

    await expect(attempt).rejects.toMatchObject({ status: 403, data: { code: 'WORKFLOW_LIVE_WRITE_FORBIDDEN' } })
    const live = await payload.findByID({ collection: 'articles', id: article.id, depth: 0 })
    expect(live._status).toBe('draft')
  })

  it('when a person restores an old version without ?draft, then it is refused', async () => {
    const article = await createDraft(await specialtyId())
    const { docs } = await payload.findVersions({ collection: 'articles', where: { parent: { equals: article.id } }, limit: 1 })

    const attempt = payload.restoreVersion({ collection: 'articles', id: docs[0].id, user: people.editor, overrideAccess: false })

    await expect(attempt).rejects.toMatchObject({ status: 403, data: { code: 'WORKFLOW_LIVE_WRITE_FORBIDDEN' } })
  })
})

describe('the review-due list', () => {
  it('when asked on a fixed day, then overdue and soon-due articles are listed soonest first, following the monthly interval, and the rest are not', async () => {
    const monthly = await specialtyId(1)
    const overdue = await approved(monthly, day('2031-01-24'))
    const inEightDays = await approved(monthly, day('2031-02-18'))
    const inTwentyNineDays = await approved(monthly, day('2031-03-08'))
    const inThirtySixDays = await approved(monthly, day('2031-03-15'))
    const archived = await approved(monthly, day('2030-12-01'))
    await transition(archived, people.editor, { to: 'published' })
    await transition(archived, people.editor, { to: 'archived' })
    const neverReviewed = await createDraft(monthly)

    const list = await listReviewsDue({ payload, user: people.editor, now: day('2031-03-10'), withinDays: 30 })

    // Other tests' articles share the library; this test judges its own and the order of all.
    const ours = new Set([overdue, inEightDays, inTwentyNineDays, inThirtySixDays, archived, neverReviewed].map((article) => article.id))
    const listedOfOurs = list.docs.filter((entry) => ours.has(entry.id))
    expect(listedOfOurs.map((entry) => entry.id)).toEqual([overdue.id, inEightDays.id, inTwentyNineDays.id])
    expect(listedOfOurs.map(({ nextReviewDue, daysUntilDue, overdue: late }) => ({ nextReviewDue, daysUntilDue, late }))).toEqual([
      { nextReviewDue: '2031-02-24T12:00:00.000Z', daysUntilDue: -14, late: true },
      { nextReviewDue: '2031-03-18T12:00:00.000Z', daysUntilDue: 8, late: false },
      { nextReviewDue: '2031-04-08T12:00:00.000Z', daysUntilDue: 29, late: false },
    ])
    const dueDates = list.docs.filter((entry) => !entry.neverReviewed).map((entry) => entry.nextReviewDue)
    expect(dueDates).toEqual([...dueDates].sort())
    const firstDated = list.docs.findIndex((entry) => !entry.neverReviewed)
    expect(list.docs.slice(firstDated).every((entry) => !entry.neverReviewed)).toBe(true)
    expect(listedOfOurs[0].reviewedBy).toEqual({ id: people.reviewer.id, name: people.reviewer.name })
  })

  it('when a translator asks for the review-due list, then it is refused', async () => {
    await expect(listReviewsDue({ payload, user: people.translatorHi, withinDays: 30 })).rejects.toMatchObject({ code: 'WORKFLOW_REVIEW_DUE_FORBIDDEN', status: 403 })
  })
})
