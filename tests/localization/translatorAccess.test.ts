import { api } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { prefixText, readDraft, seedArticle, signInStaff, transitionLocale, translationsOf, withTargets, type SeedArticle, type Staff } from './support/library'

let server: RunningServer
let staff: Staff
let article: SeedArticle

beforeAll(async () => {
  server = await startServer('l10n-access')
  staff = await signInStaff(server.baseURL)
  article = await seedArticle(server.baseURL, staff.editor)
}, 600_000)

afterAll(async () => server?.stop())

const patch = (token: string, query: string, body: unknown) => api(server.baseURL, `/api/articles/${article.id}?${query}`, { method: 'PATCH', token, body })

const graphql = (token: string, query: string) => api(server.baseURL, '/api/graphql', { token, body: { query } })

describe('a translator writes only their own language', () => {
  it('when the hi translator saves hi texts as a draft, then they are stored in hi and English is untouched', async () => {
    const response = await patch(staff.translatorHi, 'locale=hi&draft=true', { title: 'अस्थि मेटास्टेसिस को समझना' })

    expect(response.status).toBe(200)
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'hi')).title).toBe('अस्थि मेटास्टेसिस को समझना')
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'en')).title).toMatch(/^Understanding Bone Metastases/)
  })

  it('when the hi translator writes ta texts, then the server answers 403 and ta stays empty', async () => {
    const response = await patch(staff.translatorHi, 'locale=ta&draft=true', { title: 'எலும்பு' })

    expect(response.status).toBe(403)
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'ta')).title ?? null).toBeNull()
  })

  it('when the hi translator changes a non-localized field, then the server answers 403 naming the field and nothing changes', async () => {
    const response = await patch(staff.translatorHi, 'locale=hi&draft=true', { slug: 'renamed-by-translator', title: 'बदला हुआ' })

    expect(response.status).toBe(403)
    expect(response.body.errors[0].data).toEqual({ code: 'TRANSLATOR_SHARED_FIELD', fields: ['slug'] })
    const draft = await readDraft(server.baseURL, staff.editor, article.id, 'hi')
    expect(draft.slug).toBe('bone-metastases')
    expect(draft.title).not.toBe('बदला हुआ')
  })

  it('when the hi translator removes a section (the shared structure), then the server answers 403', async () => {
    const draft = await readDraft(server.baseURL, staff.editor, article.id, 'hi')
    const response = await patch(staff.translatorHi, 'locale=hi&draft=true', { sections: draft.sections.slice(1) })

    expect(response.status).toBe(403)
    expect(response.body.errors[0].data.code).toBe('TRANSLATOR_SHARED_FIELD')
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'en')).sections).toHaveLength(article.sectionIds.length)
  })

  it('when the hi translator sends every field back unchanged with a new section heading, then only the heading is saved', async () => {
    const draft = await readDraft(server.baseURL, staff.editor, article.id, 'hi')
    draft.sections[0].heading = 'परिचय'

    const response = await patch(staff.translatorHi, 'locale=hi&draft=true', { ...draft, id: undefined, _status: undefined })

    expect(response.status).toBe(200)
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'hi')).sections[0].heading).toBe('परिचय')
  })

  it('when the hi translator saves without draft or asks to publish, then each is refused with 403', async () => {
    const live = await patch(staff.translatorHi, 'locale=hi', { title: 'प्रकाशित' })
    const published = await patch(staff.translatorHi, 'locale=hi&draft=true', { title: 'प्रकाशित', _status: 'published' })
    const transition = await api(server.baseURL, `/api/articles/${article.id}/transition`, { token: staff.translatorHi, body: { to: 'published' } })

    expect([live.status, published.status, transition.status]).toEqual([403, 403, 403])
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'hi')).title).not.toBe('प्रकाशित')
  })

  it('when the hi translator writes through GraphQL, then hi is allowed and ta is forbidden', async () => {
    const allowed = await graphql(staff.translatorHi, `mutation { updateArticle(id: "${article.id}", locale: hi, draft: true, data: { summary: "हड्डियों में फैला कैंसर" }) { summary } }`)
    const refused = await graphql(staff.translatorHi, `mutation { updateArticle(id: "${article.id}", locale: ta, draft: true, data: { summary: "எலும்பு" }) { summary } }`)

    expect(allowed.body.errors).toBeUndefined()
    expect(allowed.body.data.updateArticle.summary).toBe('हड्डियों में फैला कैंसर')
    expect(refused.body.errors[0]).toMatchObject({ extensions: { statusCode: 403 } })
    expect(refused.body.data?.updateArticle ?? null).toBeNull()
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'ta')).summary ?? null).toBeNull()
  })
})

