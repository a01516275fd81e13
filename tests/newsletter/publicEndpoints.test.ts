import { createHash } from 'node:crypto'

import { unsubscribeToken } from '../../src/newsletter/tokens'
import { api, login } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { startSmtpServer, type ReceivedMessage, type TestSmtpServer } from '../support/smtpServer'

const SUBSCRIBE_LIMIT = 10
const SITE_ORIGIN = 'https://health.example'
const OTHER_ORIGIN = 'https://elsewhere.example'

describe('public newsletter endpoints over HTTP', () => {
  let smtp: TestSmtpServer
  let server: RunningServer
  let adminToken: string
  let nextIp = 1

  /** Each request from its own client address (the test server trusts one proxy hop), unless one is given. */
  const subscribe = (body: unknown, ip = `198.51.100.${nextIp++}`, rawBody?: string) =>
    api(server.baseURL, '/api/newsletter/subscribe', { method: 'POST', body: rawBody === undefined ? body : undefined, rawBody, headers: { 'X-Forwarded-For': ip } })

  const messagesTo = (address: string): ReceivedMessage[] => smtp.accepted.filter((message) => message.recipients.includes(address))

  async function waitForMessages(address: string, count: number): Promise<ReceivedMessage[]> {
    for (let attempt = 0; attempt < 240; attempt += 1) {
      if (messagesTo(address).length >= count) return messagesTo(address)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    throw new Error(`${address} received ${messagesTo(address).length} of ${count} expected emails`)
  }

  /**
   * Waits until the confirmation jobs queued so far have run, so "no further email" can be
   * asserted: the queue runs jobs oldest first, so once two later markers' emails (the second
   * queued after the first arrived) have come, every earlier job has run.
   */
  async function waitForQueueToDrain(): Promise<void> {
    for (const marker of ['marker-one@example.test', 'marker-two@example.test']) {
      await subscribe({ email: marker, locale: 'en', specialties: ['orthopaedics'] })
      await waitForMessages(marker, 1)
    }
  }

  async function subscriberNamed(email: string) {
    const found = await api(server.baseURL, `/api/subscribers?where[email][equals]=${encodeURIComponent(email)}&depth=0`, { token: adminToken })
    return found.body.docs[0]
  }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    server = await startServer('newsletter-http', {
      SMTP_URL: smtp.url,
      TRUSTED_PROXY_HOPS: '1',
      NEWSLETTER_SUBSCRIBE_LIMIT: String(SUBSCRIBE_LIMIT),
      JOBS_CRON: '* * * * * *',
      NEWSLETTER_ALLOWED_ORIGINS: `${SITE_ORIGIN}, https://second-site.example`,
    })
    adminToken = await login(server.baseURL, 'admin@vitalpress.example', 'vitalpress-admin')
  }, 300_000)

  afterAll(async () => {
    await server?.stop()
    await smtp?.stop()
  })

  it('when a reader subscribes, then a confirmation email in their language arrives, its link confirms them, following it again says they are already subscribed, and nothing else is sent before', async () => {
    const email = 'asha.reader@example.test'

    const response = await subscribe({ email: 'Asha.Reader@Example.test ', locale: 'hi', specialties: ['orthopaedics'], source: 'site-footer' })
    const [message] = await waitForMessages(email, 1)
    const mail = await message.parse()
    const link = /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w%.-]+/.exec(mail.text ?? '')?.[0] ?? ''
    const pending = await subscriberNamed(email)
    const confirmed = await fetch(`${server.baseURL}${new URL(link).pathname}${new URL(link).search}`)
    const page = await confirmed.text()
    const again = await api(server.baseURL, `${new URL(link).pathname}${new URL(link).search}`, { headers: { Accept: 'application/json' } })

    expect(response.status).toBe(202)
    expect(mail.subject).toBe('वाइटलप्रेस स्वास्थ्य पुस्तकालय की सदस्यता की पुष्टि करें')
    expect(mail.html).toContain(link.replace(/&/g, '&amp;'))
    expect(pending.status).toBe('pending')
    expect(pending.consent.source).toBe('site-footer')
    expect(pending.confirmationTokenHash).toBeUndefined()
    expect(confirmed.status).toBe(200)
    expect(page).toContain('lang="hi"')
    expect(page).toContain('धन्यवाद')
    expect((await subscriberNamed(email)).status).toBe('confirmed')
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ status: 'already-confirmed' })
    expect(messagesTo(email)).toHaveLength(1)
  })

  it('when the same address is subscribed 20 times, then every answer is the same 202 and only 3 confirmation emails are sent that day', async () => {
    const email = 'many.times@example.test'

    const responses = []
    for (let index = 0; index < 20; index += 1) responses.push(await subscribe({ email, locale: 'en', specialties: ['orthopaedics'] }))
    await waitForMessages(email, 3)
    await waitForQueueToDrain()

    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202))
    expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).toBe(1)
    expect(messagesTo(email)).toHaveLength(3)
  })

  it('when a known and an unknown address subscribe, then both get the same answer', async () => {
    const known = await subscribe({ email: 'asha.reader@example.test', locale: 'en', specialties: ['orthopaedics'] })
    const unknown = await subscribe({ email: 'nobody.yet@example.test', locale: 'en', specialties: ['orthopaedics'] })

    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(known.body).toEqual(unknown.body)
  })

  it('when one client sends 20 subscribe requests, then those over the limit are answered 429 with Retry-After', async () => {
    const ip = '203.0.113.7'

    const responses = []
    for (let index = 0; index < 20; index += 1) responses.push(await subscribe({ email: `flood${index}@example.test`, locale: 'en', specialties: ['orthopaedics'] }, ip))

    expect(responses.slice(0, SUBSCRIBE_LIMIT).map((response) => response.status)).toEqual(Array(SUBSCRIBE_LIMIT).fill(202))
    expect(responses.slice(SUBSCRIBE_LIMIT).map((response) => response.status)).toEqual(Array(20 - SUBSCRIBE_LIMIT).fill(429))
    expect(Number(responses[SUBSCRIBE_LIMIT].headers.get('retry-after'))).toBeGreaterThan(0)
    expect(responses[SUBSCRIBE_LIMIT].body.code).toBe('RATE_LIMITED')
  })

  it('when the email is invalid, the locale unknown, the topic unknown or the body oversized, then each is refused with a clear code', async () => {
    const badEmail = await subscribe({ email: 'not-an-address', locale: 'en', specialties: ['orthopaedics'] })
    const badLocale = await subscribe({ email: 'fine@example.test', locale: 'xx', specialties: ['orthopaedics'] })
    const badTopic = await subscribe({ email: 'fine@example.test', locale: 'en', specialties: ['astrology'] })
    const notJson = await subscribe(undefined, undefined, '{"email":')
    const oversized = await subscribe(undefined, undefined, JSON.stringify({ email: 'big@example.test', locale: 'en', specialties: ['orthopaedics'], padding: 'x'.repeat(64 * 1024) }))

    expect([badEmail.status, badEmail.body.code]).toEqual([400, 'NEWSLETTER_EMAIL_INVALID'])
    expect([badLocale.status, badLocale.body.code]).toEqual([400, 'NEWSLETTER_LOCALE_UNKNOWN'])
    expect(badLocale.body.message).toContain('en, hi, ta')
    expect([badTopic.status, badTopic.body.code]).toEqual([400, 'NEWSLETTER_TOPIC_UNKNOWN'])
    expect([notJson.status, notJson.body.code]).toEqual([400, 'NEWSLETTER_BODY_INVALID'])
    expect([oversized.status, oversized.body.code]).toEqual([413, 'NEWSLETTER_BODY_TOO_LARGE'])
  })

  it('when a reader opens the unsubscribe link, then a localized page asks first; a one-click POST unsubscribes at once without login', async () => {
    const subscriber = await subscriberNamed('asha.reader@example.test')
    // The link every email carries: the subscriber id signed with the server's secret, as Payload derives it.
    const secret = createHash('sha256').update(server.env.PAYLOAD_SECRET).digest('hex').slice(0, 32)
    const path = `/api/newsletter/unsubscribe?token=${encodeURIComponent(unsubscribeToken(secret, subscriber.id))}`

    const shown = await fetch(`${server.baseURL}${path}`, { headers: { 'X-Forwarded-For': '192.0.2.10' } })
    const page = await shown.text()
    const afterShowing = await subscriberNamed('asha.reader@example.test')
    const oneClick = await fetch(`${server.baseURL}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '192.0.2.10' },
      body: 'List-Unsubscribe=One-Click',
    })
    const forged = await fetch(`${server.baseURL}/api/newsletter/unsubscribe?token=${encodeURIComponent(unsubscribeToken('wrong-secret', subscriber.id))}`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-Forwarded-For': '192.0.2.11' },
    })

    expect(shown.status).toBe(200)
    expect(page).toContain('lang="hi"')
    expect(page).toContain('सदस्यता समाप्त करें')
    expect(page).toContain('name="specialties"')
    expect(afterShowing.status).toBe('confirmed')
    expect(oneClick.status).toBe(200)
    expect((await subscriberNamed('asha.reader@example.test')).status).toBe('unsubscribed')
    expect(forged.status).toBe(400)
  })

  it('when a reader changes preferences from the unsubscribe page instead, then language and topics are saved and they receive updates again', async () => {
    const subscriber = await subscriberNamed('asha.reader@example.test')
    const secret = createHash('sha256').update(server.env.PAYLOAD_SECRET).digest('hex').slice(0, 32)
    const token = encodeURIComponent(unsubscribeToken(secret, subscriber.id))

    const saved = await fetch(`${server.baseURL}/api/newsletter/preferences?token=${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '192.0.2.12' },
      body: 'language=ta&specialties=orthopaedics',
    })
    const page = await saved.text()
    const after = await subscriberNamed('asha.reader@example.test')

    expect(saved.status).toBe(200)
    expect(page).toContain('lang="ta"')
    expect(after).toMatchObject({ language: 'ta', status: 'confirmed' })
    expect(after.specialties).toHaveLength(1)
  })

  it('when a listed site calls the public endpoints from the browser, then preflights and answers carry its origin; another origin and the rest of the API are not allowed', async () => {
    const preflight = (pathname: string, origin: string, method = 'POST') =>
      fetch(`${server.baseURL}${pathname}`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' },
      })
    const subscribeFrom = (origin: string, body: unknown) =>
      api(server.baseURL, '/api/newsletter/subscribe', { method: 'POST', body, headers: { Origin: origin, 'X-Forwarded-For': `198.51.100.${nextIp++}` } })

    const sitePreflight = await preflight('/api/newsletter/subscribe', SITE_ORIGIN)
    const otherPreflight = await preflight('/api/newsletter/subscribe', OTHER_ORIGIN)
    const linkPreflights = await Promise.all([
      preflight('/api/newsletter/confirm', SITE_ORIGIN, 'GET'),
      preflight('/api/newsletter/unsubscribe', SITE_ORIGIN),
      preflight('/api/newsletter/preferences', SITE_ORIGIN),
    ])
    const fromSite = await subscribeFrom(SITE_ORIGIN, { email: 'cors.reader@example.test', locale: 'en', specialties: ['orthopaedics'] })
    const refusedFromSite = await subscribeFrom(SITE_ORIGIN, { email: 'not-an-address', locale: 'en', specialties: ['orthopaedics'] })
    const fromOther = await subscribeFrom(OTHER_ORIGIN, { email: 'cors.other@example.test', locale: 'en', specialties: ['orthopaedics'] })
    const restOfApi = await fetch(`${server.baseURL}/api/articles?limit=1`, { headers: { Origin: SITE_ORIGIN } })
    const restOfApiPreflight = await preflight('/api/articles', SITE_ORIGIN, 'GET')

    expect(sitePreflight.status).toBe(204)
    expect(sitePreflight.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN)
    expect(sitePreflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS')
    expect(sitePreflight.headers.get('access-control-allow-headers')).toContain('Content-Type')
    expect(sitePreflight.headers.get('access-control-allow-credentials')).toBeNull()
    // Allow-Origin is what lets a browser hand the answer to the page. (Payload itself adds its generic
    // Allow-Methods and Allow-Headers to every API answer, which grant nothing without it.)
    expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull()
    expect(linkPreflights.map((response) => response.headers.get('access-control-allow-origin'))).toEqual([SITE_ORIGIN, SITE_ORIGIN, SITE_ORIGIN])
    expect(linkPreflights[1].headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
    expect(fromSite.status).toBe(202)
    expect(fromSite.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN)
    expect(fromSite.headers.get('vary')).toContain('Origin')
    expect([refusedFromSite.status, refusedFromSite.headers.get('access-control-allow-origin')]).toEqual([400, SITE_ORIGIN])
    expect(fromOther.status).toBe(202)
    expect(fromOther.headers.get('access-control-allow-origin')).toBeNull()
    expect(restOfApi.headers.get('access-control-allow-origin')).toBeNull()
    expect(restOfApiPreflight.headers.get('access-control-allow-origin')).toBeNull()
  })
})
