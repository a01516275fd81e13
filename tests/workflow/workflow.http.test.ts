import { addMonths, daysUntil } from '../../src/workflow/reviewDates'
import { api, login } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { articleData, SEEDED, SEEDED_ARTICLE_STATE } from './builders'

let server: RunningServer
const token: Record<keyof typeof SEEDED, string> = {} as never
const userId: Record<keyof typeof SEEDED, string> = {} as never
let specialty: string

const call = (path: string, options: Parameters<typeof api>[2] = {}) => api(server.baseURL, path, options)
const transition = (id: string, who: keyof typeof SEEDED, body: unknown) => call(`/api/articles/${id}/transition`, { token: token[who], body })
const editDraft = (id: string, who: keyof typeof SEEDED, data: Record<string, unknown>) =>
  call(`/api/articles/${id}?draft=true`, { method: 'PATCH', token: token[who], body: data })
const latestDraft = async (id: string) => (await call(`/api/articles/${id}?draft=true&depth=0`, { token: token.editor })).body
const publicArticle = (id: string) => call(`/api/articles/${id}?depth=0`)
const eventsOf = async (id: string) =>
  (await call(`/api/workflow-events?where[article][equals]=${id}&sort=createdAt&limit=100&depth=0`, { token: token.editor })).body.docs as Array<Record<string, any>>

