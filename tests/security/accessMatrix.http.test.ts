import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'

import { unsubscribeToken } from '../../src/newsletter/tokens'
import { api, login } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { ACCESS_MATRIX, ROLES, type MatrixRow, type Role } from './accessMatrix'
import {
  articleData,
  contentFixtures,
  lockedDocumentData,
  NONEXISTENT_ID,
  pngImage,
  preferenceData,
  subscriberEmail,
  systemRecordData,
  unique,
  userData,
  webhookEndpointData,
} from './support/builders'
import { observe, type MatrixWorld, type Observed } from './support/probes'
import { graphqlSurface, restSurface, type ApiSurface } from './support/surfaces'

type StaffRole = Exclude<Role, 'anonymous' | 'subscriber'>

const STAFF: Record<StaffRole, { email: string; password: string }> = {
  translatorHi: { email: 'translator.hi@vitalpress.example', password: 'vitalpress-staff' },
  reviewerHi: { email: 'reviewer@vitalpress.example', password: 'vitalpress-staff' },
  editor: { email: 'editor@vitalpress.example', password: 'vitalpress-staff' },
  admin: { email: 'admin@vitalpress.example', password: 'vitalpress-admin' },
}
const isStaff = (role: Role): role is StaffRole => role in STAFF

let server: RunningServer
const tokens = {} as Record<StaffRole, string>
let world: MatrixWorld
let surfaces: ApiSurface[]
/** The subscriber's links: the confirmation token from their email and the unsubscribe token of every later email. */
const subscriber = { email: '', id: '', confirmToken: '', unsubscribeToken: '' }
/** Records the custom endpoints act on. */
const endpointTargets = { draft: '', xliff: {} as Record<string, string>, webhookEndpoint: '', preferenceKeys: {} as Partial<Record<StaffRole, string>> }
let nextAddress = 1
/** Notes only the editorial team may read: a reviewer's approval note and the note published with the change. */
const REVIEW_NOTE = 'Private review note 7f3a: dosage table checked against the 2024 guideline'
const PUBLISH_NOTE = 'Private publishing note 9c1e: reviewed by the oncology board'
let publishedWithNotes = ''

const headersOf = (role: Role): Record<string, string> => {
  if (isStaff(role)) return { Authorization: `JWT ${tokens[role]}` }
  // A subscriber holds only the links of their emails; presenting one as a session gets them nothing.
  if (role === 'subscriber') return { Authorization: `JWT ${subscriber.unsubscribeToken}` }
  return {}
}

const asAdmin = (pathname: string, options: { method?: string; body?: unknown } = {}) => api(server.baseURL, pathname, { ...options, token: tokens.admin })

