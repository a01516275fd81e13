import { seedLibrary } from '../../src/seed/seedLibrary'
import { runScript, spawnScript } from '../support/cli'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { startSmtpServer, type TestSmtpServer } from '../support/smtpServer'
import { aPublishEvent, aSubscriber, seedArticle } from './builders'

describe('a send worked through in fresh processes', () => {
  let smtp: TestSmtpServer
  let library: TestLibrary

  beforeAll(async () => {
    smtp = await startSmtpServer()
    process.env.SMTP_URL = smtp.url
    process.env.JOBS_AUTORUN = 'false'
    library = await startPayload('newsletter-fresh-processes')
    await seedLibrary(library.payload)
  })

  afterAll(async () => {
    await stopPayload(library)
    await smtp?.stop()
  })

  it('when each process may hand over 10 recipients, then resume runs the send in successive child processes and every reader gets exactly one email', async () => {
    const { payload } = library
    const article = await seedArticle(payload)
    const readers = []
    for (let index = 0; index < 25; index += 1) readers.push(await aSubscriber(payload, { email: `fresh${index}@example.test` }))
    const { createNewsletter } = await import('../../src/newsletter/service')
    const newsletter = createNewsletter(payload)
    const event = await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 2 })
    const { send } = await newsletter.preparer.prepareFromEvent(String(event.id))

    const outcome = await runScript('scripts/newsletter.ts', ['resume', String(send!.id)], {
      ...library.env,
      SMTP_URL: smtp.url,
      NEWSLETTER_RECIPIENTS_PER_PROCESS: '10',
      NEWSLETTER_BATCH_SIZE: '5',
      PAYLOAD_MIGRATING: 'true',
      JOBS_AUTORUN: 'false',
    })
    const stretches = outcome.output
      .split('\n')
      .filter((line) => line.startsWith('{"event":"newsletter.work.stretch"'))
      .map((line) => JSON.parse(line) as { outcome: string; sent: number })
    const received = smtp.accepted.flatMap((message) => message.recipients)
    const current = await payload.findByID({ collection: 'newsletter-sends', id: String(send!.id), depth: 0 })

    expect(outcome.code).toBe(0)
    expect(stretches.map((stretch) => stretch.outcome)).toEqual(['yielded', 'yielded', 'completed'])
    expect(stretches.map((stretch) => stretch.sent)).toEqual([10, 10, 5])
    expect(received.sort()).toEqual(readers.map((reader) => reader.email).sort())
    expect(current.status).toBe('completed')
  }, 180_000)

  it('when a worker spends its allowance on a publish, then it stops for a fresh worker after queueing the rest, and successive workers prepare and send the update to everyone once', async () => {
    const { payload } = library
    const article = await seedArticle(payload)
    const followers = (await payload.find({ collection: 'subscribers', where: { status: { equals: 'confirmed' } }, limit: 0, depth: 0 })).docs.map((doc) => doc.email)
    const before = smtp.accepted.length
    // The publish's workflow event queues the preparation job, as a real publish does.
    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 3 })
    const sendDone = async () => (await payload.find({ collection: 'newsletter-sends', where: { key: { equals: `${article.id}:3` } }, limit: 1, depth: 0 })).docs[0]?.status === 'completed'

    const recycled: number[] = []
    let finished = false
    for (let worker = 0; worker < 12 && !finished; worker += 1) {
      const child = spawnScript('scripts/worker.ts', [], {
        ...library.env,
        SMTP_URL: smtp.url,
        NEWSLETTER_RECIPIENTS_PER_PROCESS: '10',
        NEWSLETTER_BATCH_SIZE: '5',
        JOBS_IDLE_MS: '200',
        LOG_LEVEL: 'info',
        PAYLOAD_MIGRATING: 'true',
      })
      let output = ''
      child.stdout?.on('data', (chunk) => (output += chunk))
      child.stderr?.on('data', (chunk) => (output += chunk))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      // A worker with nothing left to do idles for ever: once the send is complete it is stopped.
      while (child.exitCode === null && !(finished = await sendDone())) await new Promise((resolve) => setTimeout(resolve, 200))
      if (child.exitCode === null) child.kill('SIGTERM')
      const code = await exited
      if (output.includes('"event":"worker.recycled"')) recycled.push(code ?? -1)
    }
    const received = smtp.accepted.slice(before).flatMap((message) => message.recipients)

    expect(finished).toBe(true)
    expect(recycled.length).toBeGreaterThanOrEqual(4)
    expect(recycled.every((code) => code === 0)).toBe(true)
    expect(received.sort()).toEqual(followers.sort())
  }, 300_000)
})