async function createArticle(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await call('/api/articles?draft=true', { token: token.editor, body: articleData(specialty, overrides) })
  if (response.status !== 201) throw new Error(`Creating an article failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return response.body.doc.id
}

/** Walks a new article through review to `approved`, as the seeded editor and reviewer. */
async function approvedArticle(changeKind = 'clinical', overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await createArticle(overrides)
  expect((await transition(id, 'editor', { to: 'in_review', changeKind })).status).toBe(200)
  expect((await transition(id, 'reviewer', { to: 'approved' })).status).toBe(200)
  return id
}

async function publishedArticle(): Promise<string> {
  const id = await approvedArticle()
  expect((await transition(id, 'editor', { to: 'published' })).status).toBe(200)
  return id
}

beforeAll(async () => {
  server = await startServer('workflow')
  for (const [key, { email, password }] of Object.entries(SEEDED)) {
    const who = key as keyof typeof SEEDED
    token[who] = await login(server.baseURL, email, password)
    userId[who] = (await call('/api/users/me', { token: token[who] })).body.user.id
  }
  const created = await call('/api/specialties', {
    token: token.editor,
    body: { slug: 'rheumatology', name: 'Rheumatology', doctorTitle: { singular: 'Rheumatologist', plural: 'Rheumatologists' }, reviewIntervalMonths: 6 },
  })
  specialty = created.body.doc.id
}, 900_000)

afterAll(async () => {
  await server?.stop()
})

describe('the review workflow over HTTP', () => {
  it('when an article goes draft → in_review → approved → published, then each step answers 200 and readers see revision 1 with honest dates', async () => {
    const startedAt = Date.now()
    const id = await createArticle()
    expect((await publicArticle(id)).status).toBe(404)

    const submitted = await transition(id, 'editor', { to: 'in_review', changeKind: 'clinical', note: 'New article.' })
    const approvedResponse = await transition(id, 'reviewer', { to: 'approved', note: 'Checked against the 2024 guideline.' })
    const published = await transition(id, 'editor', { to: 'published' })

    expect(submitted).toMatchObject({ status: 200, body: { workflowState: 'in_review', changeKind: 'clinical' } })
    expect(approvedResponse).toMatchObject({ status: 200, body: { workflowState: 'approved' } })
    expect(approvedResponse.body.nextReviewDue).toBe(addMonths(new Date(approvedResponse.body.lastReviewed), 6).toISOString())
    expect(published).toMatchObject({ status: 200, body: { workflowState: 'published', revision: 1, clinicalRevision: 1 } })
    expect(Date.parse(published.body.lastUpdated)).toBeGreaterThanOrEqual(startedAt)
    const live = await publicArticle(id)
    expect(live).toMatchObject({ status: 200, body: { _status: 'published', workflowState: 'published', revision: 1, reviewedBy: userId.reviewer } })
    expect(live.body.nextReviewDue).toBe(approvedResponse.body.nextReviewDue)
    for (const privateField of ['reviewNote', 'submittedBy', 'changeAuthors', 'approvedFingerprint', 'sourceFingerprint', 'approvedVersionId']) {
      expect(live.body).not.toHaveProperty(privateField)
    }
  })

  it('when an article goes through review, then the audit trail has one record per transition, in order, with the right actor', async () => {
    const id = await createArticle()
    await transition(id, 'editor', { to: 'in_review', changeKind: 'editorial' })
    await transition(id, 'reviewer', { to: 'changes_requested', note: 'Add the fracture risk section.' })
    await transition(id, 'editor', { to: 'in_review' })
    await transition(id, 'reviewer', { to: 'approved' })
    const published = await transition(id, 'editor', { to: 'published', note: 'Going live.' })

    const events = await eventsOf(id)

    expect(events.map(({ from, to, actor, changeKind }) => ({ from, to, actor, changeKind }))).toEqual([
      { from: 'draft', to: 'in_review', actor: userId.editor, changeKind: 'editorial' },
      { from: 'in_review', to: 'changes_requested', actor: userId.reviewer, changeKind: 'editorial' },
      { from: 'changes_requested', to: 'in_review', actor: userId.editor, changeKind: 'editorial' },
      { from: 'in_review', to: 'approved', actor: userId.reviewer, changeKind: 'editorial' },
      { from: 'approved', to: 'published', actor: userId.editor, changeKind: 'editorial' },
    ])
    expect(events[1].note).toBe('Add the fracture risk section.')
    expect(events[4]).toMatchObject({ revision: 1, versionId: published.body.versionId, note: 'Going live.' })
    expect(events.every((event) => !event.locale)).toBe(true)
  })

  it('when a reviewer edits an article in review and then tries to approve it, then the approval is refused as their own change (403)', async () => {
    const id = await createArticle()
    await transition(id, 'editor', { to: 'in_review', changeKind: 'editorial' })

    const edited = await editDraft(id, 'reviewer', { summary: 'What osteoporosis is, who gets it and how it is treated.' })
    const offered = await call(`/api/articles/${id}/transition`, { token: token.reviewer })
    const approval = await transition(id, 'reviewer', { to: 'approved' })

    expect(edited.status).toBe(200)
    expect((await latestDraft(id)).workflowState).toBe('in_review')
    expect(offered.body.actions).toEqual([])
    expect(approval).toMatchObject({ status: 403, body: { code: 'WORKFLOW_OWN_CHANGE' } })
    expect((await latestDraft(id)).workflowState).toBe('in_review')
  })

  it('when the content is edited after approval, then the article is back in review and publishing the unapproved edit is refused (409)', async () => {
    const id = await approvedArticle()

    const edited = await editDraft(id, 'editor', { summary: 'An unreviewed claim about a new treatment.' })
    const draftAfterEdit = await latestDraft(id)
    const publish = await transition(id, 'editor', { to: 'published' })

    expect(edited.status).toBe(200)
    expect(draftAfterEdit.workflowState).toBe('in_review')
    expect(publish.status).toBe(409)
    expect(publish.body).toMatchObject({ code: 'WORKFLOW_TRANSITION_INVALID', details: { currentState: 'in_review', allowedNextStates: ['approved', 'changes_requested'] } })
    expect(publish.body.message).toContain('"in_review"')
    expect(publish.body.message).toContain('"approved", "changes_requested"')
    expect((await publicArticle(id)).status).toBe(404)
    const events = await eventsOf(id)
    expect(events.at(-1)).toMatchObject({ from: 'approved', to: 'in_review', actor: userId.editor })
  })

  it('when an editor tries to approve, then it is refused for the role (403)', async () => {
    const id = await createArticle()
    await transition(id, 'editor', { to: 'in_review', changeKind: 'cosmetic' })

    const response = await transition(id, 'editor', { to: 'approved' })

    expect(response).toMatchObject({ status: 403, body: { code: 'WORKFLOW_ROLE_FORBIDDEN' } })
    expect(response.body.message).toContain('reviewer')
  })

  it('when a translator tries any transition, then it is refused (403) and nothing is offered', async () => {
    const id = await createArticle()

    const submit = await transition(id, 'translatorHi', { to: 'in_review', changeKind: 'editorial' })
    const publish = await transition(id, 'translatorHi', { to: 'published' })
    const offered = await call(`/api/articles/${id}/transition`, { token: token.translatorHi })

    expect(submit).toMatchObject({ status: 403, body: { code: 'WORKFLOW_ROLE_FORBIDDEN' } })
    expect(publish).toMatchObject({ status: 403, body: { code: 'WORKFLOW_ROLE_FORBIDDEN' } })
    expect(offered.body).toMatchObject({ workflowState: 'draft', actions: [] })
    expect((await latestDraft(id)).workflowState).toBe('draft')
  })

  it('when the body is malformed, then the answer is 400 and says what is wrong', async () => {
    const id = await createArticle()

    const notJson = await call(`/api/articles/${id}/transition`, { method: 'POST', token: token.editor, rawBody: '{"to": "in_review",' })
    const unknownState = await transition(id, 'editor', { to: 'live' })
    const noNote = await transition(id, 'reviewer', { to: 'changes_requested' })
    const noKind = await transition(id, 'editor', { to: 'in_review' })

    expect(notJson).toMatchObject({ status: 400, body: { code: 'WORKFLOW_BODY_INVALID' } })
    expect(unknownState).toMatchObject({ status: 400, body: { code: 'WORKFLOW_BODY_INVALID' } })
    expect(unknownState.body.message).toContain('in_review')
    expect(noNote).toMatchObject({ status: 400, body: { code: 'WORKFLOW_NOTE_REQUIRED' } })
    expect(noKind).toMatchObject({ status: 400, body: { code: 'WORKFLOW_CHANGE_KIND_REQUIRED' } })
    expect((await latestDraft(id)).workflowState).toBe('draft')
  })

  it('when nobody is signed in, then a transition is refused with 401', async () => {
    const id = await createArticle()

    expect(await call(`/api/articles/${id}/transition`, { body: { to: 'in_review', changeKind: 'editorial' } })).toMatchObject({ status: 401 })
  })

  it('when a clinical change has no changelog note, then submitting it is refused (409) until one is written', async () => {
    const id = await createArticle({ changelogNote: '' })

    const refused = await transition(id, 'editor', { to: 'in_review', changeKind: 'clinical' })
    await editDraft(id, 'editor', { changelogNote: 'New article on osteoporosis.' })
    const accepted = await transition(id, 'editor', { to: 'in_review', changeKind: 'clinical' })

    expect(refused).toMatchObject({ status: 409, body: { code: 'WORKFLOW_CHANGELOG_NOTE_REQUIRED' } })
    expect(accepted.status).toBe(200)
  })

  it('when a reviewer approves, then they may raise the kind of change but not lower it', async () => {
    const lowered = await createArticle()
    await transition(lowered, 'editor', { to: 'in_review', changeKind: 'editorial' })
    const raised = await createArticle()
    await transition(raised, 'editor', { to: 'in_review', changeKind: 'cosmetic' })

    const lowering = await transition(lowered, 'reviewer', { to: 'approved', changeKind: 'cosmetic' })
    const raising = await transition(raised, 'reviewer', { to: 'approved', changeKind: 'editorial' })

    expect(lowering).toMatchObject({ status: 409, body: { code: 'WORKFLOW_CHANGE_KIND_LOWERED' } })
    expect(raising).toMatchObject({ status: 200, body: { workflowState: 'approved', changeKind: 'editorial' } })
  })
})

describe('going around the workflow', () => {
  it('when an approved article is published through a plain REST update, then it is refused and readers still see nothing', async () => {
    const id = await approvedArticle()

    const patch = await call(`/api/articles/${id}`, { method: 'PATCH', token: token.editor, body: { _status: 'published' } })
    const patchDraftFalse = await call(`/api/articles/${id}?draft=false`, { method: 'PATCH', token: token.admin, body: { _status: 'published' } })

    expect(patch.status).toBe(403)
    expect(patchDraftFalse.status).toBe(403)
    expect(JSON.stringify(patch.body)).toContain('transition')
    expect((await publicArticle(id)).status).toBe(404)
  })

  it('when an approved article is published through GraphQL, then it is refused and readers still see nothing', async () => {
    const id = await approvedArticle()

    const response = await call('/api/graphql', {
      token: token.editor,
      body: { query: `mutation { updateArticle(id: "${id}", data: { _status: published }) { id _status } }` },
    })

    expect(response.body.errors?.[0]?.message).toMatch(/review workflow/)
    expect((await publicArticle(id)).status).toBe(404)
  })

  it('when an article is created already published, or a published one is unpublished through _status, then both are refused', async () => {
    const created = await call('/api/articles', { token: token.editor, body: { ...articleData(specialty), _status: 'published' } })
    const id = await publishedArticle()
    const unpublish = await call(`/api/articles/${id}`, { method: 'PATCH', token: token.editor, body: { _status: 'draft' } })

    expect(created.status).toBe(403)
    expect(unpublish.status).toBe(403)
    expect((await publicArticle(id)).status).toBe(200)
  })

  it('when someone sends workflow fields in a draft save, then they are ignored', async () => {
    const id = await createArticle()

    await editDraft(id, 'editor', { workflowState: 'approved', approvedFingerprint: 'forged', revision: 41, lastUpdated: '2020-01-01T00:00:00.000Z' })

    expect(await latestDraft(id)).toMatchObject({ workflowState: 'draft', revision: 0 })
    expect((await latestDraft(id)).lastUpdated ?? null).toBeNull()
    expect((await transition(id, 'editor', { to: 'published' })).status).toBe(409)
  })
})

describe('"last updated", revisions and the end of an article', () => {
  it('when a published article gets a cosmetic and then an editorial change, then only the editorial publish moves "last updated"', async () => {
    const id = await publishedArticle()
    const first = (await publicArticle(id)).body

    await editDraft(id, 'editor', { summary: 'What osteoporosis is, and how it is treated.' })
    expect((await latestDraft(id)).workflowState).toBe('draft')
    await transition(id, 'editor', { to: 'in_review', changeKind: 'cosmetic' })
    await transition(id, 'reviewer', { to: 'approved' })
    const cosmetic = await transition(id, 'editor', { to: 'published' })
    await editDraft(id, 'editor', { title: 'Understanding Osteoporosis and Bone Loss' })
    await transition(id, 'editor', { to: 'in_review', changeKind: 'editorial' })
    await transition(id, 'reviewer', { to: 'approved' })
    const editorial = await transition(id, 'editor', { to: 'published' })

    expect(cosmetic.body).toMatchObject({ revision: 2, clinicalRevision: 1, lastUpdated: first.lastUpdated })
    expect(editorial.body).toMatchObject({ revision: 3, clinicalRevision: 1 })
    expect(Date.parse(editorial.body.lastUpdated)).toBeGreaterThan(Date.parse(first.lastUpdated))
    expect((await publicArticle(id)).body).toMatchObject({ title: 'Understanding Osteoporosis and Bone Loss', revision: 3, changeKind: 'editorial' })
  })

  it('when a published article is unpublished, archived and reopened, then readers lose it and the trail records each step', async () => {
    const id = await publishedArticle()

    const unpublished = await transition(id, 'editor', { to: 'unpublished', note: 'Withdrawn pending new evidence.' })
    const goneForReaders = await publicArticle(id)
    const archived = await transition(id, 'admin', { to: 'archived' })
    const reopened = await transition(id, 'editor', { to: 'draft' })

    expect(unpublished).toMatchObject({ status: 200, body: { workflowState: 'unpublished', revision: 1 } })
    expect(goneForReaders.status).toBe(404)
    expect(archived).toMatchObject({ status: 200, body: { workflowState: 'archived' } })
    expect(reopened).toMatchObject({ status: 200, body: { workflowState: 'draft', changeKind: null } })
    expect((await eventsOf(id)).slice(-3).map(({ to, actor }) => ({ to, actor }))).toEqual([
      { to: 'unpublished', actor: userId.editor },
      { to: 'archived', actor: userId.admin },
      { to: 'draft', actor: userId.editor },
    ])
  })
})

describe('the seeded library and the review-due list', () => {
  it('when the product starts on an empty database, then bone-metastases is published as revision 1, last updated 3 Jul 2025', async () => {
    const response = await call('/api/articles?where[slug][equals]=bone-metastases&depth=0')

    expect(response.body.docs[0]).toMatchObject(SEEDED_ARTICLE_STATE)
  })

  it('when an editor asks for the reviews due, then the never-reviewed seeded article comes first and the rest are sorted by due date within 30 days', async () => {
    const freshlyReviewed = await approvedArticle()

    const response = await call('/api/articles/review-due', { token: token.editor })

    expect(response.status).toBe(200)
    const seeded = (await call('/api/articles?where[slug][equals]=bone-metastases&depth=0')).body.docs[0]
    expect(response.body.docs[0]).toMatchObject({ id: seeded.id, neverReviewed: true, overdue: true, nextReviewDue: null, daysUntilDue: null })
    const dated = response.body.docs.filter((entry: { neverReviewed: boolean }) => !entry.neverReviewed)
    const dueDates = dated.map((entry: { nextReviewDue: string }) => entry.nextReviewDue)
    expect(dueDates).toEqual([...dueDates].sort())
    expect(dated.every((entry: { nextReviewDue: string }) => daysUntil(new Date(entry.nextReviewDue), new Date(response.body.asOf)) <= 30)).toBe(true)
    expect(response.body.docs.map((entry: { id: string }) => entry.id)).not.toContain(freshlyReviewed)
    expect(response.body.withinDays).toBe(30)
  })

  it('when a translator or a stranger asks for the reviews due, then they are refused', async () => {
    expect((await call('/api/articles/review-due', { token: token.translatorHi })).status).toBe(403)
    expect((await call('/api/articles/review-due')).status).toBe(401)
  })
})