async function created(pathname: string, body: unknown, token = tokens.admin): Promise<string> {
  const response = await api(server.baseURL, pathname, { method: 'POST', body, token })
  if (response.status !== 201) throw new Error(`Setting up ${pathname} failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return String(response.body.doc.id)
}

async function uploadedMedia(): Promise<string> {
  const form = new FormData()
  form.append('_payload', JSON.stringify({ alt: 'A matrix image' }))
  form.append('file', new Blob([new Uint8Array(await pngImage())], { type: 'image/png' }), `matrix-${unique()}.png`)
  const response = await fetch(`${server.baseURL}/api/media`, { method: 'POST', headers: { Authorization: `JWT ${tokens.admin}` }, body: form })
  const body = await response.json()
  if (response.status !== 201) throw new Error(`Uploading failed with ${response.status}: ${JSON.stringify(body)}`)
  return String(body.doc.id)
}

/** Subscribes a fresh address (each from its own client address) and returns the subscriber's id. */
async function subscribed(email = subscriberEmail()): Promise<string> {
  const response = await api(server.baseURL, '/api/newsletter/subscribe', {
    body: { email, locale: 'en', specialties: ['orthopaedics'] },
    headers: { 'X-Forwarded-For': `198.51.100.${nextAddress++ % 250}` },
  })
  if (response.status !== 202) throw new Error(`Subscribing failed with ${response.status}: ${JSON.stringify(response.body)}`)
  const found = await asAdmin(`/api/subscribers?where[email][equals]=${encodeURIComponent(email)}&depth=0`)
  return String(found.body.docs[0].id)
}

async function confirmationToken(email: string): Promise<string> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    for (const file of fs.existsSync(server.env.OUTBOX_DIR) ? fs.readdirSync(server.env.OUTBOX_DIR).filter((name) => name.endsWith('.eml')) : []) {
      const mail = await simpleParser(fs.readFileSync(path.join(server.env.OUTBOX_DIR, file)))
      const to = [mail.to].flat().flatMap((address) => address?.value ?? []).map((value) => value.address)
      const token = /\/api\/newsletter\/confirm\?token=([\w%.-]+)/.exec(mail.text ?? '')?.[1]
      if (to.includes(email) && token) return decodeURIComponent(token)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`No confirmation email reached ${email}`)
}

/** Saves a preference as the role (Payload makes it theirs); its value names its owner. */
async function preferenceOf(role: StaffRole, key = `matrix-${unique()}`): Promise<string> {
  const response = await api(server.baseURL, `/api/payload-preferences/${key}`, { method: 'POST', token: tokens[role], body: { value: { owner: role } } })
  if (response.status !== 200) throw new Error(`Saving a preference failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return String(response.body.doc.id)
}

async function exportedXliff(article: string, locale: string): Promise<string> {
  const response = await api<string>(server.baseURL, `/api/articles/${article}/xliff?locale=${locale}`, { token: tokens.admin })
  if (response.status !== 200) throw new Error(`Exporting ${locale} failed with ${response.status}`)
  return response.body
}

beforeAll(async () => {
  server = await startServer('access-matrix', {
    LOGIN_RATE_LIMIT: '100000',
    NEWSLETTER_SUBSCRIBE_LIMIT: '100000',
    NEWSLETTER_CONFIRM_LIMIT: '100000',
    NEWSLETTER_UNSUBSCRIBE_LIMIT: '100000',
    TRUSTED_PROXY_HOPS: '1',
    JOBS_CRON: '* * * * * *',
  })
  for (const role of Object.keys(STAFF) as StaffRole[]) tokens[role] = await login(server.baseURL, STAFF[role].email, STAFF[role].password)
  const userIds: MatrixWorld['userIds'] = {}
  for (const role of Object.keys(STAFF) as StaffRole[]) userIds[role] = (await api(server.baseURL, '/api/users/me', { token: tokens[role] })).body.user.id

  const specialty = (await asAdmin('/api/specialties?where[slug][equals]=orthopaedics&depth=0')).body.docs[0].id
  const clinic = (await asAdmin('/api/clinics?limit=1&depth=0')).body.docs[0].id
  const published = (await asAdmin('/api/articles?where[slug][equals]=bone-metastases&depth=0')).body.docs[0].id
  const activeDoctor = (await asAdmin('/api/doctors?limit=1&depth=0')).body.docs[0].id
  const draft = await created('/api/articles?draft=true', articleData(specialty), tokens.editor)
  endpointTargets.draft = await created('/api/articles?draft=true', articleData(specialty), tokens.editor)
  endpointTargets.xliff = { hi: await exportedXliff(endpointTargets.draft, 'hi'), ta: await exportedXliff(endpointTargets.draft, 'ta') }
  const otherUser = await created('/api/users', userData())
  const lockUser = userData()
  await created('/api/users', lockUser)
  endpointTargets.webhookEndpoint = await created('/api/webhook-endpoints', webhookEndpointData())
  const preferences = {} as Record<StaffRole, string>
  for (const role of Object.keys(STAFF) as StaffRole[]) {
    endpointTargets.preferenceKeys[role] = `matrix-${role}`
    preferences[role] = await preferenceOf(role, endpointTargets.preferenceKeys[role])
  }

  publishedWithNotes = await created('/api/articles?draft=true', articleData(specialty), tokens.editor)
  for (const [token, body] of [
    [tokens.editor, { to: 'in_review', changeKind: 'editorial' }],
    [tokens.reviewerHi, { to: 'approved', note: REVIEW_NOTE }],
    [tokens.editor, { to: 'published', note: PUBLISH_NOTE }],
  ] as const) {
    const moved = await api(server.baseURL, `/api/articles/${publishedWithNotes}/transition`, { token, body })
    if (moved.status !== 200) throw new Error(`Moving the article to ${body.to} failed with ${moved.status}: ${JSON.stringify(moved.body)}`)
  }

  subscriber.email = subscriberEmail()
  subscriber.id = await subscribed(subscriber.email)
  subscriber.confirmToken = await confirmationToken(subscriber.email)
  subscriber.unsubscribeToken = unsubscribeToken(payloadSecretOf(server), subscriber.id)
  const systemRecords = (surface: Parameters<typeof systemRecordData>[0]) => systemRecordData(surface, { article: published, webhookEndpoint: endpointTargets.webhookEndpoint })
  const systemCollection = (slug: string) => ({ createData: (surface: Parameters<typeof systemRecordData>[0]) => systemRecords(surface)[slug]() })

  world = {
    userIds,
    unlockEmail: lockUser.email,
    globalUpdates: { 'webhook-settings': { allowPrivateAddresses: false } },
    fixtures: {
      ...(await contentFixtures((collection, data, options) => created(`/api/${collection}${options?.draft ? '?draft=true' : ''}`, data), {
        specialty,
        clinic,
        published,
        draft,
        activeDoctor,
      })),
      media: {
        createData: () => ({ alt: 'A matrix image' }),
        file: await pngImage(),
        localized: true,
        publicIds: [await uploadedMedia()],
        updateTarget: await uploadedMedia(),
        updateData: { alt: 'A matrix image, described again' },
        throwaway: async () => ({ other: await uploadedMedia() }),
      },
      users: {
        createData: () => userData(),
        ownIds: userIds,
        privateIds: [otherUser],
        updateTarget: otherUser,
        updateData: { name: `Matrix ${unique()}` },
        throwaway: async () => ({ other: await created('/api/users', userData()) }),
      },
      'workflow-events': systemCollection('workflow-events'),
      'article-translations': systemCollection('article-translations'),
      'newsletter-sends': systemCollection('newsletter-sends'),
      'newsletter-deliveries': systemCollection('newsletter-deliveries'),
      'webhook-deliveries': systemCollection('webhook-deliveries'),
      leases: systemCollection('leases'),
      'payload-kv': systemCollection('payload-kv'),
      subscribers: {
        ...systemCollection('subscribers'),
        privateIds: [subscriber.id],
        updateTarget: await subscribed(),
        updateData: { language: 'hi' },
        throwaway: async () => ({ other: await subscribed() }),
      },
      'webhook-endpoints': {
        createData: (surface) => ({ ...webhookEndpointData(), events: [surface === 'graphql' ? 'article_published' : 'article.published'] }),
        updateTarget: await created('/api/webhook-endpoints', webhookEndpointData()),
        updateData: { name: `Matrix site ${unique()}` },
        throwaway: async () => ({ other: await created('/api/webhook-endpoints', webhookEndpointData()) }),
      },
      'payload-locked-documents': {
        createData: () => lockedDocumentData(clinic, userIds.admin as string),
        updateTarget: await created('/api/payload-locked-documents', lockedDocumentData(clinic, userIds.admin as string)),
        updateData: { globalSlug: null },
        throwaway: async () => ({ other: await created('/api/payload-locked-documents', lockedDocumentData(clinic, userIds.admin as string)) }),
      },
      'payload-preferences': {
        createData: () => preferenceData(userIds.admin as string),
        ownerOf: (doc) => {
          const value = doc.user?.value
          return value && typeof value === 'object' ? String(value.id) : value ? String(value) : undefined
        },
        ownIds: preferences,
        privateIds: [preferences.admin, preferences.editor],
        // Someone else's: the admin's, and for the admin the editor's.
        updateTarget: (role) => (role === 'admin' ? preferences.editor : preferences.admin),
        updateData: { value: { columns: ['title'] } },
        throwaway: async (role) => ({
          other: await preferenceOf(role === 'admin' ? 'editor' : 'admin'),
          ...(isStaff(role) ? { own: await preferenceOf(role) } : {}),
        }),
      },
    },
  }
  surfaces = [restSurface(server.baseURL, headersOf), graphqlSurface(server.baseURL, headersOf, (collection) => collection === 'articles')]
}, 600_000)

afterAll(async () => server?.stop())

/** The secret Payload signs with: a hash of PAYLOAD_SECRET, as Payload derives it. */
const payloadSecretOf = (running: RunningServer) => createHash('sha256').update(running.env.PAYLOAD_SECRET).digest('hex').slice(0, 32)

/** The answer of a custom endpoint, as allowed (`passed`), refused, or something else. */
async function endpointCall(role: Role, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await api(server.baseURL, pathname, { method, body, headers: { ...headersOf(role), ...headers } })
  return response
}

const refusedStatus = (status: number) => status === 401 || status === 403

/** A letter from one call: its access check let it through (`allowed` statuses) or refused it. */
async function single(role: Role, method: string, pathname: string, allowed: number[], body?: unknown, headers?: Record<string, string>): Promise<Observed> {
  const response = await endpointCall(role, method, pathname, body, headers)
  if (allowed.includes(response.status)) return 'A'
  if (refusedStatus(response.status)) return 'D'
  return `unexpected: ${method} ${pathname} answered ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`
}

/** A letter from the same call in hi and in ta: both, hi only (a translator's or reviewer's languages), or neither. */
async function perLocale(role: Role, call: (locale: string) => Promise<{ status: number; body: unknown }>, allowed: number[]): Promise<Observed> {
  const [hi, ta] = [await call('hi'), await call('ta')]
  const passed = (answer: { status: number }) => allowed.includes(answer.status)
  if (passed(hi) && passed(ta)) return 'A'
  if (passed(hi) && refusedStatus(ta.status)) return 'L'
  if (refusedStatus(hi.status) && refusedStatus(ta.status)) return 'D'
  return `unexpected: hi ${hi.status} ${JSON.stringify(hi.body).slice(0, 150)}, ta ${ta.status} ${JSON.stringify(ta.body).slice(0, 150)}`
}

/**
 * A newsletter link: the subscriber uses their own signed token; everyone else has only a forged
 * one. JSON answers carry the refusal's code; the unsubscribe page is HTML and shows the address.
 */
async function withToken(role: Role, method: string, pathname: string, token: string, forged: string, body?: string): Promise<Observed> {
  const response = await fetch(`${server.baseURL}${pathname}?token=${encodeURIComponent(role === 'subscriber' ? token : forged)}`, {
    method,
    headers: { ...headersOf(role), Accept: 'application/json', ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    body,
  })
  const text = await response.text()
  const json = (response.headers.get('content-type') ?? '').includes('json')
  const code = json ? (JSON.parse(text) as { code?: string }).code : undefined
  const succeeded = response.status === 200 && (json || text.includes(subscriber.email))
  if (succeeded) return role === 'subscriber' ? 'T' : `unexpected: a forged token was accepted (${text.slice(0, 200)})`
  if (response.status === 400 && (json ? code === 'NEWSLETTER_TOKEN_INVALID' : !text.includes(subscriber.email))) return 'D'
  return `unexpected: ${method} ${pathname} answered ${response.status} ${text.slice(0, 200)}`
}

const forgedUnsubscribe = () => unsubscribeToken('not-the-server-secret', subscriber.id)

const ENDPOINT_PROBES: Record<string, (role: Role) => Promise<Observed>> = {
  'articles GET /review-due': (role) => single(role, 'GET', '/api/articles/review-due', [200]),
  'articles GET /:id/transition': (role) => single(role, 'GET', `/api/articles/${endpointTargets.draft}/transition`, [200]),
  'articles POST /:id/transition': async (role) => {
    const fresh = await created('/api/articles?draft=true', articleData((await asAdmin('/api/specialties?limit=1&depth=0')).body.docs[0].id), tokens.editor)
    return single(role, 'POST', `/api/articles/${fresh}/transition`, [200], { to: 'in_review', changeKind: 'editorial' })
  },
  'articles GET /:id/translations': (role) => single(role, 'GET', `/api/articles/${endpointTargets.draft}/translations`, [200]),
  'articles GET /:id/xliff': (role) => single(role, 'GET', `/api/articles/${endpointTargets.draft}/xliff?locale=hi`, [200]),
  'articles GET /:id/audit': (role) => single(role, 'GET', `/api/articles/${endpointTargets.draft}/audit?format=json`, [200]),
  // An exported file with no translations in it is refused (422) only after the importer's rights were checked.
  'articles POST /:id/xliff': (role) =>
    perLocale(
      role,
      (locale) => api(server.baseURL, `/api/articles/${endpointTargets.draft}/xliff`, { headers: { ...headersOf(role), 'Content-Type': 'application/xliff+xml' }, rawBody: endpointTargets.xliff[locale] }),
      [422],
    ),
  // With no translation yet, a permitted move answers 409 TRANSLATION_MISSING; a refused one 403.
  'articles POST /:id/locales/:locale/transition': (role) =>
    perLocale(
      role,
      async (locale) => {
        const submit = await endpointCall(role, 'POST', `/api/articles/${endpointTargets.draft}/locales/${locale}/transition`, { to: 'in_review' })
        if (!refusedStatus(submit.status)) return submit
        return endpointCall(role, 'POST', `/api/articles/${endpointTargets.draft}/locales/${locale}/transition`, { to: 'approved' })
      },
      [409],
    ),
  'articles POST /:id/locales/:locale/draft': (role) =>
    perLocale(role, (locale) => endpointCall(role, 'POST', `/api/articles/${endpointTargets.draft}/locales/${locale}/draft`, { units: {}, confirmed: [] }), [200]),
  'users GET /me': async (role) => {
    const response = await endpointCall(role, 'GET', '/api/users/me')
    if (response.status !== 200) return `unexpected: /me answered ${response.status}`
    if (response.body.user === null) return 'D'
    return response.body.user.id === world.userIds[role] ? 'O' : `unexpected: /me answered ${response.body.user.id}`
  },
  'users POST /first-register': (role) => single(role, 'POST', '/api/users/first-register', [200, 201], { ...userData(['admin']) }),
  'users POST /forgot-password': (role) => single(role, 'POST', '/api/users/forgot-password', [200], { email: `nobody-${unique()}@vitalpress.example` }),
  // Sends that do not exist answer 404 once the role check has let the request through.
  'newsletter-sends GET /:id/summary': (role) => single(role, 'GET', `/api/newsletter-sends/${NONEXISTENT_ID}/summary`, [404]),
  'newsletter-sends POST /:id/resume': (role) => single(role, 'POST', `/api/newsletter-sends/${NONEXISTENT_ID}/resume`, [404]),
  'newsletter-sends POST /:id/cancel': (role) => single(role, 'POST', `/api/newsletter-sends/${NONEXISTENT_ID}/cancel`, [404]),
  'newsletter-sends POST /:id/test-email': (role) => single(role, 'POST', `/api/newsletter-sends/${NONEXISTENT_ID}/test-email`, [404]),
  'webhook-endpoints POST /:id/rotate-secret': (role) => single(role, 'POST', `/api/webhook-endpoints/${endpointTargets.webhookEndpoint}/rotate-secret`, [200]),
  'webhook-deliveries POST /:id/redeliver': (role) => single(role, 'POST', `/api/webhook-deliveries/${NONEXISTENT_ID}/redeliver`, [404]),
  'payload-jobs GET /run': (role) => single(role, 'GET', '/api/payload-jobs/run?limit=1', [200]),
  // With no scheduled task Payload answers 500 "no tasks … with schedules", after its access check.
  'payload-jobs GET /handle-schedules': async (role) => {
    const response = await endpointCall(role, 'GET', '/api/payload-jobs/handle-schedules')
    if (refusedStatus(response.status)) return 'D'
    return response.status === 200 || /no tasks or workflows with schedules/.test(response.body?.message ?? '') ? 'A' : `unexpected: ${response.status} ${JSON.stringify(response.body)}`
  },
  // A key names a preference of the person asking; the admin's key gets nobody else the admin's value.
  'payload-preferences GET /:key': async (role) => {
    const key = endpointTargets.preferenceKeys.admin as string
    const response = await endpointCall(role, 'GET', `/api/payload-preferences/${isStaff(role) ? endpointTargets.preferenceKeys[role] : key}`)
    const other = await endpointCall(role, 'GET', `/api/payload-preferences/${role === 'admin' ? endpointTargets.preferenceKeys.editor : key}`)
    const ownerOf = (body: { user?: { value?: unknown } } | null) => (body?.user?.value ? String(body.user.value) : null)
    if (ownerOf(other.body) !== null) return `unexpected: ${role} read the preference of ${ownerOf(other.body)}`
    if (refusedStatus(response.status) || response.body?.value === null) return 'D'
    return ownerOf(response.body) === world.userIds[role] ? 'O' : `unexpected: ${response.status} ${JSON.stringify(response.body)}`
  },
  'payload-preferences DELETE /:key': async (role) => {
    const key = `matrix-${unique()}`
    if (isStaff(role)) await preferenceOf(role, key)
    await preferenceOf('admin', key)
    const response = await endpointCall(role, 'DELETE', `/api/payload-preferences/${key}`)
    const adminsLeft = await api(server.baseURL, `/api/payload-preferences/${key}`, { token: tokens.admin })
    if (role !== 'admin' && adminsLeft.body?.value === null) return `unexpected: ${role} deleted the admin's preference`
    if (refusedStatus(response.status)) return 'D'
    return response.status === 200 ? 'O' : `unexpected: ${response.status} ${JSON.stringify(response.body)}`
  },
  ...Object.fromEntries(
    ['subscribe', 'confirm', 'unsubscribe', 'preferences'].map((name) => [
      `api OPTIONS /newsletter/${name}`,
      (role: Role) => single(role, 'OPTIONS', `/api/newsletter/${name}`, [204], undefined, { Origin: 'https://site.example', 'Access-Control-Request-Method': 'POST' }),
    ]),
  ),
  'api POST /newsletter/subscribe': (role) =>
    single(role, 'POST', '/api/newsletter/subscribe', [202], { email: subscriberEmail(), locale: 'en', specialties: ['orthopaedics'] }, { 'X-Forwarded-For': `203.0.113.${nextAddress++ % 250}` }),
  'api GET /newsletter/confirm': (role) => withToken(role, 'GET', '/api/newsletter/confirm', subscriber.confirmToken, `forged-${unique()}`),
  'api GET /newsletter/unsubscribe': (role) => withToken(role, 'GET', '/api/newsletter/unsubscribe', subscriber.unsubscribeToken, forgedUnsubscribe()),
  'api POST /newsletter/unsubscribe': (role) =>
    withToken(role, 'POST', '/api/newsletter/unsubscribe', subscriber.unsubscribeToken, forgedUnsubscribe(), 'List-Unsubscribe=One-Click'),
  'api GET /newsletter/preferences': (role) => withToken(role, 'GET', '/api/newsletter/preferences', subscriber.unsubscribeToken, forgedUnsubscribe()),
  // No provider secret or SES topic is set on this server, so every caller is refused, whoever they are.
  'api POST /newsletter/bounces/postmark': (role) => single(role, 'POST', '/api/newsletter/bounces/postmark', [200], { RecordType: 'Bounce', Type: 'HardBounce', Email: subscriber.email }),
  'api POST /newsletter/bounces/ses': (role) =>
    single(role, 'POST', '/api/newsletter/bounces/ses', [200], {
      Type: 'Notification',
      MessageId: `message-${unique()}`,
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:vitalpress-bounces',
      Message: JSON.stringify({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: subscriber.email }] } }),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      Signature: 'bm90IGEgc2lnbmF0dXJl',
      SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000.pem',
    }),
  'subscribers POST /:id/lift-suppression': (role) => single(role, 'POST', `/api/subscribers/${subscriber.id}/lift-suppression`, [200, 409]),
  'api POST /newsletter/preferences': (role) =>
    withToken(role, 'POST', '/api/newsletter/preferences', subscriber.unsubscribeToken, forgedUnsubscribe(), 'language=en&specialties=orthopaedics'),
  'api GET /translations/coverage': (role) => single(role, 'GET', '/api/translations/coverage', [200]),
}

