import fs from 'node:fs'
import path from 'node:path'

import { api, login, type ApiResponse } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { articleData, SEEDED } from './builders'

const PUBLISHES = 6
const EDITED = 6
const EDITS_EACH = 5

let server: RunningServer
const token = {} as Record<keyof typeof SEEDED, string>
let specialty: string

const call = (pathname: string, options: Parameters<typeof api>[2] = {}) => api(server.baseURL, pathname, options)

async function createArticle(title: string): Promise<{ id: string; slug: string }> {
  const response = await call('/api/articles?draft=true', { token: token.editor, body: articleData(specialty, { title }) })
  if (response.status !== 201) throw new Error(`Creating an article failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return { id: response.body.doc.id, slug: response.body.doc.slug }
}

async function approved(title: string): Promise<{ id: string; slug: string }> {
  const article = await createArticle(title)
  for (const [who, body] of [
    ['editor', { to: 'in_review', changeKind: 'clinical' }],
    ['reviewer', { to: 'approved' }],
  ] as const) {
    const response = await call(`/api/articles/${article.id}/transition`, { token: token[who], body })
    if (response.status !== 200) throw new Error(`${body.to} failed with ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return article
}

beforeAll(async () => {
  server = await startServer('workflow-concurrency')
  for (const [key, { email, password }] of Object.entries(SEEDED)) token[key as keyof typeof SEEDED] = await login(server.baseURL, email, password)
  const created = await call('/api/specialties', {
    token: token.editor,
    body: { slug: 'nephrology', name: 'Nephrology', doctorTitle: { singular: 'Nephrologist', plural: 'Nephrologists' } },
  })
  specialty = created.body.doc.id
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

describe('writes at the same time', () => {
  it(`when ${PUBLISHES} publishes and ${EDITED} editors saving ${EDITS_EACH} drafts each run at once while the jobs queue publishes, then every request succeeds, nothing reports a busy database, and no write is lost`, async () => {
    const toPublish: Array<{ id: string; slug: string }> = []
    for (let index = 0; index < PUBLISHES; index += 1) toPublish.push(await approved(`Kidney stones ${index}`))
    const toEdit: Array<{ id: string; slug: string }> = []
    for (let index = 0; index < EDITED; index += 1) toEdit.push(await createArticle(`Dialysis ${index}`))
    const outputBefore = server.output().length

    const responses: Array<{ what: string; response: ApiResponse }> = []
    const publishing = toPublish.map(async ({ id }) => {
      responses.push({ what: `publish ${id}`, response: await call(`/api/articles/${id}/transition`, { token: token.editor, body: { to: 'published' } }) })
    })
    const editing = toEdit.map(async ({ id }, index) => {
      for (let edit = 1; edit <= EDITS_EACH; edit += 1) {
        const response = await call(`/api/articles/${id}?draft=true`, { method: 'PATCH', token: token.editor, body: { summary: `Draft ${index}, edit ${edit}.` } })
        responses.push({ what: `edit ${id} #${edit}`, response })
      }
    })
    // The specialty's change queues the directory's publish, which runs alongside the articles'.
    const directory = call(`/api/specialties/${specialty}`, { method: 'PATCH', token: token.admin, body: { reviewIntervalMonths: 9 } }).then((response) => {
      responses.push({ what: 'specialty', response })
    })
    await Promise.all([...publishing, ...editing, directory])

    expect(responses.filter(({ response }) => response.status !== 200).map(({ what, response }) => ({ what, status: response.status, body: response.body }))).toEqual([])
    expect(responses).toHaveLength(PUBLISHES + EDITED * EDITS_EACH + 1)

    for (const [index, { id }] of toEdit.entries()) {
      const draft = await call(`/api/articles/${id}?draft=true&depth=0`, { token: token.editor })
      expect({ id, summary: draft.body.summary }).toEqual({ id, summary: `Draft ${index}, edit ${EDITS_EACH}.` })
    }
    for (const { id } of toPublish) {
      const live = await call(`/api/articles/${id}?depth=0`)
      const events = await call(`/api/workflow-events?where[article][equals]=${id}&where[to][equals]=published&depth=0`, { token: token.editor })
      expect({ id, status: live.status, revision: live.body.revision, published: events.body.totalDocs }).toEqual({ id, status: 200, revision: 1, published: 1 })
    }

    // The queue, running in the server meanwhile, writes every published article's file.
    const deadline = Date.now() + 60_000
    const missing = () => toPublish.filter(({ slug }) => !fs.existsSync(path.join(server.env.PUBLISH_DIR, 'en', 'articles', `${slug}.json`)))
    while (missing().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
    expect(missing()).toEqual([])
    expect(server.output().slice(outputBefore)).not.toMatch(/SQLITE_BUSY|DATABASE_BUSY|database is locked|cannot begin transaction/i)
  }, 240_000)
})
