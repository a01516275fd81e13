import { SEED_USERS, seedPassword } from '../../src/seed/seedUsers'
import { api, login } from '../support/http'
import { sitemapIndexLocations, sitemapProblems } from '../publishing/sitemapCheck'
import { treeProblems } from '../publishing/support'
import { startServer, type RunningServer } from '../support/server'

describe('the running product over HTTP', () => {
  let server: RunningServer

  beforeAll(async () => {
    // As on a fresh clone: no PAYLOAD_SECRET, so `npm start` makes and keeps its own.
    server = await startServer('http', { PAYLOAD_SECRET: '' })
  }, 600_000)
  afterAll(() => server?.stop())

  it('when the product has started, then GET /admin answers 200 with the admin page, which sends a visitor to log in', async () => {
    const response = await fetch(`${server.baseURL}/admin`)
    const page = await response.text()

    expect(response.status).toBe(200)
    expect(page).toContain('/admin/login')
  })

  it('when the product has started, then the published tree validates: every JSON file against its schema, every sitemap against the sitemaps.org schemas with its hreflang links returned', async () => {
    expect(treeProblems(server.env.PUBLISH_DIR)).toEqual([])
    expect(await sitemapProblems(server.env.PUBLISH_DIR, 'http://localhost:4000')).toEqual([])
    expect(sitemapIndexLocations(server.env.PUBLISH_DIR)).toEqual([expect.stringMatching(/^http:\/\/localhost:4000\/en\/sitemaps\/\d{2}\.xml$/)])
  })

  it('when anyone lists articles, then the seeded article is there', async () => {
    const response = await api(server.baseURL, '/api/articles?depth=0')

    expect(response.status).toBe(200)
    expect(response.body.docs.map((doc: { slug: string }) => doc.slug)).toEqual(['bone-metastases'])
  })

  it('when the seeded article is read with locale=all, then its localized fields come back per language, untranslated languages with the English text flagged as a fallback', async () => {
    const response = await api(server.baseURL, '/api/articles?where[slug][equals]=bone-metastases&locale=all&depth=0')

    const article = response.body.docs[0]
    const title = 'Understanding Bone Metastases: Causes, Symptoms, Diagnosis, and Treatment'
    expect(article.title).toEqual({ en: title, hi: title, ta: title })
    expect(article.sections).toHaveLength(8)
    expect(article.sections[0].heading).toEqual({ en: 'Introduction', hi: 'Introduction', ta: 'Introduction' })
    expect(article.translation.hi).toEqual({ contentLocale: 'en', state: 'missing', fallback: true })
    expect(article.translation.en.fallback).toBe(false)
  })

  it.each(SEED_USERS.map((user) => [user.email, user]))('when %s logs in with the seeded password, then a session with their roles comes back', async (_email, user) => {
    const response = await api(server.baseURL, '/api/users/login', { body: { email: user.email, password: seedPassword(user) } })

    expect(response.status).toBe(200)
    expect(response.body.token).toEqual(expect.any(String))
    expect(response.body.user.roles).toEqual(user.roles)
  })

  it('when a wrong password is given, then login is refused', async () => {
    const response = await api(server.baseURL, '/api/users/login', { body: { email: 'editor@vitalpress.example', password: 'wrong-password' } })

    expect(response.status).toBe(401)
    expect(response.body.token).toBeUndefined()
  })

  it('when an editor saves a draft, then an anonymous reader cannot see it by listing, by id or through GraphQL', async () => {
    const token = await login(server.baseURL, 'editor@vitalpress.example', 'vitalpress-staff')
    const specialty = (await api(server.baseURL, '/api/specialties?limit=1')).body.docs[0].id
    const created = await api(server.baseURL, '/api/articles?draft=true', {
      token,
      body: { slug: 'osteoporosis-draft', title: 'Osteoporosis (draft)', summary: 'Work in progress.', specialty, sections: [] },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id

    const list = await api(server.baseURL, '/api/articles?draft=true&depth=0')
    const byId = await api(server.baseURL, `/api/articles/${id}?draft=true`)
    const graphql = await api(server.baseURL, '/api/graphql', { body: { query: '{ Articles(draft: true) { docs { slug } } }' } })
    const asEditor = await api(server.baseURL, `/api/articles/${id}?draft=true`, { token })

    expect(list.body.docs.map((doc: { slug: string }) => doc.slug)).toEqual(['bone-metastases'])
    expect(byId.status).toBe(404)
    expect(graphql.body.data.Articles.docs).toEqual([{ slug: 'bone-metastases' }])
    expect(asEditor.body.slug).toBe('osteoporosis-draft')
  })

  it('when an anonymous visitor asks for users over REST or GraphQL, then no account is returned', async () => {
    const rest = await api(server.baseURL, '/api/users')
    const graphql = await api(server.baseURL, '/api/graphql', { body: { query: '{ Users { docs { email } } }' } })

    expect(rest.status).toBe(403)
    expect(JSON.stringify(graphql.body)).not.toContain('@vitalpress.example')
    expect(graphql.body.errors?.[0]?.message).toMatch(/not allowed/i)
  })
})