const isEndpoint = (row: MatrixRow) => /^(GET|POST|DELETE|OPTIONS) \//.test(row.operation)
const label = (row: MatrixRow) => `${row.target} ${row.operation}`

/** One cell at a time: the writes of one row must not race each other on one record. */
async function observeCells(cell: (role: Role) => Promise<Observed>): Promise<Record<Role, Observed>> {
  const observed = {} as Record<Role, Observed>
  for (const role of ROLES) observed[role] = await cell(role)
  return observed
}

describe('the access matrix over REST and GraphQL (production build)', () => {
  it('when the matrix is read, then every custom endpoint row has a probe here and every probe a row', () => {
    const endpointRows = ACCESS_MATRIX.filter(isEndpoint).map(label).sort()

    expect(Object.keys(ENDPOINT_PROBES).sort()).toEqual(endpointRows)
  })

  describe.each(['rest', 'graphql'] as const)('through %s', (surfaceName) => {
    const rows = ACCESS_MATRIX.filter((row) => !isEndpoint(row) && row.surfaces.includes(surfaceName))

    it.each(rows.map((row) => [label(row), row] as const))('when each role tries %s, then each gets exactly what the matrix says', async (_label, row) => {
      const surface = surfaces.find((candidate) => candidate.name === surfaceName) as ApiSurface

      const observed = await observeCells((role) => observe(surface, row, world, role))

      expect(observed).toEqual(row.expected)
    })
  })

  describe('custom endpoints, through REST', () => {
    const rows = ACCESS_MATRIX.filter(isEndpoint)

    it.each(rows.map((row) => [label(row), row] as const))('when each role calls %s, then each gets exactly what the matrix says', async (_label, row) => {
      const probe = ENDPOINT_PROBES[label(row)]

      const observed = await observeCells(probe)

      expect(observed).toEqual(row.expected)
    })
  })
})

