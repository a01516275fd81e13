import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { payloadBesideServer } from '../support/payload'
import { startServer, type RunningServer } from '../support/server'

let server: RunningServer
let payload: Payload

beforeAll(async () => {
  // Ready as soon as `npm start` says so: no request reaches the server from this test.
  server = await startServer('queue-warm-up', {}, 'announces')
  payload = await payloadBesideServer(server)
}, 300_000)

afterAll(async () => {
  await payload?.destroy()
  await server?.stop()
})

const doctorDirectory = () => {
  const file = path.join(server.env.PUBLISH_DIR, 'en', 'doctors', 'index.json')
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
}

describe('the in-process jobs queue of `npm start`', () => {
  it('when work is queued before any visitor has made a request, then the server runs it', async () => {
    expect(server.output()).toMatch(/^Ready: queued work runs in this process\.$/m)
    const doctor = (await payload.find({ collection: 'doctors', limit: 1, depth: 0, overrideAccess: true })).docs[0]
    const renamed = `${doctor.name} (Senior Consultant)`
    // A directory change queues a publishing job; nothing in this process runs it.
    await payload.update({ collection: 'doctors', id: doctor.id, data: { name: renamed }, overrideAccess: true })
    const queued = await payload.count({ collection: 'payload-jobs', overrideAccess: true })
    expect(queued.totalDocs).toBeGreaterThan(0)

    const deadline = Date.now() + 60_000
    while (!doctorDirectory().includes(renamed) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
    expect(doctorDirectory()).toContain(renamed)
  }, 120_000)
})
