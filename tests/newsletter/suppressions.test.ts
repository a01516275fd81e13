import type { Payload } from 'payload'

import type { Subscriber } from '../../src/payload-types'
import { api } from '../support/http'
import { aPublishEvent, aSubscriber, runDueJobs, seedArticle } from './builders'
import { serveRootEndpoints, type EndpointServer } from './endpointServer'
import { PUBLIC_ADDRESSES, startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

const POSTMARK_SECRET = 'postmark-shared-secret-for-tests'
const basic = (password: string) => `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}`

/** A Postmark bounce webhook body, as Postmark documents it. */
const postmarkBounce = (email: string, type: string, at = new Date().toISOString()) => ({
  RecordType: 'Bounce',
  ID: 4323372036854775807,
  Type: type,
  TypeCode: type === 'HardBounce' ? 1 : 4096,
  Name: type,
  MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
  Description: type === 'HardBounce' ? 'The server was unable to deliver your message (ex: unknown user, mailbox not found).' : 'The mailbox is full.',
  Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
  Email: email,
  From: 'library@vitalpress.local',
  BouncedAt: at,
  Inactive: type === 'HardBounce',
  CanActivate: true,
  Subject: 'Updated: Understanding Bone Metastases',
})

const postmarkComplaint = (email: string) => ({ ...postmarkBounce(email, 'SpamComplaint'), RecordType: 'SpamComplaint', Description: 'The subscriber explicitly marked this message as spam.' })

describe('bounces and complaints reported by Postmark', () => {
  let library: MailingLibrary
  let payload: Payload
  let http: EndpointServer
  let article: { id: string }
  let revision = 100

  const report = (body: unknown, password = POSTMARK_SECRET) =>
    api(http.baseURL, '/api/newsletter/bounces/postmark', { method: 'POST', body, headers: { Authorization: basic(password) } })

  const reload = (subscriber: Subscriber) => payload.findByID({ collection: 'subscribers', id: subscriber.id, depth: 0, overrideAccess: true })

  /** Publishes an update and answers who of `readers` got an email about it. */
  async function whoHearsOfAnUpdate(readers: Subscriber[]): Promise<string[]> {
    const before = new Map(await Promise.all(readers.map(async (reader) => [reader.email, (await library.smtp.mailTo(reader.email)).length] as const)))
    revision += 1
    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision })
    await runDueJobs(payload)
    const after = await Promise.all(readers.map(async (reader) => [reader.email, (await library.smtp.mailTo(reader.email)).length] as const))
    return after.filter(([email, count]) => count > before.get(email)!).map(([email]) => email)
  }

  beforeAll(async () => {
    library = await startMailingLibrary('newsletter-suppressions', { env: { ...PUBLIC_ADDRESSES, NEWSLETTER_POSTMARK_WEBHOOK_SECRET: POSTMARK_SECRET, NEWSLETTER_GRACE_HOURS: '0' } })
    payload = library.payload
    http = await serveRootEndpoints(payload)
    article = await seedArticle(payload)
  })

  afterAll(async () => {
    await http?.stop()
    await stopMailingLibrary(library)
  })

  it('when Postmark reports a hard bounce, then the address is suppressed at once and the next update skips it', async () => {
    const bouncing = await aSubscriber(payload, { language: 'en' })
    const fine = await aSubscriber(payload, { language: 'en' })

    const answer = await report(postmarkBounce(bouncing.email.toUpperCase(), 'HardBounce'))

    expect(answer).toMatchObject({ status: 200, body: { outcome: 'suppressed' } })
    expect(await reload(bouncing)).toMatchObject({ status: 'bounced', suppression: { reason: 'hard-bounce', reportedBy: 'postmark' } })
    expect((await reload(bouncing)).suppression?.detail).toContain('HardBounce')
    expect(await whoHearsOfAnUpdate([bouncing, fine])).toEqual([fine.email])
  })

  it('when the call does not carry the shared secret, then it is refused with 401 and nothing changes', async () => {
    const reader = await aSubscriber(payload, { language: 'en' })

    const wrong = await report(postmarkBounce(reader.email, 'HardBounce'), 'guessed')
    const none = await api(http.baseURL, '/api/newsletter/bounces/postmark', { method: 'POST', body: postmarkBounce(reader.email, 'HardBounce') })

    expect(wrong).toMatchObject({ status: 401, body: { code: 'NEWSLETTER_WEBHOOK_UNAUTHORIZED' } })
    expect(wrong.body.message).toContain('NEWSLETTER_POSTMARK_WEBHOOK_SECRET')
    expect(none.status).toBe(401)
    expect(await reload(reader)).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
  })

  it('when an address bounces softly, then it is still mailed after two and suppressed on the third within 30 days', async () => {
    const reader = await aSubscriber(payload, { language: 'en' })
    const days = (n: number) => new Date(Date.now() - n * 24 * 3_600_000).toISOString()

    const first = await report(postmarkBounce(reader.email, 'SoftBounce', days(20)))
    const second = await report(postmarkBounce(reader.email, 'Transient', days(10)))
    const stillMailed = await whoHearsOfAnUpdate([reader])
    const third = await report(postmarkBounce(reader.email, 'SoftBounce', days(0)))

    expect([first.body.outcome, second.body.outcome, third.body.outcome]).toEqual(['counted', 'counted', 'suppressed'])
    expect(stillMailed).toEqual([reader.email])
    expect(await reload(reader)).toMatchObject({ status: 'bounced', suppression: { reason: 'soft-bounces' } })
    expect(await whoHearsOfAnUpdate([reader])).toEqual([])
  })

  it('when a reader complains, then they are suppressed and unsubscribed; subscribing again needs a new confirmation, noted in the consent record', async () => {
    const reader = await aSubscriber(payload, { language: 'hi' })
    const complaint = postmarkComplaint(reader.email)

    const answer = await report(complaint)
    const complained = await reload(reader)
    const whileSuppressed = await whoHearsOfAnUpdate([reader])

    expect(answer.body.outcome).toBe('suppressed')
    expect(complained).toMatchObject({ status: 'unsubscribed', suppression: { reason: 'complaint' } })
    expect(complained.unsubscribedAt).toBeTruthy()
    expect(whileSuppressed).toEqual([])

    const subscribe = await api(http.baseURL, '/api/newsletter/subscribe', { method: 'POST', body: { email: reader.email, locale: 'hi', specialties: ['orthopaedics'] } })
    await runDueJobs(payload)
    const pending = await reload(reader)
    const [confirmation] = (await library.smtp.mailTo(reader.email)).filter((mail) => mail.text?.includes('/api/newsletter/confirm?token='))
    const link = /https:\/\/cms\.example(\/api\/newsletter\/confirm\?token=\S+)/.exec(String(confirmation?.text))?.[1]
    const confirm = await api(http.baseURL, link!, { headers: { Accept: 'application/json' } })
    const confirmed = await reload(reader)

    expect(subscribe.status).toBe(202)
    expect(pending).toMatchObject({ status: 'pending', suppression: { reason: 'complaint' } })
    expect(confirm.status).toBe(200)
    expect(confirmed).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(confirmed.consent?.afterSuppression).toMatch(/^Confirmed again on .+ after suppression for complaint on \d{4}-/)
    expect(confirmed.suppression?.liftedAt).toBeTruthy()
    // The old complaint, delivered again (a late retry, or replayed), is older than the new consent.
    expect((await report(complaint)).body.outcome).toBe('stale')
    expect(await reload(reader)).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(await whoHearsOfAnUpdate([reader])).toEqual([reader.email])
  })

  it('when an admin lifts a hard-bounce suppression, then the address is confirmed and mailed again; an editor may not lift one', async () => {
    const reader = await aSubscriber(payload, { language: 'en' })
    const bounce = postmarkBounce(reader.email, 'HardBounce')
    await report(bounce)
    const endpoints = payload.collections.subscribers.config.endpoints as Array<{ path: string; handler: (req: never) => Promise<Response> }>
    const lift = endpoints.find((endpoint) => endpoint.path === '/:id/lift-suppression')!
    const [admin, editor] = await Promise.all(
      ['admin', 'editor'].map(async (role) => (await payload.find({ collection: 'users', where: { roles: { contains: role } }, limit: 1, depth: 0 })).docs[0]),
    )
    const call = (user: unknown) =>
      lift.handler(Object.assign(new Request(`https://cms.example/api/subscribers/${reader.id}/lift-suppression`, { method: 'POST' }), { payload, user, routeParams: { id: reader.id }, searchParams: new URLSearchParams() }) as never)

    const refused = await call(editor)
    const lifted = await call(admin)
    const again = await call(admin)

    expect(refused.status).toBe(403)
    expect(lifted.status).toBe(200)
    expect(await reload(reader)).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(again.status).toBe(409)
    expect(await whoHearsOfAnUpdate([reader])).toEqual([reader.email])

    // The bounce from before the lift, delivered again, changes nothing; a bounce after it suppresses again.
    const replayed = await report(bounce)
    const afterReplay = await reload(reader)
    const later = await report(postmarkBounce(reader.email, 'HardBounce', new Date(Date.now() + 1000).toISOString()))

    expect(replayed).toMatchObject({ status: 200, body: { outcome: 'stale' } })
    expect(afterReplay).toMatchObject({ status: 'confirmed', suppression: { reason: null } })
    expect(later.body.outcome).toBe('suppressed')
    expect(await reload(reader)).toMatchObject({ status: 'bounced', suppression: { reason: 'hard-bounce' } })
  })

  it('when Postmark reports something that is not a delivery problem, then it is answered 200 and nothing changes', async () => {
    const reader = await aSubscriber(payload, { language: 'en' })

    const answer = await report({ ...postmarkBounce(reader.email, 'AutoResponder') })

    expect(answer).toMatchObject({ status: 200, body: { outcome: 'ignored' } })
    expect(await reload(reader)).toMatchObject({ status: 'confirmed' })
  })
})