/** Every answer the API gives one role about the library: lists and records at depth 2, custom reads, GraphQL. */
async function crawl(role: Role): Promise<{ source: string; text: string; body: unknown }[]> {
  const collections = [...new Set(ACCESS_MATRIX.map((row) => row.target))].filter((target) => target !== 'api' && !target.startsWith('globals/'))
  const knownIds = Object.values(world.fixtures).flatMap((fixture) => [
    ...(fixture.publicIds ?? []),
    ...(fixture.privateIds ?? []),
    ...Object.values(fixture.ownIds ?? {}),
  ]) as string[]
  const paths = [
    ...collections.map((slug) => `/api/${slug}?depth=2&limit=300&draft=true`),
    ...collections.flatMap((slug) => knownIds.map((id) => `/api/${slug}/${id}?depth=2&draft=true`)),
    `/api/articles/${publishedWithNotes}?depth=2`,
    `/api/articles/${publishedWithNotes}?depth=2&draft=true&locale=all`,
    '/api/articles/versions?depth=2&limit=300',
    '/api/workflow-events?depth=2&limit=300',
    '/api/users/me',
    '/api/globals/webhook-settings',
    '/api/articles/review-due',
    `/api/articles/${publishedWithNotes}/translations`,
    `/api/articles/${publishedWithNotes}/transition`,
    `/api/articles/${publishedWithNotes}/xliff?locale=hi`,
    '/api/translations/coverage',
  ]
  const answers: { source: string; text: string; body: unknown }[] = []
  for (const pathname of paths) {
    const response = await api(server.baseURL, pathname, { headers: headersOf(role) })
    answers.push({ source: `REST ${pathname}`, text: typeof response.body === 'string' ? response.body : JSON.stringify(response.body), body: response.body })
  }
  const queries = [
    '{ Users(limit: 300) { docs { id email sessions { id } } } }',
    `{ Articles(draft: true, limit: 300) { docs { id reviewNote submittedBy { email } reviewedBy { email } author { email } changeAuthors { email } } } }`,
    `{ Article(id: "${publishedWithNotes}") { reviewNote reviewedBy { email } } }`,
    '{ versionsArticles(limit: 300) { docs { version { reviewNote reviewedBy { email } } } } }',
    '{ WorkflowEvents(limit: 300) { docs { note actor { email } } } }',
    '{ ArticleTranslations(limit: 300) { docs { reviewNote translator { email } reviewer { email } } } }',
    '{ Subscribers(limit: 300) { docs { email } } }',
    '{ NewsletterDeliveries(limit: 300) { docs { email } } }',
    '{ WebhookEndpoints(limit: 300) { docs { secret } } }',
  ]
  for (const query of queries) {
    const response = await api(server.baseURL, '/api/graphql', { body: { query }, headers: headersOf(role) })
    answers.push({ source: `GraphQL ${query}`, text: JSON.stringify(response.body), body: response.body })
  }
  return answers
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
/** Keys that hold secrets of accounts and subscriptions; no answer to anyone carries them. */
const SECRET_KEYS = ['hash', 'salt', 'resetPasswordToken', 'resetPasswordExpiration', 'loginAttempts', 'lockUntil', 'confirmationTokenHash', 'confirmationExpiresAt', '_verificationToken', 'apiKey']

function keysIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysIn(item, found))
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      found.add(key)
      keysIn(child, found)
    }
  }
  return found
}

