import type { Payload } from 'payload'

import { createHash } from 'node:crypto'

import { confirmationToken } from '../../src/newsletter/tokens'
import type { TestSmtpServer } from '../support/smtpServer'
import { runDueJobs } from './builders'
import { PUBLIC_ADDRESSES, startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

/*
 * Confirmation links as a reader follows them: the subscribe and confirm endpoints' own handlers
 * answer real requests, and the links are read from the emails a real SMTP server received.
 */

let smtp: TestSmtpServer
let library: MailingLibrary
let payload: Payload

/** Calls the product's endpoint for `method path` with a real Request, as the HTTP server would. */
async function call(method: 'get' | 'post', url: string, init: RequestInit = {}): Promise<Response> {
  const { pathname, searchParams } = new URL(url)
  const path = pathname.replace(/^\/api/, '')
  const endpoint = payload.config.endpoints.find((candidate) => candidate.path === path && candidate.method === method)
  const request = new Request(url, { method: method.toUpperCase(), ...init })
  return endpoint!.handler(Object.assign(request, { payload, searchParams, routeParams: {} }) as never)
}

const subscribe = (email: string, locale = 'en') =>
  call('post', 'https://cms.example/api/newsletter/subscribe', {
    body: JSON.stringify({ email, locale, specialties: ['orthopaedics'] }),
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.9' },
  })

/** The confirmation links in the emails `email` received, oldest first. */
async function confirmationLinks(email: string): Promise<string[]> {
  const parsed = await smtp.mailTo(email)
  return parsed.map((mail) => /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w%.-]+/.exec(mail.text ?? '')?.[0] ?? '')
}

const subscriberNamed = async (email: string) => (await payload.find({ collection: 'subscribers', where: { email: { equals: email } }, depth: 0, overrideAccess: true })).docs[0]

const titleOf = (html: string) => /<title>([^<]*) · /.exec(html)?.[1]

beforeAll(async () => {
  library = await startMailingLibrary('newsletter-confirm-links', { env: { NEWSLETTER_PUBLIC_URL: PUBLIC_ADDRESSES.NEWSLETTER_PUBLIC_URL } })
  smtp = library.smtp
  payload = library.payload
})

afterAll(async () => {
  await stopMailingLibrary(library)
})

