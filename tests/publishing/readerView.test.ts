import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { payloadBesideServer } from '../support/payload'
import { api, login, type ApiResponse } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { translateWhole } from '../localization/support/library'
import { pretendTranslation } from '../support/pretendTranslation'
import { articleData, SEEDED } from '../workflow/builders'
import { readManifest } from './support'

/**
 * Every way a reader (no staff account) reads an article, compared with the published JSON file
 * of the language, in every state a Hindi translation goes through. Transitions go through the
 * product's own endpoints on a real server; the Local API reads come from a Payload instance of
 * this process on the server's database.
 */

let server: RunningServer
let payload: Payload
let specialty: string
const token: Record<keyof typeof SEEDED, string> = {} as never

const HINDI = '[हिन्दी] '
const HINDI_REDRAFT = '[हिन्दी दूसरा मसौदा] '

/** A request; one that found its kept-alive connection closed by the server while the test waited is sent again. */
async function call(pathname: string, options: Parameters<typeof api>[2] = {}): Promise<ApiResponse> {
  try {
    return await api(server.baseURL, pathname, options)
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error
    return api(server.baseURL, pathname, options)
  }
}
const transition = (id: string, who: keyof typeof SEEDED, body: unknown) => call(`/api/articles/${id}/transition`, { token: token[who], body })
const localeTransition = (id: string, who: keyof typeof SEEDED, to: string) => call(`/api/articles/${id}/locales/hi/transition`, { token: token[who], body: { to } })

function ok<T extends { status: number; body: unknown }>(response: T, status = 200): T {
  if (response.status !== status) throw new Error(`Expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`)
  return response
}

async function createPublishedArticle(): Promise<{ id: string; slug: string }> {
  const created = ok(await call('/api/articles?draft=true', { token: token.editor, body: articleData(specialty) }), 201)
  const id = created.body.doc.id as string
  ok(await transition(id, 'editor', { to: 'in_review', changeKind: 'clinical' }))
  ok(await transition(id, 'reviewer', { to: 'approved' }))
  ok(await transition(id, 'editor', { to: 'published' }))
  return { id, slug: created.body.doc.slug }
}

/** Every text of the English draft with a prefix, saved through REST as the Hindi translator. */
async function saveHindiDraft(id: string, prefix: string): Promise<void> {
  const source = ok(await call(`/api/articles/${id}?draft=true&depth=0&locale=en`, { token: token.editor })).body
  ok(await call(`/api/articles/${id}?draft=true&locale=hi`, { method: 'PATCH', token: token.translatorHi, body: pretendTranslation(source, prefix) }))
}

/** An English change of this kind saved as a draft, reviewed and published through the workflow endpoints. */
async function publishEnglishChange(id: string, changeKind: 'cosmetic' | 'clinical', summary: string): Promise<void> {
  ok(await call(`/api/articles/${id}?draft=true&locale=en`, { method: 'PATCH', token: token.editor, body: { summary, changelogNote: `Changed: ${summary}` } }))
  ok(await transition(id, 'editor', { to: 'in_review', changeKind }))
  ok(await transition(id, 'reviewer', { to: 'approved' }))
  ok(await transition(id, 'editor', { to: 'published' }))
}

/** What readers of one language see, reduced to what the published file and the API both say. */
interface Served {
  title: string
  summary: string
  headings: string[]
  contentLocale: string
  state: string
  fallback: boolean
  /** The "Last updated" day the texts carry; a locale=all read has one for every language and leaves it out. */
  lastUpdated?: string | null
}

const publishedFile = (locale: string, slug: string) => {
  const file = path.join(server.env.PUBLISH_DIR, locale, 'articles', `${slug}.json`)
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null
}

function servedByFile(document: any): Served {
  return {
    title: document.title,
    summary: document.summary,
    headings: document.sections.map((section: any) => section.heading),
    contentLocale: document.contentLocale,
    state: document.translation.state,
    fallback: document.translation.fallback,
    lastUpdated: document.lastUpdated?.date ?? null,
  }
}

