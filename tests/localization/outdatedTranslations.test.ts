import { api } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import {
  addStaff,
  readDraft,
  seedArticle,
  signInStaff,
  transitionLocale,
  translateWhole,
  translationsOf,
  type SeedArticle,
  type Staff,
} from './support/library'

let server: RunningServer
let staff: Staff
let reviewerTa: string
let article: SeedArticle

type Draft = { sections: Array<{ id: string; heading: string; content: Array<{ blockType: string; body?: { root: { children: Array<{ children: Array<{ text: string }> }> } } }> }> }

/** An editor changes the English source, and it goes through review to publication as `changeKind`. */
async function publishSourceChange(changeKind: 'clinical' | 'editorial', change: (draft: Draft) => void, note: string) {
  const draft = (await readDraft(server.baseURL, staff.editor, article.id, 'en')) as Draft
  change(draft)
  const saved = await api(server.baseURL, `/api/articles/${article.id}?locale=en&draft=true`, {
    method: 'PATCH',
    token: staff.editor,
    body: { sections: draft.sections, changelogNote: note },
  })
  expect(saved.status).toBe(200)
  for (const [token, body] of [
    [staff.editor, { to: 'in_review', changeKind }],
    [staff.reviewer, { to: 'approved' }],
    [staff.editor, { to: 'published' }],
  ] as const) {
    const moved = await api(server.baseURL, `/api/articles/${article.id}/transition`, { token, body })
    if (moved.status !== 200) throw new Error(`Moving the article to ${body.to} failed with ${moved.status}: ${JSON.stringify(moved.body)}`)
  }
}

const reviseFirstParagraph = (sectionIndex: number, addition: string) => (draft: Draft) => {
  const prose = draft.sections[sectionIndex].content.find((block) => block.blockType === 'prose')
  const textNode = prose?.body?.root.children[0].children[0] as { text: string }
  textNode.text += addition
}

beforeAll(async () => {
  server = await startServer('l10n-outdated')
  staff = await signInStaff(server.baseURL)
  reviewerTa = await addStaff(server.baseURL, staff.admin, { email: 'reviewer.ta@vitalpress.example', roles: ['reviewer'], languages: ['ta'] })
  article = await seedArticle(server.baseURL, staff.editor)
  await translateWhole(server.baseURL, staff.translatorHi, article.id, 'hi', 'हि ')
  await translateWhole(server.baseURL, staff.translatorTa, article.id, 'ta', 'த ')
  expect((await transitionLocale(server.baseURL, staff.reviewer, article.id, 'hi', { to: 'approved' })).status).toBe(200)
  expect((await transitionLocale(server.baseURL, reviewerTa, article.id, 'ta', { to: 'approved' })).status).toBe(200)
}, 900_000)

afterAll(async () => server?.stop())

describe('outdated translations', () => {
  it('when both translations are approved, then both are approved and publishable with nothing outdated', async () => {
    const locales = await translationsOf(server.baseURL, staff.editor, article.id)

    for (const locale of ['hi', 'ta']) {
      expect(locales[locale]).toMatchObject({ state: 'approved', publishable: true, flagged: false, outdatedSections: [], untranslatedSections: [] })
    }
  })

  it('when section 3 is changed clinically in en and published, then hi and ta are outdated and withheld with exactly section 3 listed', async () => {
    await publishSourceChange('clinical', reviseFirstParagraph(2, ' Recent studies add obesity as a risk factor.'), 'Added a risk factor.')

    const locales = await translationsOf(server.baseURL, staff.editor, article.id)

    for (const locale of ['hi', 'ta']) {
      expect(locales[locale]).toMatchObject({ state: 'outdated', publishable: false, outdatedSections: [article.sectionIds[2]], outdatedFields: [] })
    }
  })

  it('when the coverage matrix is filtered to outdated, then the article is listed with both locales outdated', async () => {
    const coverage = await api(server.baseURL, '/api/translations/coverage?state=outdated', { token: staff.translatorHi })

    expect(coverage.status).toBe(200)
    expect(coverage.body.articles).toEqual([
      expect.objectContaining({ slug: 'bone-metastases', locales: { hi: expect.objectContaining({ state: 'outdated', outdatedSections: [article.sectionIds[2]] }), ta: expect.objectContaining({ state: 'outdated' }) } }),
    ])
    expect(coverage.body.totals.hi.outdated).toBe(1)
  })

  it('when the hi translator submits without updating section 3, then it is refused naming the section', async () => {
    const refused = await transitionLocale(server.baseURL, staff.translatorHi, article.id, 'hi', { to: 'in_review' })

    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'TRANSLATION_OUTDATED', message: expect.stringContaining(article.sectionIds[2]) })
  })

  it('when the hi translator updates section 3 and a reviewer approves it again, then hi is approved and publishable while ta stays outdated', async () => {
    const hi = (await readDraft(server.baseURL, staff.editor, article.id, 'hi')) as Draft
    reviseFirstParagraph(2, ' हाल के अध्ययनों में मोटापा भी एक जोखिम कारक है।')(hi)
    const saved = await api(server.baseURL, `/api/articles/${article.id}?locale=hi&draft=true`, { method: 'PATCH', token: staff.translatorHi, body: { sections: hi.sections } })
    expect(saved.status).toBe(200)
    expect((await transitionLocale(server.baseURL, staff.translatorHi, article.id, 'hi', { to: 'in_review' })).status).toBe(200)
    expect((await transitionLocale(server.baseURL, staff.reviewer, article.id, 'hi', { to: 'approved' })).status).toBe(200)

    const locales = await translationsOf(server.baseURL, staff.editor, article.id)

    expect(locales.hi).toMatchObject({ state: 'approved', publishable: true, outdatedSections: [] })
    expect(locales.ta).toMatchObject({ state: 'outdated', publishable: false })
  })

  it('when section 5 is changed editorially and published, then hi stays approved and publishable with exactly section 5 flagged', async () => {
    await publishSourceChange('editorial', reviseFirstParagraph(4, ' (Wording clarified.)'), 'Clarified wording.')

    const locales = await translationsOf(server.baseURL, staff.editor, article.id)

    expect(locales.hi).toMatchObject({ state: 'approved', publishable: true, flagged: true, outdatedSections: [article.sectionIds[4]] })
    expect(locales.ta.outdatedSections).toEqual([article.sectionIds[2], article.sectionIds[4]])
  })

  it('when the hi translator exports only what is outdated, then the file holds exactly the units of section 5', async () => {
    const exported = await api<string>(server.baseURL, `/api/articles/${article.id}/xliff?locale=hi&outdatedOnly=true`, { token: staff.translatorHi })

    const unitIds = [...exported.body.matchAll(/<unit id="([^"]+)"/g)].map((match) => match[1])
    expect(unitIds.length).toBeGreaterThan(0)
    expect(unitIds.filter((id) => id !== 'changelogNote').every((id) => id.startsWith(`s.${article.sectionIds[4]}.`))).toBe(true)
  })
})
