import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { windowContaining } from '../../src/newsletter/digestWindows'
import { SCRIPT_NODE_OPTIONS } from '../support/cli'
import { prng } from '../support/random'
import type { TestSmtpServer } from '../support/smtpServer'
import { aPublishEvent } from './builders'
import { startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

const READERS = 600
const POOL = 5
const KILLS_WHILE_SENDING = 4

describe('crash trials of the digest command', () => {
  let smtp: TestSmtpServer
  let library: MailingLibrary
  const seed = Number(process.env.CRASH_TRIAL_SEED ?? Date.now() % 100_000)
  const random = prng(seed)

  beforeAll(async () => {
    // 5% of messages answered 451, 1% of connections dropped before the server answers.
    library = await startMailingLibrary('newsletter-digest-crash', {
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

  /** `npm run newsletter -- digest --window weekly --at …` in its own process group, so a kill takes its sending children too. */
  function startDigest(at: Date): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
    let output = ''
    const child = spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', 'scripts/newsletter.ts', '--', 'digest', '--window', 'weekly', '--at', at.toISOString()], {
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
        // The trial's 451s are throttling: the pace slows and recovers on the trial's millisecond scale.
        NEWSLETTER_THROTTLE_PAUSE_MS: '10',
        NEWSLETTER_THROTTLE_MAX_PAUSE_MS: '40',
        NEWSLETTER_THROTTLE_RECOVER_AFTER: '10',
        NEWSLETTER_THROTTLE_RETRY_MS: '100',
        NEWSLETTER_ANSWER_TIMEOUT_MS: '5000',
        LOG_LEVEL: 'error',
        // The test process migrated the database; the command must not re-run a migration regenerated meanwhile.
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

  const kill = async (run: ReturnType<typeof startDigest>) => {
    process.kill(-run.child.pid!, 'SIGKILL')
    await run.exited
  }

  it(`when the digest command is SIGKILLed while adding recipients and ${KILLS_WHILE_SENDING} times while sending, then run again until done and once more, every reader gets the digest, duplicates stay within the pool size per crash and are reported, and the extra run sends nothing`, async () => {
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
    const readers: string[] = []
    for (let index = 0; index < READERS; index += 1) {
      const email = `digest${index}@example.test`
      readers.push(email)
      await payload.db.create({
        collection: 'subscribers',
        data: { email, language: ['en', 'hi', 'ta'][index % 3], status: 'confirmed', frequency: 'weekly', specialties: [specialty.id], confirmationsInWindow: 0 },
        returning: false,
      })
    }
    await payload.db.create({ collection: 'subscribers', data: { email: 'every@example.test', language: 'en', status: 'confirmed', frequency: 'every-update', specialties: [specialty.id] }, returning: false })
    await aPublishEvent(payload, String(article.id), { changeKind: 'clinical', revision: 1 })
    const week = windowContaining('weekly', new Date())
    const rows = async () => (await payload.db.count({ collection: 'newsletter-deliveries', where: { key: { like: `:${week.key}` } } })).totalDocs

    // Killed once some rows are written, before the digest is fully prepared (when the machine is fast enough to catch it).
    const preparing = startDigest(week.end)
    while ((await rows()) === 0 && preparing.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5))
    const rowsAtKill = await rows()
    await kill(preparing)

    let kills = 0
    while (kills < KILLS_WHILE_SENDING) {
      const before = smtp.accepted.length
      const run = startDigest(week.end)
      const target = before + 1 + Math.floor(random() * 80)
      while (smtp.accepted.length < target && run.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5))
      if (run.child.exitCode !== null) {
        console.log(`digest command exited with ${run.child.exitCode} after ${kills} kills:\n${run.output().slice(-3000)}`)
        break
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)))
      await kill(run)
      kills += 1
    }
    let lastOutput = ''
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const run = startDigest(week.end)
      const code = await run.exited
      lastOutput = run.output()
      if (code !== 0) throw new Error(`The digest command failed with ${code}:\n${lastOutput.slice(-3000)}`)
      if (/: completed, \d+ recipients/.test(lastOutput)) break
    }
    const acceptedWhenDone = smtp.accepted.length
    const extra = startDigest(new Date(week.end.getTime() + 3_600_000))
    const extraCode = await extra.exited

    const received = smtp.accepted.flatMap((message) => message.recipients)
    const unique = new Set(received)
    const missing = readers.filter((email) => !unique.has(email))
    const duplicates = received.length - unique.size
    const send = (await payload.find({ collection: 'newsletter-sends', where: { key: { equals: `digest:${week.key}` } }, depth: 0, overrideAccess: true })).docs[0]
    const { summarizeSend } = await import('../../src/newsletter/sendOperations')
    const { createNewsletter } = await import('../../src/newsletter/createNewsletter')
    const summary = await summarizeSend(createNewsletter(payload), String(send.id))
    console.log(JSON.stringify({ seed, rowsAtKill, kills, received: received.length, unique: unique.size, duplicates, reported: summary.possibleDuplicates, refused: smtp.refused.length }))

    expect(kills).toBe(KILLS_WHILE_SENDING)
    expect(missing).toEqual([])
    expect([...unique].sort()).toEqual([...readers].sort())
    expect(duplicates).toBeLessThanOrEqual(POOL * kills)
    expect(summary.possibleDuplicates).toBeGreaterThanOrEqual(duplicates)
    expect(summary).toMatchObject({ kind: 'digest', status: 'completed', total: READERS })
    expect(summary.byStatus.sent).toBe(READERS)
    expect(lastOutput).toContain(`Digest ${week.key}: ${READERS} of ${READERS} sent`)
    expect(extraCode).toBe(0)
    expect(extra.output()).toContain('recipients were prepared by an earlier run')
    expect(smtp.accepted.length).toBe(acceptedWhenDone)
  }, 900_000)
})
