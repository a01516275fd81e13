import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import type { Payload } from 'payload'

import type { Newsletter } from '../../src/newsletter/createNewsletter'
import { SCRIPT_NODE_OPTIONS } from '../support/cli'
import { prng } from '../support/random'
import type { SmtpVerdict } from '../support/smtpServer'
import { aPublishEvent, anArticleWithFollowers } from './builders'
import { startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

const POOL = 5

/** The throttling answers of SMTP servers and providers, in turn. */
const THROTTLING_ANSWERS: SmtpVerdict[] = [
  { reply: 421, message: '4.7.0 Try again later, closing connection' },
  { reply: 451, message: '4.3.0 Local error in processing, try again later' },
  { reply: 454, message: '4.7.0 Temporary failure, too many messages' },
  { reply: 450, message: '4.2.1 Rate limited, slow down' },
]
const THROTTLING_CODES = new Set([421, 451, 454, 450])

const isThrottling = (refusal: { verdict: SmtpVerdict }) => 'reply' in refusal.verdict && THROTTLING_CODES.has(refusal.verdict.reply)

type Decide = (recipients: string[]) => SmtpVerdict

/**
 * What the test server does for one test: accepts, except while `throttling(n)` says so for its
 * n-th message, when it answers a throttling code to `share` of the messages.
 */
function throttlingServer(random: () => number, share: number, throttling: (index: number) => boolean): Decide {
  let index = 0
  let answered = 0
  return () => {
    if (!throttling(index++) || random() >= share) return { accept: true }
    answered += 1
    return THROTTLING_ANSWERS[answered % THROTTLING_ANSWERS.length]
  }
}

async function preparedSend(newsletter: Newsletter, articleId: string): Promise<string> {
  const event = await aPublishEvent(newsletter.payload, articleId, { changeKind: 'clinical', revision: 1 })
  const { send } = await newsletter.preparer.prepareFromEvent(String(event.id))
  await newsletter.releaser.release(String(send!.id))
  return String(send!.id)
}

async function deliveries(payload: Payload, sendId: string) {
  return (await payload.find({ collection: 'newsletter-deliveries', where: { send: { equals: sendId } }, limit: 0, pagination: false, depth: 0 })).docs
}

describe('a send the mail server throttles', () => {
  const seed = Number(process.env.THROTTLING_SEED ?? Date.now() % 100_000)
  const random = prng(seed)
  let library: MailingLibrary
  /** The server's behaviour in the running test. */
  let decide: Decide = () => ({ accept: true })

  beforeAll(async () => {
    library = await startMailingLibrary('newsletter-throttling', { seeded: false, env: { SMTP_POOL_SIZE: String(POOL) }, decide: (recipients) => decide(recipients) })
  })

  afterAll(async () => {
    await stopMailingLibrary(library)
  })

  describe('for a while, then accepts', () => {
    const SUBSCRIBERS = 90
    /** The server throttles from its 15th message on, for this long. */
    const WINDOW_MS = 1500
    let windowOpenedAt: number | null = null

    beforeAll(() => {
      decide = throttlingServer(random, 0.6, (index) => {
        if (index < 15) return false
        windowOpenedAt ??= Date.now()
        return Date.now() - windowOpenedAt < WINDOW_MS
      })
    })

    it('when 421, 451, 454 and rate-limit answers come for a time, then the send slows down, nobody fails though each attempt budget is 2, every reader gets exactly one message, and the admin counts show the throttling meanwhile', async () => {
      const { payload, smtp } = library
      const { articleId, confirmed } = await anArticleWithFollowers(payload, { slug: 'throttled-update', count: SUBSCRIBERS, prefix: 'slowed' })
      const { createNewsletter } = await import('../../src/newsletter/createNewsletter')
      const { summarizeSend } = await import('../../src/newsletter/sendOperations')
      const newsletter = createNewsletter(payload, {
        options: { graceHours: 0, maxAttempts: 2, retryBaseMs: 20, retryMaxMs: 400, throttle: { pauseMs: 20, maxPauseMs: 160, recoverAfter: 5, retryMs: 100 } },
      })
      const sendId = await preparedSend(newsletter, articleId)

      // What an operator looking at the send would have seen while it ran: the most recipients held back at once.
      let mostHeldBack = 0
      let running = true
      const watching = (async () => {
        while (running) {
          mostHeldBack = Math.max(mostHeldBack, (await summarizeSend(newsletter, sendId)).throttling.waiting)
          await new Promise((resolve) => setTimeout(resolve, 150))
        }
      })()
      const reports = []
      try {
        do reports.push(await newsletter.runner.run(sendId))
        while (reports.at(-1)!.outcome === 'later' && reports.length < 10)
      } finally {
        running = false
        await watching
      }

      const throttlingAnswers = smtp.refused.filter((refusal) => refusal.recipients.some((address) => address.startsWith('slowed')) && isThrottling(refusal))
      const parsed = await Promise.all(smtp.accepted.map((message) => message.parse()))
      const perReader = new Map<string, number>()
      for (const message of parsed) {
        const to = (Array.isArray(message.to) ? message.to : [message.to]).flatMap((address) => address?.value ?? []).map((entry) => entry.address!.toLowerCase())
        for (const address of to) perReader.set(address, (perReader.get(address) ?? 0) + 1)
      }
      const summary = await summarizeSend(newsletter, sendId)
      const rows = await deliveries(payload, sendId)
      const throttled = reports.reduce((sum, report) => sum + report.throttled, 0)
      const paceChanges = reports.reduce((sum, report) => sum + report.paceChanges, 0)
      console.log(JSON.stringify({ seed, throttlingAnswers: throttlingAnswers.length, paceChanges, mostHeldBack, runs: reports.map((report) => report.outcome) }))

      expect(throttlingAnswers.length).toBeGreaterThan(5)
      expect(reports.at(-1)!.outcome).toBe('completed')
      expect([...perReader.keys()].sort()).toEqual([...confirmed].sort())
      expect([...perReader.values()].every((count) => count === 1)).toBe(true)
      expect(summary.byStatus).toMatchObject({ sent: SUBSCRIBERS, failed: 0, queued: 0, sending: 0 })
      // Every throttling answer was recorded against its recipient, who was queued again with a retry time.
      expect(throttled).toBe(throttlingAnswers.length)
      expect(rows.reduce((sum, row) => sum + (row.throttledAttempts ?? 0), 0)).toBe(throttlingAnswers.length)
      expect(summary.throttling.recipients).toBe(new Set(throttlingAnswers.flatMap((refusal) => refusal.recipients)).size)
      expect(rows.every((row) => row.attempts === 1)).toBe(true)
      // It slowed down and sped up again, and while it was held back the send's counts said so.
      expect(paceChanges).toBeGreaterThanOrEqual(2)
      expect(mostHeldBack).toBeGreaterThan(0)
      expect(summary.throttling.waiting).toBe(0)
    }, 300_000)
  })

  describe('while its sending process is killed', () => {
    const SUBSCRIBERS = 400
    const KILLS = 3
    let throttling = true

    beforeAll(() => {
      decide = throttlingServer(random, 0.3, () => throttling)
    })

    function startWorker(sendId: string): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
      let output = ''
      const child = spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', 'scripts/newsletter.ts', 'resume', sendId], {
        env: {
          ...process.env,
          ...library.env,
          NODE_OPTIONS: SCRIPT_NODE_OPTIONS,
          SMTP_URL: library.smtp.url,
          SMTP_POOL_SIZE: String(POOL),
          NEWSLETTER_BATCH_SIZE: '40',
          NEWSLETTER_CLAIM_LEASE_MS: '3000',
          NEWSLETTER_LOCK_LEASE_MS: '2000',
          NEWSLETTER_RETRY_BASE_MS: '100',
          NEWSLETTER_RETRY_MAX_MS: '400',
          // Were throttling counted as attempts, the second would fail the recipient.
          NEWSLETTER_MAX_ATTEMPTS: '2',
          NEWSLETTER_THROTTLE_PAUSE_MS: '10',
          NEWSLETTER_THROTTLE_MAX_PAUSE_MS: '40',
          NEWSLETTER_THROTTLE_RECOVER_AFTER: '5',
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

    it(`when the sending process is SIGKILLed ${KILLS} times while the server throttles, then every reader is emailed, nobody fails, and duplicates stay within the pool size per crash`, async () => {
      const { payload, smtp } = library
      const { articleId, confirmed } = await anArticleWithFollowers(payload, { slug: 'throttled-crash', count: SUBSCRIBERS, prefix: 'crashslow' })
      const { createNewsletter } = await import('../../src/newsletter/createNewsletter')
      const { summarizeSend } = await import('../../src/newsletter/sendOperations')
      const newsletter = createNewsletter(payload, { options: { graceHours: 0 } })
      const sendId = await preparedSend(newsletter, articleId)

      let kills = 0
      while (kills < KILLS) {
        const refusedBefore = smtp.refused.length
        const acceptedBefore = smtp.accepted.length
        const worker = startWorker(sendId)
        // Killed mid-throttle: once it has had a few throttling answers and got some more messages through.
        const refusals = 2 + Math.floor(random() * 6)
        while ((smtp.refused.length < refusedBefore + refusals || smtp.accepted.length <= acceptedBefore) && worker.child.exitCode === null) {
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        if (worker.child.exitCode !== null) {
          console.log(`worker exited with ${worker.child.exitCode} after ${kills} kills:\n${worker.output().slice(-3000)}`)
          break
        }
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)))
        process.kill(-worker.child.pid!, 'SIGKILL')
        await worker.exited
        kills += 1
      }
      const throttledBeforeRecovery = (await deliveries(payload, sendId)).reduce((sum, row) => sum + (row.throttledAttempts ?? 0), 0)
      throttling = false
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const worker = startWorker(sendId)
        const code = await worker.exited
        if (code !== 0) throw new Error(`The last worker failed with ${code}:\n${worker.output().slice(-3000)}`)
        if ((await payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0 })).status === 'completed') break
      }

      const received = smtp.accepted.flatMap((message) => message.recipients).filter((address) => address.startsWith('crashslow'))
      const unique = new Set(received)
      const duplicates = received.length - unique.size
      const summary = await summarizeSend(newsletter, sendId)
      const throttlingAnswers = smtp.refused.filter((refusal) => refusal.recipients.some((address) => address.startsWith('crashslow')) && isThrottling(refusal)).length
      console.log(JSON.stringify({ seed, kills, received: received.length, unique: unique.size, duplicates, reported: summary.possibleDuplicates, throttlingAnswers, throttledBeforeRecovery }))

      expect(kills).toBe(KILLS)
      expect([...unique].sort()).toEqual([...confirmed].sort())
      expect(duplicates).toBeLessThanOrEqual(POOL * kills)
      expect(summary.possibleDuplicates).toBeGreaterThanOrEqual(duplicates)
      expect(summary.byStatus).toMatchObject({ sent: SUBSCRIBERS, failed: 0 })
      expect(summary.status).toBe('completed')
      expect(throttledBeforeRecovery).toBeGreaterThan(0)
      expect(summary.throttling.recipients).toBeGreaterThan(0)
    }, 600_000)
  })
})