describe('approving translations', () => {
  it('when the translator submits hi, then the hi translator cannot approve it, a reviewer without ta cannot approve ta, and the hi reviewer can approve hi', async () => {
    const submitted = await transitionLocale(server.baseURL, staff.translatorHi, article.id, 'hi', { to: 'in_review' })
    const byTranslator = await transitionLocale(server.baseURL, staff.translatorHi, article.id, 'hi', { to: 'approved' })
    const taByReviewer = await transitionLocale(server.baseURL, staff.reviewer, article.id, 'ta', { to: 'approved' })
    const approved = await transitionLocale(server.baseURL, staff.reviewer, article.id, 'hi', { to: 'approved', note: 'Reads well.' })

    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({ locale: 'hi', from: 'in_progress', state: 'in_review' })
    expect(byTranslator.status).toBe(403)
    expect(byTranslator.body.code).toBe('LOCALE_TRANSITION_NOT_PERMITTED')
    expect(taByReviewer.status).toBe(403)
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ state: 'approved', status: { publishable: true, approvedVersionId: expect.any(String) } })
  })

  it('when the locale transition is recorded, then the workflow events hold the approval with locale, revision and version', async () => {
    const events = await api(server.baseURL, `/api/workflow-events?where[article][equals]=${article.id}&where[locale][equals]=hi&sort=createdAt&depth=0`, { token: staff.editor })

    expect(events.body.docs.map((event: { from: string; to: string }) => `${event.from}→${event.to}`)).toEqual(['missing→in_progress', 'in_progress→in_review', 'in_review→approved'])
    expect(events.body.docs[2]).toMatchObject({ locale: 'hi', to: 'approved', revision: expect.any(Number), versionId: expect.any(String) })
  })
})

describe('one rule on every path that writes a translation', () => {
  type Writer = 'reviewer' | 'translatorTa'
  const PATHS: Record<string, (token: string) => Promise<{ status: number; body: any }>> = {
    'the article form': (token) => patch(token, 'locale=hi&draft=true', { title: 'समीक्षक का शीर्षक' }),
    'the side-by-side editor': (token) =>
      api(server.baseURL, `/api/articles/${article.id}/locales/hi/draft`, { token, body: { units: { title: 'समीक्षक का शीर्षक' }, confirmed: [] } }),
    'an XLIFF import': async (token) => {
      const exported = await api<string>(server.baseURL, `/api/articles/${article.id}/xliff?locale=hi`, { token: staff.editor })
      return api(server.baseURL, `/api/articles/${article.id}/xliff`, { token, rawBody: withTargets(exported.body, prefixText('समीक्षक ')), headers: { 'Content-Type': 'application/xliff+xml' } })
    },
  }
  const WRITERS: Array<{ writer: Writer; who: string }> = [
    { writer: 'reviewer', who: 'reviewer of en and hi' },
    { writer: 'translatorTa', who: 'ta translator' },
  ]
  const cases = WRITERS.flatMap(({ writer, who }) => Object.keys(PATHS).map((path) => ({ writer, who, path })))

  /** The hi texts, the hi translation's state and the audit trail: a refused write changes none of them. */
  async function hiSnapshot() {
    const events = await api(server.baseURL, `/api/workflow-events?where[article][equals]=${article.id}&limit=0`, { token: staff.editor })
    return { draft: await readDraft(server.baseURL, staff.editor, article.id, 'hi'), translation: (await translationsOf(server.baseURL, staff.editor, article.id)).hi, events: events.body.totalDocs }
  }

  it.each(cases)('when the $who writes hi through $path, then the server answers 403 and nothing is written', async ({ writer, path }) => {
    const before = await hiSnapshot()

    const response = await PATHS[path](staff[writer])

    expect(response.status).toBe(403)
    if (path !== 'the article form') expect(response.body.code).toBe('TRANSLATION_NOT_PERMITTED')
    expect(await hiSnapshot()).toEqual(before)
  })

  it('when the reviewer corrects the English source through the form, then it is saved: the rule covers translations only', async () => {
    const response = await patch(staff.reviewer, 'locale=en&draft=true', { summary: 'A clinician’s correction of the summary.' })

    expect(response.status).toBe(200)
    expect((await readDraft(server.baseURL, staff.editor, article.id, 'en')).summary).toBe('A clinician’s correction of the summary.')
  })
})
