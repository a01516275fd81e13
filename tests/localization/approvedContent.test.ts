import type { Payload } from 'payload'

import { backfillApprovedContent } from '../../src/localization/approvedContent'
import { findFacts } from '../../src/localization/translationRecords'
import { transitionLocale } from '../../src/localization/transitionLocale'
import type { User } from '../../src/payload-types'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { articleData, SEEDED } from '../workflow/builders'

let library: TestLibrary
let payload: Payload
const people = {} as Record<'editor' | 'reviewer' | 'translatorHi', User>
const HINDI = '[हिन्दी] '

beforeAll(async () => {
  library = await startPayload('approved-content')
  payload = library.payload
  await seedLibrary(payload)
  for (const key of ['editor', 'reviewer', 'translatorHi'] as const) {
    people[key] = (await payload.find({ collection: 'users', where: { email: { equals: SEEDED[key].email } } })).docs[0]
  }
})

afterAll(async () => {
  await stopPayload(library)
})

/** A published article with a Hindi translation approved by the Hindi reviewer, all through the workflow functions. */
async function articleWithApprovedHindi(): Promise<string> {
  const specialty = (await payload.find({ collection: 'specialties', where: { slug: { equals: 'orthopaedics' } } })).docs[0].id
  const article = await payload.create({ collection: 'articles', draft: true, data: articleData(specialty) as never, user: people.editor, overrideAccess: false })
  const move = (user: User, request: Parameters<typeof transitionArticle>[0]['request']) =>
    transitionArticle({ payload, articleId: article.id, request, user, options: DEFAULT_WORKFLOW_OPTIONS })
  await move(people.editor, { to: 'in_review', changeKind: 'clinical' })
  await move(people.reviewer, { to: 'approved' })
  await move(people.editor, { to: 'published' })
  const source = await payload.findByID({ collection: 'articles', id: article.id, draft: true, depth: 0, locale: 'en' })
  await payload.update({
    collection: 'articles',
    id: article.id,
    locale: 'hi',
    draft: true,
    user: people.translatorHi,
    overrideAccess: false,
    data: {
      title: `${HINDI}${source.title}`,
      summary: `${HINDI}${source.summary}`,
      sections: source.sections.map((section) => ({ ...section, heading: `${HINDI}${section.heading}` })),
    } as never,
  })
  await transitionLocale(payload, { articleId: article.id, locale: 'hi', to: 'in_review', user: people.translatorHi })
  await transitionLocale(payload, { articleId: article.id, locale: 'hi', to: 'approved', user: people.reviewer })
  return article.id
}

describe('the approved texts kept with an approval', () => {
  it('when a Hindi reviewer approves, then the record keeps the Hindi texts of exactly the approved version', async () => {
    const id = await articleWithApprovedHindi()

    const record = await findFacts(payload, id, 'hi')

    const approvedVersion = await payload.findVersions({ collection: 'articles', where: { id: { equals: record!.approvedVersionId } }, locale: 'hi', fallbackLocale: false })
    expect(record!.approvedContent).toMatchObject({ title: `${HINDI}Understanding Osteoporosis`, summary: approvedVersion.docs[0].version.summary })
    expect((record!.approvedContent as { sections: unknown[] }).sections).toEqual(JSON.parse(JSON.stringify(approvedVersion.docs[0].version.sections)))
  })

  it('when an approval recorded before its texts were kept is read, then readers get the texts of the version it points at, and the backfill keeps them on the record', async () => {
    const id = await articleWithApprovedHindi()
    const record = await findFacts(payload, id, 'hi')
    // A database from before the field existed: the approval has no texts of its own.
    await payload.update({ collection: 'article-translations', id: record!.id, data: { approvedContent: null }, overrideAccess: true })

    const served = await payload.findByID({ collection: 'articles', id, locale: 'hi', depth: 0, overrideAccess: false })
    const filled = await backfillApprovedContent(payload)

    expect(served).toMatchObject({ title: `${HINDI}Understanding Osteoporosis`, translation: { hi: { contentLocale: 'hi', state: 'approved', fallback: false } } })
    expect(filled).toBe(1)
    expect((await findFacts(payload, id, 'hi'))!.approvedContent).toMatchObject({ title: `${HINDI}Understanding Osteoporosis` })
  })
})
