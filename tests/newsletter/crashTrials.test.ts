import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { SCRIPT_NODE_OPTIONS } from '../support/cli'
import type { TestSmtpServer } from '../support/smtpServer'
import { aPublishEvent } from './builders'
import { startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'
import { prng } from '../support/random'

const SUBSCRIBERS = 2000
const POOL = 5
const KILLS = 10


describe('crash trials of the sending job', () => {
  let smtp: TestSmtpServer
  let library: MailingLibrary
  const seed = Number(process.env.CRASH_TRIAL_SEED ?? Date.now() % 100_000)
  const random = prng(seed)

  beforeAll(async () => {
    // 5% of messages answered 451, 1% of connections dropped before the server answers.
    library = await startMailingLibrary('newsletter-crash', {
      seeded: false,
      decide: () => {
        const roll = random()
        if (roll < 0.05) return { reply: 451, message: '4.3.0 Try again later' }
        if (roll < 0.06) return { drop: true }
        return { accept: true }
      },
    })
    smtp = library.smtp
  })

  afterAll(async () => {
    await stopMailingLibrary(library)
  })

  function startWorker(sendId: string): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
    let output = ''
    const child = spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', 'scripts/newsletter.ts', 'resume', sendId], {
      env: {
        ...process.env,
        ...library.env,
        NODE_OPTIONS: SCRIPT_NODE_OPTIONS,
        SMTP_URL: smtp.url,
        SMTP_POOL_SIZE: String(POOL),
        NEWSLETTER_BATCH_SIZE: '40',
        NEWSLETTER_CLAIM_LEASE_MS: '3000',
        NEWSLETTER_LOCK_LEASE_MS: '2000',
        NEWSLETTER_RETRY_BASE_MS: '100',
        NEWSLETTER_RETRY_MAX_MS: '1000',
        NEWSLETTER_MAX_ATTEMPTS: '100',
        // The 451s are throttling: the pace slows and recovers on the trial's scale, not production's.
        NEWSLETTER_THROTTLE_PAUSE_MS: '10',
        NEWSLETTER_THROTTLE_MAX_PAUSE_MS: '40',
        NEWSLETTER_THROTTLE_RECOVER_AFTER: '10',
        NEWSLETTER_THROTTLE_RETRY_MS: '100',
        NEWSLETTER_ANSWER_TIMEOUT_MS: '5000',
        LOG_LEVEL: 'error',
        // The test process migrated the database; workers must not re-run a migration regenerated meanwhile.
        PAYLOAD_MIGRATING: 'true',
        JOBS_AUTORUN: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    return { child, exited, output: () => output }
  }

  it(`when the sending process is SIGKILLed ${KILLS} times mid-send and resumed, then every confirmed subscriber is emailed, nobody is missing, and duplicates stay within the pool size per crash and are reported`, async () => {
    const { payload } = library
    const specialty = await payload.create({
      collection: 'specialties',
      data: { slug: 'oncology', name: 'Oncology', doctorTitle: { singular: 'Oncologist', plural: 'Oncologists' } },
      context: { seeding: true },
    })
    const article = await payload.create({
      collection: 'articles',
      data: {
        title: 'Chemotherapy side effects',
        slug: 'chemotherapy-side-effects',
        summary: 'What to expect.',
        specialty: specialty.id,
        changelogNote: 'New guidance on nausea.',
        lastUpdated: new Date().toISOString(),
        _status: 'published',
        sections: [{ heading: 'Overview', content: [{ blockType: 'termList', items: [{ term: 'Nausea', explanation: 'Feeling sick.' }] }] }],
      } as never,
      context: { seeding: true },
    })
    const confirmed: string[] = []
    for (let index = 0; index < SUBSCRIBERS; index += 1) {
      const email = `crash${index}@example.test`
      confirmed.push(email)
      await payload.db.create({
        collection: 'subscribers',
        data: { email, language: ['en', 'hi', 'ta'][index % 3], status: 'confirmed', specialties: [specialty.id], confirmationsInWindow: 0 },
        returning: false,
      })
    }
    await payload.db.create({ collection: 'subscribers', data: { email: 'pending@example.test', language: 'en', status: 'pending', specialties: [specialty.id] }, returning: false })
    const { createNewsletter } = await import('../../src/newsletter/createNewsletter')
    // Every language goes at once, so the whole list is in play from the first worker on.
    const newsletter = createNewsletter(payload, { options: { graceHours: 0 } })
    const event = await aPublishEvent(payload, String(article.id), { changeKind: 'clinical', revision: 1 })
    const { send } = await newsletter.preparer.prepareFromEvent(String(event.id))
    await newsletter.releaser.release(String(send!.id))
    const sendId = String(send!.id)

    let kills = 0
    while (kills < KILLS) {
      const before = smtp.accepted.length
      const worker = startWorker(sendId)
      // Kill it at a random moment once it is sending: after 1 to 80 more accepted messages, plus a jitter.
      const target = before + 1 + Math.floor(random() * 80)
      while (smtp.accepted.length < target && worker.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5))
      if (worker.child.exitCode !== null) {
        // It finished (or failed) before the server accepted anything more: no crash to test.
        console.log(`worker exited with ${worker.child.exitCode} after ${kills} kills:\n${worker.output().slice(-3000)}`)
        break
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)))
      process.kill(-worker.child.pid!, 'SIGKILL')
      await worker.exited
      kills += 1
    }
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const worker = startWorker(sendId)
      const code = await worker.exited
      if (code !== 0) throw new Error(`The last worker failed with ${code}:\n${worker.output().slice(-3000)}`)
      const current = await payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0 })
      if (current.status === 'completed') break
    }

    const received = smtp.accepted.flatMap((message) => message.recipients)
    const unique = new Set(received)
    const missing = confirmed.filter((email) => !unique.has(email))
    const duplicates = received.length - unique.size
    const { summarizeSend } = await import('../../src/newsletter/sendOperations')
    const summary = await summarizeSend(newsletter, sendId)
    console.log(JSON.stringify({ seed, kills, received: received.length, unique: unique.size, duplicates, reported: summary.possibleDuplicates, refused: smtp.refused.length }))

    expect(kills).toBe(KILLS)
    expect(missing).toEqual([])
    expect([...unique].sort()).toEqual([...confirmed].sort())
    expect(duplicates).toBeLessThanOrEqual(POOL * kills)
    expect(summary.possibleDuplicates).toBeGreaterThanOrEqual(duplicates)
    expect(summary.byStatus.sent).toBe(SUBSCRIBERS)
    expect(summary.status).toBe('completed')
  }, 900_000)
})