describe('confirmation links', () => {
  it('when a reader subscribed twice and follows the first email’s link, then they are confirmed; the second email’s link then says they are already subscribed', async () => {
    const email = 'twice@example.test'
    await subscribe(email)
    await runDueJobs(payload)
    await subscribe(email)
    await runDueJobs(payload)
    const [first, second] = await confirmationLinks(email)

    const firstAnswer = await call('get', first)
    const firstPage = await firstAnswer.text()
    const confirmed = await subscriberNamed(email)
    const secondAnswer = await call('get', second)
    const secondPage = await secondAnswer.text()

    expect(first).not.toBe(second)
    expect(firstAnswer.status).toBe(200)
    expect(titleOf(firstPage)).toBe('Subscription confirmed')
    expect(confirmed.status).toBe('confirmed')
    expect(secondAnswer.status).toBe(200)
    expect(titleOf(secondPage)).toBe('You are already subscribed')
    expect(secondPage).toContain('twice@example.test already receives an email')
    expect(await subscriberNamed(email)).toEqual(confirmed)
  })

  it('when a reader subscribed twice and follows the second email’s link first, then it confirms them just as well', async () => {
    const email = 'second-first@example.test'
    await subscribe(email, 'hi')
    await runDueJobs(payload)
    await subscribe(email, 'hi')
    await runDueJobs(payload)
    const [first, second] = await confirmationLinks(email)

    const secondAnswer = await call('get', second, { headers: { Accept: 'application/json' } })
    const firstAnswer = await call('get', first)
    const firstPage = await firstAnswer.text()

    expect(await secondAnswer.json()).toEqual({ status: 'confirmed' })
    expect((await subscriberNamed(email)).status).toBe('confirmed')
    expect(firstAnswer.status).toBe(200)
    expect(firstPage).toContain('lang="hi"')
    expect(titleOf(firstPage)).toBe('आपकी सदस्यता पहले से है')
  })

  it('when a link’s token is forged or altered, then the page is titled "Confirmation link not valid" and the subscription record is unchanged', async () => {
    const email = 'forged@example.test'
    await subscribe(email)
    await runDueJobs(payload)
    const [link] = await confirmationLinks(email)
    const before = await subscriberNamed(email)
    const token = decodeURIComponent(new URL(link).searchParams.get('token') ?? '')
    const forged = confirmationToken('not-the-server-secret', String(before.id), Date.now() + 3_600_000)
    const altered = `${Buffer.from(`${before.id}:${Date.now() + 999 * 3_600_000}`).toString('base64url')}.${token.split('.')[1]}`

    const answers = await Promise.all(
      [forged, altered, 'garbage'].map((candidate) => call('get', `https://cms.example/api/newsletter/confirm?token=${encodeURIComponent(candidate)}`)),
    )
    const pages = await Promise.all(answers.map((answer) => answer.text()))
    const json = await call('get', `https://cms.example/api/newsletter/confirm?token=${encodeURIComponent(forged)}`, { headers: { Accept: 'application/json' } })

    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400])
    expect(pages.map(titleOf)).toEqual(Array(3).fill('Confirmation link not valid'))
    for (const page of pages) expect(page).not.toContain('Subscription confirmed')
    expect(await json.json()).toMatchObject({ code: 'NEWSLETTER_TOKEN_INVALID' })
    expect(await subscriberNamed(email)).toEqual(before)
  })

  it('when a link has expired, then the page is titled "Confirmation link expired", says to subscribe again, and the subscription record is unchanged', async () => {
    const email = 'expired@example.test'
    await subscribe(email)
    await runDueJobs(payload)
    const before = await subscriberNamed(email)
    // A link signed with the server's secret whose 48 hours are over, as an old email holds it.
    const expired = confirmationToken(payload.secret, String(before.id), Date.now() - 1000)

    const answer = await call('get', `https://cms.example/api/newsletter/confirm?token=${encodeURIComponent(expired)}`)
    const page = await answer.text()

    expect(answer.status).toBe(410)
    expect(titleOf(page)).toBe('Confirmation link expired')
    expect(page).toContain('This confirmation link has expired. Subscribe again to get a new one.')
    expect(await subscriberNamed(email)).toEqual(before)
    expect(before.status).toBe('pending')
  })

  it('when a reader who left follows an unexpired confirmation link, then it is refused and they stay unsubscribed', async () => {
    const email = 'left@example.test'
    await subscribe(email)
    await runDueJobs(payload)
    const [link] = await confirmationLinks(email)
    await call('get', link)
    const subscriber = await subscriberNamed(email)
    await payload.update({ collection: 'subscribers', id: subscriber.id, data: { status: 'unsubscribed' }, overrideAccess: true })
    const before = await subscriberNamed(email)

    const answer = await call('get', link)

    expect(answer.status).toBe(400)
    expect(titleOf(await answer.text())).toBe('Confirmation link not valid')
    expect(await subscriberNamed(email)).toEqual(before)
  })

  it('when a link from an email sent before links were signed is followed, then it confirms while unexpired and is refused as expired after', async () => {
    const stored = (email: string, token: string, expiresAt: number) =>
      payload.create({
        collection: 'subscribers',
        overrideAccess: true,
        depth: 0,
        data: {
          email,
          language: 'en',
          status: 'pending',
          specialties: [],
          consent: { requestedAt: new Date().toISOString(), source: 'test' },
          // As earlier versions kept it: only the hash of the emailed token, with the link's expiry.
          confirmationTokenHash: createHash('sha256').update(token).digest('hex'),
          confirmationExpiresAt: new Date(expiresAt).toISOString(),
        } as never,
      })
    await stored('older-link@example.test', 'older-random-token', Date.now() + 3_600_000)
    await stored('older-expired@example.test', 'older-expired-token', Date.now() - 1000)
    const expiredBefore = await subscriberNamed('older-expired@example.test')

    const valid = await call('get', 'https://cms.example/api/newsletter/confirm?token=older-random-token')
    const expired = await call('get', 'https://cms.example/api/newsletter/confirm?token=older-expired-token')

    expect(valid.status).toBe(200)
    expect((await subscriberNamed('older-link@example.test')).status).toBe('confirmed')
    expect(expired.status).toBe(410)
    expect(await subscriberNamed('older-expired@example.test')).toEqual(expiredBefore)
  })

  it('when an unsubscribe link is not valid, then its page is titled "Link not valid", not "Unsubscribe"', async () => {
    const answer = await call('get', 'https://cms.example/api/newsletter/unsubscribe?token=forged.token')

    expect(answer.status).toBe(400)
    expect(titleOf(await answer.text())).toBe('Link not valid')
  })
})