/** Accounts in an answer that carry their sessions: `{ id, sessions: [...] }` objects. */
function sessionHolders(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => sessionHolders(item, found))
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (Array.isArray(record.sessions) && record.sessions.length > 0) found.add(String(record.id))
    Object.values(record).forEach((child) => sessionHolders(child, found))
  }
  return found
}

describe('field-level rules: what no answer carries to a role that should not see it', () => {
  const answers = {} as Record<Role, { source: string; text: string; body: unknown }[]>

  beforeAll(async () => {
    for (const role of ROLES) answers[role] = await crawl(role)
  }, 300_000)

  const ownEmail = (role: Role) => (isStaff(role) ? STAFF[role].email : null)

  it.each(ROLES)('when %s reads everything the API shows them, then the only addresses they see are their own (and, for editors, subscribers’)', (role) => {
    const seen = new Set(answers[role].flatMap((answer) => answer.text.match(EMAIL) ?? []))
    const subscriberAddress = (email: string) => email.endsWith('@readers.example')
    const staffAddress = (email: string) => email.endsWith('@vitalpress.example')

    const foreign = [...seen].filter((email) => {
      if (role === 'admin' || email === ownEmail(role)) return false
      if (role === 'editor' && subscriberAddress(email)) return false
      return true
    })

    expect(foreign).toEqual([])
    if (role === 'admin') expect([...seen].filter(staffAddress).length).toBeGreaterThan(4)
    if (role === 'editor') expect([...seen].some(subscriberAddress)).toBe(true)
  })

  it.each(ROLES)('when %s reads everything, then no password hash, salt, reset token, lock counter or confirmation token is in any answer', (role) => {
    const keys = new Set(answers[role].flatMap((answer) => [...keysIn(answer.body)]))

    expect(SECRET_KEYS.filter((key) => keys.has(key))).toEqual([])
  })

  it.each(ROLES)('when %s reads everything, then the sessions they see are their own only', (role) => {
    const holders = new Set(answers[role].flatMap((answer) => [...sessionHolders(answer.body)]))

    expect([...holders].filter((id) => id !== world.userIds[role])).toEqual([])
  })

  it.each(ROLES)('when %s reads everything, then no webhook secret is in any answer', (role) => {
    expect(answers[role].filter((answer) => answer.text.includes('whsec_')).map((answer) => answer.source)).toEqual([])
  })

  it.each(ROLES)('when %s reads everything, then review notes reach them only if they are on the editorial team', (role) => {
    const withNotes = answers[role].filter((answer) => answer.text.includes(REVIEW_NOTE) || answer.text.includes(PUBLISH_NOTE)).map((answer) => answer.source)

    if (isStaff(role)) expect(withNotes.length).toBeGreaterThan(0)
    else expect(withNotes).toEqual([])
  })

  it('when anyone reads the published article, then it is there without its review notes or who submitted it', async () => {
    const response = await api(server.baseURL, `/api/articles/${publishedWithNotes}?depth=2`)

    expect(response.status).toBe(200)
    expect(response.body).not.toHaveProperty('reviewNote')
    expect(response.body).not.toHaveProperty('submittedBy')
    expect(response.body).not.toHaveProperty('approvedFingerprint')
  })

  it('when someone filters articles by a reviewer’s email, password hash or review note, then the API refuses to query those paths', async () => {
    const [email, hash, note] = await Promise.all(
      ['where[reviewedBy.email][like]=vitalpress', 'where[reviewedBy.hash][exists]=true', 'where[reviewNote][like]=Private'].map((where) => api(server.baseURL, `/api/articles?${where}`)),
    )

    expect([email.status, hash.status, note.status]).toEqual([400, 400, 400])
    expect([email, hash, note].map((response) => response.body.errors[0].message)).toEqual([
      'The following path cannot be queried: email',
      'The following path cannot be queried: hash',
      'The following path cannot be queried: reviewNote',
    ])
  })

  it('when a member of staff filters records by someone’s email through a relationship, then the path cannot be queried (no guessing game); an admin can', async () => {
    const reviewer = encodeURIComponent(STAFF.reviewerHi.email)
    const filters = [
      `/api/articles?where[reviewedBy.email][equals]=${reviewer}&draft=true`,
      `/api/workflow-events?where[actor.email][like]=reviewer`,
      `/api/article-translations?where[translator.email][like]=translator`,
    ]

    const asTranslator = await Promise.all(filters.map((pathname) => api(server.baseURL, pathname, { token: tokens.translatorHi })))
    const asAdmin = await Promise.all(filters.map((pathname) => api(server.baseURL, pathname, { token: tokens.admin })))

    expect(asTranslator.map((response) => [response.status, response.body.errors?.[0]?.message])).toEqual(filters.map(() => [400, 'The following path cannot be queried: email']))
    expect(asAdmin.map((response) => response.status)).toEqual([200, 200, 200])
    expect(asAdmin[0].body.totalDocs).toBeGreaterThan(0)
  })
})
