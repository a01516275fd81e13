import { createLocalReq, type Payload } from 'payload'

import { seedLibrary } from '../../src/seed/seedLibrary'
import { redeliverEndpoint } from '../../src/webhooks/redeliver'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { WebhookReceiver } from '../support/webhookReceiver'
import { drainJobs } from '../publishing/support'

let library: TestLibrary
let payload: Payload
// Fails a share of requests at random (500, 503), and is taken down for a stretch.
const receiver = Object.assign(new WebhookReceiver(), { failureRate: 0.3 })
const gone = Object.assign(new WebhookReceiver(), { failureRate: 0.3 })

const hookUrl = (port: number) => `http://127.0.0.1:${port}/hooks/vitalpress`

async function deliverAll(deadlineMs = 90_000): Promise<void> {
  const deadline = Date.now() + deadlineMs
  for (;;) {
    await drainJobs(payload)
    const open = await payload.count({ collection: 'webhook-deliveries', where: { status: { in: ['pending', 'retrying'] } } })
    if (open.totalDocs === 0 || Date.now() > deadline) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function renameDoctors(count: number, suffix: string): Promise<void> {
  const doctors = (await payload.find({ collection: 'doctors', limit: count, sort: 'name', depth: 0 })).docs
  for (const doctor of doctors) await payload.update({ collection: 'doctors', id: doctor.id, data: { name: `${doctor.name.replace(/ \(.*\)$/, '')} (${suffix})` } })
}

beforeAll(async () => {
  Object.assign(process.env, { WEBHOOK_RETRY_BASE_MS: '150', WEBHOOK_RETRY_MAX_MS: '1500', WEBHOOK_MAX_ATTEMPTS: '40', WEBHOOK_TIMEOUT_MS: '2000' })
  library = await startPayload('publishing-webhooks')
  payload = library.payload
  await seedLibrary(payload)
  await receiver.start()
  await gone.start()
  gone.failureRate = 0
})

afterAll(async () => {
  await receiver.stop()
  await gone.stop()
  await stopPayload(library)
})

describe('webhooks', () => {
  it('when private addresses are not allowed, then an endpoint on 127.0.0.1 or localhost is refused with a message saying how to allow it', async () => {
    for (const url of [hookUrl(receiver.port), 'http://localhost:9/hook', 'http://10.1.2.3/hook', 'http://[::1]/hook']) {
      await expect(
        payload.create({ collection: 'webhook-endpoints', data: { name: 'local', url, events: ['doctors.published'] } }),
      ).rejects.toThrow(/url/i)
    }
    const refused = await payload
      .create({ collection: 'webhook-endpoints', data: { name: 'local', url: hookUrl(receiver.port), events: ['doctors.published'] } })
      .catch((error: { data?: { errors?: { message: string }[] } }) => error.data?.errors?.[0]?.message)
    expect(refused).toContain('Allow private addresses')
  })

  it('when the receiver fails 30% of requests and is down for a stretch, then every event arrives, signed, with the same id on every retry', async () => {
    await payload.updateGlobal({ slug: 'webhook-settings', data: { allowPrivateAddresses: true } })
    const endpoint = await payload.create({
      collection: 'webhook-endpoints',
      data: { name: 'site', url: hookUrl(receiver.port), events: ['doctors.published', 'article.published'] },
    })
    receiver.secret = String(endpoint.secret)
    receiver.scripted.push({ status: 429, headers: { 'retry-after': '1' } })

    await renameDoctors(4, 'a')
    await drainJobs(payload)
    await receiver.stop()
    await renameDoctors(4, 'b')
    await drainJobs(payload)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await drainJobs(payload)
    await receiver.start(receiver.port)
    await deliverAll()

    const deliveries = (await payload.find({ collection: 'webhook-deliveries', pagination: false, depth: 0 })).docs
    expect(deliveries).toHaveLength(8)
    expect(deliveries.map((delivery) => delivery.status)).toEqual(deliveries.map(() => 'delivered'))
    const ids = new Set(deliveries.map((delivery) => delivery.eventId))
    expect(ids.size).toBe(8)
    const delivered = new Set(receiver.received.filter((request) => request.answered < 300).map((request) => request.id))
    expect([...ids].filter((id) => !delivered.has(id))).toEqual([])
    expect(receiver.received.every((request) => request.verified && ids.has(request.id))).toBe(true)
    for (const id of ids) expect(new Set(receiver.received.filter((request) => request.id === id).map((request) => request.body)).size).toBe(1)
    const retried = deliveries.filter((delivery) => (delivery.attempts ?? []).length > 1)
    expect(retried.length).toBeGreaterThan(0)
    expect(deliveries.some((delivery) => (delivery.attempts ?? []).some((attempt) => attempt.statusCode === null))).toBe(true)

    const throttled = deliveries.find((delivery) => delivery.attempts?.[0]?.statusCode === 429)!
    expect(throttled.attempts![0].retryAfterMs).toBe(1000)
    expect(new Date(throttled.attempts![1].at).getTime() - new Date(throttled.attempts![0].at).getTime()).toBeGreaterThanOrEqual(1000)
  })

  it('when an endpoint answers 410 Gone, then it is disabled, its delivery is failed and later events skip it', async () => {
    const endpoint = await payload.create({ collection: 'webhook-endpoints', data: { name: 'gone', url: hookUrl(gone.port), events: ['doctors.published'] } })
    gone.secret = String(endpoint.secret)
    gone.scripted.push({ status: 410 })
    receiver.failureRate = 0
    await renameDoctors(1, 'c')
    await deliverAll()

    const disabled = await payload.findByID({ collection: 'webhook-endpoints', id: endpoint.id })
    expect(disabled.active).toBe(false)
    expect(disabled.disabledReason).toContain('410')
    const toGone = await payload.find({ collection: 'webhook-deliveries', where: { endpoint: { equals: endpoint.id } } })
    expect(toGone.docs.map((delivery) => delivery.status)).toEqual(['failed'])

    await renameDoctors(1, 'd')
    await deliverAll()
    expect((await payload.count({ collection: 'webhook-deliveries', where: { endpoint: { equals: endpoint.id } } })).totalDocs).toBe(1)
    expect(gone.received).toHaveLength(1)
  })

  it('when an admin redelivers a delivered event, then it is sent again with the same id as a new round', async () => {
    const admin = (await payload.find({ collection: 'users', where: { email: { equals: 'admin@vitalpress.example' } } })).docs[0]
    const delivery = (await payload.find({ collection: 'webhook-deliveries', where: { status: { equals: 'delivered' } }, limit: 1 })).docs[0]
    const before = receiver.received.filter((request) => request.id === delivery.eventId).length

    const req = await createLocalReq({ user: { ...admin, collection: 'users' } }, payload)
    req.routeParams = { id: delivery.id }
    const response = await redeliverEndpoint.handler(req)
    await deliverAll()

    expect(response.status).toBe(200)
    const after = await payload.findByID({ collection: 'webhook-deliveries', id: delivery.id })
    expect(after.round).toBe(2)
    expect(after.status).toBe('delivered')
    expect(receiver.received.filter((request) => request.id === delivery.eventId).length).toBe(before + 1)
  })

  it('when an editor asks for a redelivery, then it is refused 403 with the code and message every endpoint answers with, and nothing is queued again', async () => {
    const editor = (await payload.find({ collection: 'users', where: { email: { equals: 'editor@vitalpress.example' } } })).docs[0]
    const delivery = (await payload.find({ collection: 'webhook-deliveries', where: { status: { equals: 'delivered' } }, limit: 1 })).docs[0]

    const req = await createLocalReq({ user: { ...editor, collection: 'users' } }, payload)
    req.routeParams = { id: delivery.id }
    const response = await redeliverEndpoint.handler(req)

    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ code: 'WEBHOOK_REDELIVER_FORBIDDEN', message: 'Only admins can redeliver webhooks.' })
    expect((await payload.findByID({ collection: 'webhook-deliveries', id: delivery.id })).round).toBe(delivery.round)
  })
})
