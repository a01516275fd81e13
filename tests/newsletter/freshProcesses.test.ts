import { spawn } from 'node:child_process'
import path from 'node:path'

import { runScript } from '../support/cli'
import type { TestSmtpServer } from '../support/smtpServer'
import { aPublishEvent, aSubscriber, seedArticle } from './builders'
import { startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

describe('a send worked through in fresh processes', () => {
  let smtp: TestSmtpServer
  let library: MailingLibrary

  beforeAll(async () => {
    library = await startMailingLibrary('newsletter-fresh-processes')
    smtp = library.smtp
  })

  afterAll(async () => {
    await stopMailingLibrary(library)
  })

  /**
   * `npm run worker` as an operator runs it, with `env` on top of the library's settings, until the
   * send `key` is completed (or four minutes pass); then it is stopped as an operator would, since
   * idle workers run for ever. Gives the send, the exit code and everything the workers printed.
   */
  async function runWorkersUntilSent(key: string, env: Record<string, string>) {
    const supervisor = spawn(process.execPath, [path.resolve('scripts/supervise-worker.mjs')], {
      env: { ...process.env, ...library.env, NODE_OPTIONS: '', SMTP_URL: smtp.url, JOBS_IDLE_MS: '200', LOG_LEVEL: 'info', PAYLOAD_MIGRATING: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    supervisor.stdout?.on('data', (chunk) => (output += chunk))
    supervisor.stderr?.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => supervisor.on('exit', (code) => resolve(code)))
    const sendOf = async () => (await library.payload.find({ collection: 'newsletter-sends', where: { key: { equals: key } }, limit: 1, depth: 0 })).docs[0]
    const deadline = Date.now() + 240_000
    let send = await sendOf()
    while (supervisor.exitCode === null && Date.now() < deadline && send?.status !== 'completed') {
      await new Promise((resolve) => setTimeout(resolve, 200))
      send = await sendOf()
    }
    supervisor.kill('SIGTERM')
    return { send, code: await exited, output }
  }

  it('when each process may hand over 10 recipients, then resume runs the send in successive child processes and every reader gets exactly one email', async () => {
    const { payload } = library
    const article = await seedArticle(payload)
    const readers = []
    for (let index = 0; index < 25; index += 1) readers.push(await aSubscriber(payload, { email: `fresh${index}@example.test` }))
    const { createNewsletter } = await import('../../src/newsletter/createNewsletter')
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

  it('when `npm run worker` spends a worker’s allowance on a publish, then that worker stops after queueing the rest, the next starts at once, and together they prepare and send the update to everyone once', async () => {
    const { payload } = library
    const article = await seedArticle(payload)
    const followers = (await payload.find({ collection: 'subscribers', where: { status: { equals: 'confirmed' } }, limit: 0, depth: 0 })).docs.map((doc) => doc.email)
    const before = smtp.accepted.length
    // The publish's workflow event queues the preparation job, as a real publish does.
    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 3 })
    const { send, code, output } = await runWorkersUntilSent(`${article.id}:3`, { WORKER_PROCESSES: '1', NEWSLETTER_RECIPIENTS_PER_PROCESS: '10', NEWSLETTER_BATCH_SIZE: '5' })
    const finished = send?.status === 'completed'
    const workersStarted = output.split('"event":"worker.started"').length - 1
    const recycled = output.split('"event":"worker.recycled"').length - 1
    const received = smtp.accepted.slice(before).flatMap((message) => message.recipients)

    expect(finished).toBe(true)
    expect(recycled).toBeGreaterThanOrEqual(4)
    expect(workersStarted).toBe(recycled + 1)
    expect({ code, output: code === 0 ? '' : output.slice(-4000) }).toEqual({ code: 0, output: '' })
    expect(received.sort()).toEqual(followers.sort())
  }, 300_000)

  it('when `npm run worker` keeps two workers and an update goes to more than a page of readers, then the send is worked by both at once, each with its share of the pool, and every reader gets it exactly once', async () => {
    const { payload } = library
    const article = await seedArticle(payload)
    for (let index = 0; index < 400; index += 1) await aSubscriber(payload, { email: `lane${index}@example.test` })
    const followers = (await payload.find({ collection: 'subscribers', where: { status: { equals: 'confirmed' } }, limit: 0, depth: 0 })).docs.map((doc) => doc.email)
    const before = smtp.accepted.length
    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 4 })
    smtp.resetPeak()

    const { send, code, output } = await runWorkersUntilSent(`${article.id}:4`, {
      WORKER_PROCESSES: '2',
      NEWSLETTER_SENDING_PROCESSES: '2',
      NEWSLETTER_PREPARATION_PAGE: '50',
      NEWSLETTER_BATCH_SIZE: '10',
    })
    const rows = await payload.find({ collection: 'newsletter-deliveries', where: { send: { equals: send!.id } }, limit: 0, depth: 0, pagination: false })
    const sentBy = new Map<string, number>()
    for (const row of rows.docs) sentBy.set(String(row.claimedBy), (sentBy.get(String(row.claimedBy)) ?? 0) + 1)
    const received = smtp.accepted.slice(before).flatMap((message) => message.recipients)

    expect(send?.status).toBe('completed')
    expect({ code, output: code === 0 ? '' : output.slice(-4000) }).toEqual({ code: 0, output: '' })
    expect(output.split('"event":"worker.started"').length - 1).toBe(2)
    // Two processes handed over messages of this send, a real share each.
    expect([...sentBy.values()].filter((count) => count >= 20)).toHaveLength(2)
    expect(rows.docs.every((row) => row.status === 'sent')).toBe(true)
    expect(received.sort()).toEqual(followers.sort())
    // The lanes split the pool (3 and 2 of SMTP_POOL_SIZE's 5) instead of opening 5 each.
    expect(smtp.peakConnections()).toBeLessThanOrEqual(5)
  }, 300_000)

  it('when a worker is started on standby, then it runs no job until its turn, and then runs the queued one', async () => {
    const { payload } = library
    const { startOnStandby } = await import('../../src/jobs/standby')
    const { NEWSLETTER_TASKS } = await import('../../src/newsletter/taskSlugs')
    const pending = await aSubscriber(payload, { email: 'standby-confirm@example.test', status: 'pending' })
    const before = smtp.accepted.length
    const worker = startOnStandby(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', 'scripts/worker.ts'], {
      env: { ...process.env, ...library.env, NODE_OPTIONS: '--no-deprecation --conditions=production', SMTP_URL: smtp.url, JOBS_IDLE_MS: '200', PAYLOAD_MIGRATING: 'true' },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const exited = new Promise((resolve) => worker.child.once('exit', resolve))
    try {
      await worker.ready
      const job = await payload.jobs.queue({ task: NEWSLETTER_TASKS.confirmation, input: { subscriberId: String(pending.id) } })
      // Many turns of the worker loop's idle pause, had it started.
      await new Promise((resolve) => setTimeout(resolve, 5000))
      const whileOnStandby = { emails: smtp.accepted.length - before, job: await payload.findByID({ collection: 'payload-jobs', id: job.id, depth: 0, disableErrors: true }) }

      await worker.go()
      const deadline = Date.now() + 60_000
      while (smtp.accepted.length === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200))
      const received = smtp.accepted.slice(before).flatMap((message) => message.recipients)

      expect(whileOnStandby.emails).toBe(0)
      // Completed jobs are deleted: the job is still there, untouched.
      expect(whileOnStandby.job).not.toBeNull()
      expect(Boolean(whileOnStandby.job!.processing || whileOnStandby.job!.completedAt)).toBe(false)
      expect(received).toEqual([pending.email])
    } finally {
      worker.child.kill('SIGTERM')
      await exited
    }
  }, 120_000)
})