/** Waits for the jobs queue to publish the Hindi file in the state wanted. */
async function publishedHindi(slug: string, until: (served: Served) => boolean): Promise<Served> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const document = publishedFile('hi', slug)
    if (document && until(servedByFile(document))) return servedByFile(document)
    if (Date.now() > deadline) throw new Error(`The hi file of ${slug} never reached the state wanted; it holds ${JSON.stringify(document && servedByFile(document))}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** A Hindi translation saved, submitted and approved by the people whose steps they are, and its file published; answers the approval. */
async function approveHindi(article: { id: string; slug: string }) {
  await saveHindiDraft(article.id, HINDI)
  ok(await localeTransition(article.id, 'translatorHi', 'in_review'))
  const approval = ok(await localeTransition(article.id, 'reviewer', 'approved')).body
  await publishedHindi(article.slug, (served) => served.contentLocale === 'hi')
  return approval
}

const attempt = <T>(read: () => T): T | null => {
  try {
    return read()
  } catch {
    return null
  }
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex')

/** Waits until the English file says what is wanted and the manifest (written last in a run) records it: the run's other files are final. */
async function publishRunFinished(slug: string, until: (english: any) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000
  const relative = `en/articles/${slug}.json`
  for (;;) {
    const english = publishedFile('en', slug)
    const manifestFile = path.join(server.env.PUBLISH_DIR, 'manifest.json')
    if (english && until(english) && fs.existsSync(manifestFile)) {
      // A part that is not the one manifest.json names was read mid-publish: look again.
      const files = attempt(() => readManifest(server.env.PUBLISH_DIR).files) ?? []
      const entry = files.find((candidate) => candidate.path === relative)
      if (entry?.sha256 === sha256(path.join(server.env.PUBLISH_DIR, relative))) return
    }
    if (Date.now() > deadline) throw new Error(`The publish of ${slug} did not finish within 60 s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

function servedByApi(doc: any, locale = 'hi'): Served {
  return {
    title: doc.title,
    summary: doc.summary,
    headings: (doc.sections ?? []).map((section: any) => section.heading),
    contentLocale: doc.translation?.[locale]?.contentLocale,
    state: doc.translation?.[locale]?.state,
    fallback: doc.translation?.[locale]?.fallback,
    ...(doc.lastUpdated !== undefined ? { lastUpdated: doc.lastUpdated ? String(doc.lastUpdated).slice(0, 10) : null } : {}),
  }
}

function servedInAllLocales(doc: any, locale: string): Served {
  return servedByApi(
    {
      title: doc.title?.[locale],
      summary: doc.summary?.[locale],
      sections: (doc.sections ?? []).map((section: any) => ({ heading: section.heading?.[locale] })),
      translation: doc.translation,
    },
    locale,
  )
}

const graphql = async (query: string) => ok(await call('/api/graphql', { body: { query } })).body

/** Each surface a reader can read an article through, answering what it serves in Hindi. */
function readerSurfaces(id: string): Record<string, () => Promise<{ served: Served; raw: string }>> {
  const fromRest = async (pathname: string, pick: (body: any) => any = (body) => body) => {
    const body = ok(await call(pathname)).body
    return { served: servedByApi(pick(body)), raw: JSON.stringify(body) }
  }
  const fields = 'title summary sections { heading } translation lastUpdated'
  return {
    'REST by id': () => fromRest(`/api/articles/${id}?locale=hi&depth=0`),
    'REST by id asking for drafts': () => fromRest(`/api/articles/${id}?locale=hi&depth=0&draft=true`),
    'REST by id with relations populated (depth=2)': () => fromRest(`/api/articles/${id}?locale=hi&depth=2`),
    'REST list': () => fromRest(`/api/articles?locale=hi&depth=1&where[id][equals]=${id}`, (body) => body.docs[0]),
    'REST locale=all': async () => {
      const body = ok(await call(`/api/articles/${id}?locale=all&depth=0`)).body
      return { served: servedInAllLocales(body, 'hi'), raw: JSON.stringify(body) }
    },
    'GraphQL by id': async () => {
      const body = await graphql(`{ Article(id: "${id}", locale: hi) { ${fields} } }`)
      return { served: servedByApi(body.data.Article), raw: JSON.stringify(body) }
    },
    'GraphQL list': async () => {
      const body = await graphql(`{ Articles(locale: hi, where: { id: { equals: "${id}" } }) { docs { ${fields} } } }`)
      return { served: servedByApi(body.data.Articles.docs[0]), raw: JSON.stringify(body) }
    },
    'Local API without a user': async () => {
      const doc = await payload.findByID({ collection: 'articles', id, locale: 'hi', depth: 0, overrideAccess: false })
      return { served: servedByApi(doc), raw: JSON.stringify(doc) }
    },
    'Local API list without a user': async () => {
      const found = await payload.find({ collection: 'articles', where: { id: { equals: id } }, locale: 'hi', depth: 1, overrideAccess: false })
      return { served: servedByApi(found.docs[0]), raw: JSON.stringify(found) }
    },
    'Local API locale=all without a user': async () => {
      const doc = await payload.findByID({ collection: 'articles', id, locale: 'all', depth: 0, overrideAccess: false })
      return { served: servedInAllLocales(doc, 'hi'), raw: JSON.stringify(doc) }
    },
  }
}

/** Reads every surface and compares each with the Hindi file; names the surface that differs. */
async function expectEverySurfaceServes(id: string, expected: Served, unreviewed: string[]): Promise<void> {
  for (const [surface, read] of Object.entries(readerSurfaces(id))) {
    const { served, raw } = await read()
    const wanted = surface.includes('locale=all') ? { ...expected, lastUpdated: undefined } : expected
    expect({ surface, served }).toEqual({ surface, served: wanted })
    for (const text of unreviewed) expect({ surface, leaks: raw.includes(text) }).toEqual({ surface, leaks: false })
  }
}

/** The ways to article versions and to collections relating to articles: all closed to readers. */
async function expectVersionsAndRelationsClosed(id: string): Promise<void> {
  const versionId = (await payload.findVersions({ collection: 'articles', where: { parent: { equals: id } }, limit: 1, sort: '-updatedAt' })).docs[0].id
  for (const pathname of [
    `/api/articles/versions?locale=hi&where[parent][equals]=${id}`,
    `/api/articles/versions/${versionId}?locale=hi`,
    `/api/article-translations?depth=1&where[article][equals]=${id}`,
    `/api/workflow-events?depth=1&where[article][equals]=${id}`,
    '/api/subscribers?depth=1',
  ]) {
    expect({ pathname, status: (await call(pathname)).status }).toEqual({ pathname, status: 403 })
  }
  const versions = await graphql(`{ versionsArticles(locale: hi, where: { parent: { equals: "${id}" } }) { docs { version { title } } } }`)
  expect(versions.data?.versionsArticles ?? null).toBeNull()
  expect(versions.errors?.length).toBeGreaterThan(0)
  await expect(payload.findVersions({ collection: 'articles', where: { parent: { equals: id } }, locale: 'hi', overrideAccess: false })).rejects.toMatchObject({ status: 403 })
}

beforeAll(async () => {
  server = await startServer('reader-view')
  payload = await payloadBesideServer(server)
  for (const [key, { email, password }] of Object.entries(SEEDED)) token[key as keyof typeof SEEDED] = await login(server.baseURL, email, password)
  const created = ok(
    await call('/api/specialties', {
      token: token.editor,
      body: { slug: 'endocrinology', name: 'Endocrinology', doctorTitle: { singular: 'Endocrinologist', plural: 'Endocrinologists' } },
    }),
    201,
  )
  specialty = created.body.doc.id
}, 900_000)

afterAll(async () => {
  await payload?.destroy()
  await server?.stop()
})

describe('what readers get of a Hindi translation, on every surface', () => {
  let article: { id: string; slug: string }

  beforeAll(async () => {
    article = await createPublishedArticle()
  })

  it('when the Hindi is a translator’s unsubmitted draft and English is republished, then every surface serves the English text flagged as a fallback, as the hi file does', async () => {
    await saveHindiDraft(article.id, HINDI)
    await publishEnglishChange(article.id, 'cosmetic', 'What osteoporosis is, and how it is treated.')

    const file = await publishedHindi(article.slug, (served) => served.summary === 'What osteoporosis is, and how it is treated.')

    expect(file).toMatchObject({ contentLocale: 'en', state: 'in_progress', fallback: true, title: 'Understanding Osteoporosis' })
    await expectEverySurfaceServes(article.id, file, [HINDI])
    await expectVersionsAndRelationsClosed(article.id)
  })

  it('when the Hindi is submitted for review and English is republished, then every surface serves the English fallback, as the hi file does', async () => {
    ok(await localeTransition(article.id, 'translatorHi', 'in_review'))
    await publishEnglishChange(article.id, 'cosmetic', 'What osteoporosis is and how doctors treat it.')

    const file = await publishedHindi(article.slug, (served) => served.summary === 'What osteoporosis is and how doctors treat it.')

    expect(file).toMatchObject({ contentLocale: 'en', state: 'in_review', fallback: true })
    await expectEverySurfaceServes(article.id, file, [HINDI])
    await expectVersionsAndRelationsClosed(article.id)
  })

  it('when a Hindi reviewer approves the translation, then every surface serves the approved Hindi, as the hi file does', async () => {
    ok(await localeTransition(article.id, 'reviewer', 'approved'))

    const file = await publishedHindi(article.slug, (served) => served.contentLocale === 'hi')

    expect(file).toMatchObject({ state: 'approved', fallback: false, title: `${HINDI}Understanding Osteoporosis` })
    expect(file.headings).toEqual([`${HINDI}Introduction`, `${HINDI}Symptoms`])
    await expectEverySurfaceServes(article.id, file, [])
    await expectVersionsAndRelationsClosed(article.id)
  })

  it('when a clinical English change is published after the approval, then the Hindi is withheld on every surface and the English fallback served, as the hi file does', async () => {
    await publishEnglishChange(article.id, 'clinical', 'Osteoporosis: what it is, and the treatments that work.')

    const file = await publishedHindi(article.slug, (served) => served.state === 'outdated')

    expect(file).toMatchObject({ contentLocale: 'en', fallback: true, summary: 'Osteoporosis: what it is, and the treatments that work.' })
    await expectEverySurfaceServes(article.id, file, [HINDI])
    await expectVersionsAndRelationsClosed(article.id)
  })

  it('when staff read the article, then they see the stored texts with no reader view applied', async () => {
    const staff = ok(await call(`/api/articles/${article.id}?locale=hi&depth=0&draft=true`, { token: token.editor })).body

    expect(staff.title).toBe(`${HINDI}Understanding Osteoporosis`)
    expect(staff.translation ?? null).toBeNull()
  })
})

describe('a translation imported from an XLIFF file', () => {
  it('when the Hindi arrives as an imported XLIFF file (in review) and English is republished, then every surface serves the English fallback, as the hi file does', async () => {
    const article = await createPublishedArticle()
    const imported = await translateWhole(server.baseURL, token.translatorHi, article.id, 'hi', HINDI)
    expect(imported).toMatchObject({ state: 'in_review' })
    await publishEnglishChange(article.id, 'cosmetic', 'What osteoporosis is, in short.')
    await publishRunFinished(article.slug, (english) => english.summary === 'What osteoporosis is, in short.')
    const file = servedByFile(publishedFile('hi', article.slug))

    expect(file).toMatchObject({ contentLocale: 'en', state: 'in_review', fallback: true, summary: 'What osteoporosis is, in short.' })
    await expectEverySurfaceServes(article.id, file, [HINDI])
    await expectVersionsAndRelationsClosed(article.id)
  })
})

describe('an approved translation edited again', () => {
  it('when the approved Hindi is edited again without review and English is republished, then every surface still serves the approved Hindi, as the hi file does', async () => {
    const article = await createPublishedArticle()
    await approveHindi(article)

    await saveHindiDraft(article.id, HINDI_REDRAFT)
    await publishEnglishChange(article.id, 'cosmetic', 'What osteoporosis is and how it is treated today.')
    await publishRunFinished(article.slug, (english) => english.summary === 'What osteoporosis is and how it is treated today.')
    const file = servedByFile(publishedFile('hi', article.slug))

    expect(file).toMatchObject({ contentLocale: 'hi', state: 'in_progress', fallback: false, title: `${HINDI}Understanding Osteoporosis` })
    await expectEverySurfaceServes(article.id, file, [HINDI_REDRAFT])
    await expectVersionsAndRelationsClosed(article.id)
  })
})

describe('approved translations outlive version pruning', () => {
  it('when the English article is saved 150 times after the Hindi approval and a cosmetic change is published, then readers still get the approved Hindi in the files and through the API', async () => {
    const article = await createPublishedArticle()
    const approval = await approveHindi(article)

    for (let save = 1; save <= 150; save += 1) {
      ok(await call(`/api/articles/${article.id}?draft=true&locale=en`, { method: 'PATCH', token: token.editor, body: { summary: `Draft ${save} of the summary.` } }))
    }
    await publishEnglishChange(article.id, 'cosmetic', 'What osteoporosis is and how it is treated, in brief.')
    await publishRunFinished(article.slug, (english) => english.summary === 'What osteoporosis is and how it is treated, in brief.')
    const file = servedByFile(publishedFile('hi', article.slug))

    const pruned = await payload.findVersions({ collection: 'articles', where: { id: { equals: approval.versionId } } })
    expect(pruned.docs).toHaveLength(0)
    expect(file).toMatchObject({ contentLocale: 'hi', state: 'approved', fallback: false, title: `${HINDI}Understanding Osteoporosis` })
    const rebuilt = ok(await call(`/api/articles/${article.id}?locale=hi&depth=0`)).body
    expect(servedByApi(rebuilt)).toEqual(file)
  })
})
