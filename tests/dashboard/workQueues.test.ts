import { failingEndpoints, oldestFirst, sectionNames, translatorWork } from '../../src/dashboard/workQueues'
import { availableLocales } from '../../src/localization/admin/availableLocales'
import { articleUnits, sourceFingerprints } from '../../src/localization/articleUnits'
import type { Language } from '../../src/languages/registry'
import type { ArticleTranslation } from '../../src/payload-types'
import { articleInAllLocales } from '../localization/support/builders'

const hindi: Language = { code: 'hi', name: 'हिन्दी', englishName: 'Hindi', dir: 'ltr', fallback: 'en' }

/** The stored facts of a translation made from the article as it is, changed as a test needs. */
function record(article: ReturnType<typeof articleInAllLocales>, overrides: Partial<ArticleTranslation> = {}): ArticleTranslation {
  return {
    id: 'r1',
    key: `${article.id}:hi`,
    article: article.id,
    locale: 'hi',
    stage: 'approved',
    sourceFingerprints: sourceFingerprints(articleUnits(article, 'en')),
    basisClinicalRevision: 1,
    approvedVersionId: 'v1',
    approvedClinicalRevision: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  }
}

describe("the translator's work list", () => {
  it('when a clinical change touched one section after approval, then the article is outdated with that section named by place and heading', () => {
    const translated = articleInAllLocales()
    const changed = articleInAllLocales({ clinicalRevision: 2 })
    changed.sections![1].heading = { en: 'Causes and risks' }

    const work = translatorWork(hindi, [changed], [record(translated)])

    expect(work.outdated).toEqual([
      { article: { id: 'a1', title: 'Bone metastases', slug: 'bone-metastases' }, withheld: true, sections: [{ id: 's2', position: 2, heading: 'Causes and risks' }], fields: [] },
    ])
    expect(work.missing).toEqual([])
  })

  it('when an editorial change touched a section, then the article is listed as flagged, not withheld', () => {
    const translated = articleInAllLocales()
    const changed = articleInAllLocales()
    changed.summary = { en: 'What they are, in short.' }

    const work = translatorWork(hindi, [changed], [record(translated)])

    expect(work.outdated[0]).toMatchObject({ withheld: false, sections: [], fields: ['summary'] })
  })

  it('when an article has no translation, then it is missing once it has been published, and a never-published draft is not listed', () => {
    const published = articleInAllLocales({ id: 'a1', revision: 1 })
    const draft = articleInAllLocales({ id: 'a2', slug: 'new-draft', revision: 0, workflowState: 'draft' })

    expect(translatorWork(hindi, [published, draft], []).missing.map((article) => article.id)).toEqual(['a1'])
  })

  it('when a reviewer sent a translation back, then it is in progress with the note', () => {
    const article = articleInAllLocales()

    const work = translatorWork(hindi, [article], [record(article, { stage: 'in_progress', reviewNote: 'Use the common word for fracture.' })])

    expect(work.inProgress).toEqual([{ article: { id: 'a1', title: 'Bone metastases', slug: 'bone-metastases' }, note: 'Use the common word for fracture.', untranslated: [] }])
  })
})

describe('the other work lists', () => {
  it('when reviews wait, then the one waiting longest comes first', () => {
    const items = [{ id: 'b', waitingSince: '2026-03-02T00:00:00Z' }, { id: 'a', waitingSince: '2026-03-01T00:00:00Z' }]
    expect(oldestFirst(items).map((item) => item.id)).toEqual(['a', 'b'])
  })

  it('when deliveries failed or are retrying, then their endpoint is listed with counts and the latest error; a disabled endpoint is listed too', () => {
    const endpoints = [
      { id: 'e1', name: 'Site', url: 'https://site.example/hook', active: true },
      { id: 'e2', name: 'Gone', url: 'https://gone.example/hook', active: false, disabledReason: '410 Gone' },
      { id: 'e3', name: 'Healthy', url: 'https://ok.example/hook', active: true },
    ]
    const deliveries = [
      { endpoint: 'e1', status: 'failed', lastError: 'old', lastStatusCode: 500, updatedAt: '2026-03-01T00:00:00Z' },
      { endpoint: 'e1', status: 'retrying', lastError: 'ECONNREFUSED', lastStatusCode: null, updatedAt: '2026-03-02T00:00:00Z' },
      { endpoint: 'e3', status: 'delivered', updatedAt: '2026-03-02T00:00:00Z' },
    ]

    expect(failingEndpoints(endpoints, deliveries).map(({ id, failed, retrying, lastError, active }) => ({ id, failed, retrying, lastError, active }))).toEqual([
      { id: 'e1', failed: 1, retrying: 1, lastError: 'ECONNREFUSED', active: true },
      { id: 'e2', failed: 0, retrying: 0, lastError: null, active: false },
    ])
  })

  it('when sections are named, then they keep reading order whatever order the ids come in', () => {
    expect(sectionNames(articleInAllLocales(), ['s2', 's1']).map((section) => section.position)).toEqual([1, 2])
  })

  it("when a translator opens the locale switch, then it offers the source and their languages only; an editor's offers every language", () => {
    const locales = ['en', 'hi', 'ta'].map((code) => ({ code, label: code }))
    const as = (roles: string[], languages: string[]) => availableLocales({ locales, req: { user: { roles, languages } } as never }).map((locale) => locale.code)

    expect(as(['translator'], ['hi'])).toEqual(['en', 'hi'])
    expect(as(['editor'], [])).toEqual(['en', 'hi', 'ta'])
    expect(as(['reviewer', 'translator'], ['hi'])).toEqual(['en', 'hi', 'ta'])
  })
})
