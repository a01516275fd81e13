import { seedLibrary } from '../../src/seed/seedLibrary'
import { translationCoverage } from '../../src/localization/localeTranslationStatus'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

describe('the coverage matrix filtered by state and by title', () => {
  let library: TestLibrary

  beforeAll(async () => {
    library = await startPayload('coverage')
    const { payload } = library
    await seedLibrary(payload)
    const specialty = (await payload.find({ collection: 'specialties', limit: 1 })).docs[0].id
    for (const slug of ['aaa-first', 'aab-second']) {
      await payload.create({
        collection: 'articles',
        draft: true,
        data: { slug, title: slug, summary: 'Draft.', specialty, sections: [{ heading: 'One', content: [{ blockType: 'termList', items: [{ term: 'T', explanation: 'E' }] }] }] },
      })
    }
    const seeded = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, draft: true })).docs[0]
    const translator = (await payload.find({ collection: 'users', where: { email: { equals: 'translator.hi@vitalpress.example' } } })).docs[0]
    await payload.update({ collection: 'articles', id: seeded.id, locale: 'hi', draft: true, data: { title: 'अस्थि मेटास्टेसिस' }, user: translator, overrideAccess: false })
  })
  afterAll(() => stopPayload(library))

  it('when the only article in progress sorts after a full first page, then the filter still finds it and pages the matches', async () => {
    const report = await translationCoverage(library.payload, { locales: ['hi'], states: ['in_progress'], page: 1, limit: 1 })

    expect(report.articles.map((row) => row.slug)).toEqual(['bone-metastases'])
    expect(report.totalArticles).toBe(1)
    expect(report.totalPages).toBe(1)
  })

  it('when the filter matches several articles, then each page holds its share in slug order', async () => {
    const first = await translationCoverage(library.payload, { locales: ['hi'], states: ['missing'], page: 1, limit: 1 })
    const second = await translationCoverage(library.payload, { locales: ['hi'], states: ['missing'], page: 2, limit: 1 })

    expect(first.articles.map((row) => row.slug)).toEqual(['aaa-first'])
    expect(second.articles.map((row) => row.slug)).toEqual(['aab-second'])
    expect(first.totalArticles).toBe(2)
    expect(first.totalPages).toBe(2)
  })

  it('when the title words match an article on a later page of the library, then the filter finds it there and pages the matches', async () => {
    const first = await translationCoverage(library.payload, { titleWords: ['BONE', 'metastases'], page: 1, limit: 1 })
    const byWord = await translationCoverage(library.payload, { titleWords: ['second'], page: 1, limit: 1 })
    const none = await translationCoverage(library.payload, { titleWords: ['bone', 'second'], page: 1, limit: 1 })

    expect(first.articles.map((row) => row.slug)).toEqual(['bone-metastases'])
    expect(first.totalArticles).toBe(1)
    expect(first.totalPages).toBe(1)
    expect(byWord.articles.map((row) => row.slug)).toEqual(['aab-second'])
    expect(none.articles).toEqual([])
  })

  it('when title words and a state are both given, then a row must match both', async () => {
    const both = await translationCoverage(library.payload, { locales: ['hi'], states: ['missing'], titleWords: ['SECOND'], page: 1, limit: 1 })

    expect(both.articles.map((row) => row.slug)).toEqual(['aab-second'])
    expect(both.totalArticles).toBe(1)
  })
})
