import type { ParsedMail } from 'mailparser'
import type { Payload } from 'payload'

import { windowContaining } from '../../src/newsletter/digestWindows'
import { NEWSLETTER_TASKS } from '../../src/newsletter/taskSlugs'
import { runScript, SCRIPT_NODE_OPTIONS } from '../support/cli'
import type { TestSmtpServer } from '../support/smtpServer'
import { accessibilityProblems, privacyProblems } from './emailChecks'
import { aPublishEvent, aSubscriber, aTranslationApproval, runDueJobs, seedArticle } from './builders'
import { serveRootEndpoints, type EndpointServer } from './endpointServer'
import { PUBLIC_ADDRESSES, startMailingLibrary, stopMailingLibrary, type MailingLibrary } from './support'

/*
 * How often readers hear from us, end to end: readers subscribe and confirm over HTTP, updates are
 * published as the workflow records them, digests go out by the command line and by the jobs
 * queue, and every email is read back from a real SMTP server.
 */

const SEED_CONTEXT = { seeding: true }
const HINDI_TITLE = 'हड्डी में मेटास्टेसिस'
const ARTICLE_PATH = '/articles/bone-metastases'

let library: MailingLibrary
let payload: Payload
let smtp: TestSmtpServer
let http: EndpointServer
let article: { id: string; specialtyId: string }

const header = (mail: ParsedMail, name: string): string =>
  (mail.headerLines.find((line) => line.key === name)?.line ?? '').replace(/^[^:]+:\s*/, '').replace(/\r?\n[ \t]+/g, ' ')
const linkIn = (mail: ParsedMail, path: string): string => new RegExp(`https://cms\\.example/api/newsletter/${path}\\?token=[^\\s"<>]+`).exec(String(mail.text))?.[0] ?? ''
/** A link from an email, sent to this test's HTTP server in place of the public address. */
const local = (link: string) => link.replace('https://cms.example', http.baseURL)

const subscribe = (body: Record<string, unknown>) =>
  fetch(`${http.baseURL}/api/newsletter/subscribe`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })

async function subscribeAndConfirm(email: string, frequency?: string) {
  const answer = await subscribe({ email, locale: 'en', specialties: ['orthopaedics'], ...(frequency ? { frequency } : {}), source: 'frequency-test' })
  expect(answer.status).toBe(202)
  await runDueJobs(payload)
  const [confirmation] = await smtp.mailTo(email)
  const confirmed = await fetch(local(linkIn(confirmation, 'confirm')), { headers: { Accept: 'application/json' } })
  expect(await confirmed.json()).toEqual({ status: 'confirmed' })
  return (await payload.find({ collection: 'subscribers', where: { email: { equals: email } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
}

/** The digest command as an operator runs it, in its own process, on this library's database. */
const digestCommand = (window: 'weekly' | 'monthly', at: Date) =>
  // As `npm run newsletter -- digest …` does: after `--`, so `payload run` hands the options to the script.
  runScript('scripts/newsletter.ts', ['--', 'digest', '--window', window, '--at', at.toISOString()], {
    ...library.env,
    NODE_OPTIONS: SCRIPT_NODE_OPTIONS,
    // The test process migrated the database; the command must not run a migration regenerated meanwhile.
    PAYLOAD_MIGRATING: 'true',
    JOBS_AUTORUN: 'false',
    LOG_LEVEL: 'error',
  })

const mailsTo = async (email: string) => (await smtp.mailTo(email)).filter((mail) => !/confirm/i.test(String(mail.subject)))

beforeAll(async () => {
  library = await startMailingLibrary('newsletter-frequency', { env: PUBLIC_ADDRESSES })
  payload = library.payload
  smtp = library.smtp
  http = await serveRootEndpoints(payload)
  article = await seedArticle(payload)
  const source = await payload.findByID({ collection: 'articles', id: article.id, locale: 'en', depth: 0, draft: false })
  await payload.update({
    collection: 'articles',
    id: article.id,
    locale: 'hi',
    data: { summary: source.summary, sections: source.sections, title: HINDI_TITLE, changelogNote: 'दर्द से राहत पर नई सलाह।' },
    context: SEED_CONTEXT,
  })
}, 120_000)

afterAll(async () => {
  await http?.stop()
  await stopMailingLibrary(library)
})

describe('choosing how often to hear from us', () => {
  const readers: Record<string, { id: string; email: string }> = {}

  it('when a subscribe body names an unknown frequency, then it is refused with a code and the allowed values, and nothing is stored', async () => {
    const answer = await subscribe({ email: 'often@example.test', locale: 'en', specialties: ['orthopaedics'], frequency: 'daily' })
    const body = await answer.json()

    expect(answer.status).toBe(400)
    expect(body.code).toBe('NEWSLETTER_FREQUENCY_UNKNOWN')
    expect(body.message).toBe('Unknown frequency "daily". Choose one of: every-update, clinical-only, weekly, monthly.')
    expect((await payload.count({ collection: 'subscribers', where: { email: { equals: 'often@example.test' } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  it('when readers subscribe over HTTP with each frequency (or none) and confirm, then each is confirmed with it; none means every update', async () => {
    for (const frequency of ['every-update', 'clinical-only', 'weekly', 'monthly', undefined] as const) {
      const email = `${frequency ?? 'unsaid'}.reader@example.test`
      const subscriber = await subscribeAndConfirm(email, frequency)
      expect(subscriber).toMatchObject({ status: 'confirmed', frequency: frequency ?? 'every-update' })
      readers[frequency ?? 'unsaid'] = { id: String(subscriber.id), email }
    }
  })

  it('when a clinical and then an editorial update are published, then every-update readers get both, clinical-only readers the clinical one, and digest readers neither', async () => {
    await aTranslationApproval(payload, article.id, 'hi', 3)

    await aPublishEvent(payload, article.id, { changeKind: 'clinical', revision: 2 })
    await runDueJobs(payload)
    await aPublishEvent(payload, article.id, { changeKind: 'editorial', revision: 3 })
    await runDueJobs(payload)

    const subjects = async (who: string) => (await mailsTo(readers[who].email)).map((mail) => mail.text?.includes('medical guidance') ? 'clinical' : 'editorial')
    expect(await subjects('every-update')).toEqual(['clinical', 'editorial'])
    expect(await subjects('unsaid')).toEqual(['clinical', 'editorial'])
    expect(await subjects('clinical-only')).toEqual(['clinical'])
    expect(await subjects('weekly')).toEqual([])
    expect(await subjects('monthly')).toEqual([])
  })

  describe('the weekly digest', () => {
    const week = windowContaining('weekly', new Date())
    /** The first moment after this week: its digest covers this week, where the updates above were published. */
    const afterThisWeek = week.end
    let hindi: { id: string; email: string }
    let tamil: { id: string; email: string }
    let elsewhere: { id: string; email: string }
    let firstRun: { code: number | null; output: string }

    beforeAll(async () => {
      hindi = await aSubscriber(payload, { language: 'hi', frequency: 'weekly' })
      tamil = await aSubscriber(payload, { language: 'ta', frequency: 'weekly' })
      const cardiology = await payload.create({
        collection: 'specialties',
        data: { slug: 'cardiology', name: 'Cardiology', doctorTitle: { singular: 'Cardiologist', plural: 'Cardiologists' } },
        context: SEED_CONTEXT,
      })
      elsewhere = await aSubscriber(payload, { language: 'en', frequency: 'weekly', specialties: [cardiology.id] })
      // An update published the day before this week began (written as it was then, without queueing its emails again): in no digest of this week.
      const dayBefore = new Date(week.start.getTime() - 86_400_000).toISOString()
      await payload.db.create({
        collection: 'workflow-events',
        data: { article: article.id, from: 'approved', to: 'published', changeKind: 'clinical', revision: 1, note: 'last week', createdAt: dayBefore, updatedAt: dayBefore },
        returning: false,
      })
      firstRun = await digestCommand('weekly', afterThisWeek)
    }, 180_000)

    it('when the command runs after the week, then it reports its progress and each weekly reader following an updated article gets exactly one digest', async () => {
      expect(firstRun.code).toBe(0)
      expect(firstRun.output).toContain(`Digest ${week.key} (`)
      expect(firstRun.output).toContain(`Digest ${week.key}: 2 update(s) in the window; 3 recipient(s) added`)
      expect(firstRun.output).toMatch(new RegExp(`Digest ${week.key}: 3 of 3 sent`))
      expect(await mailsTo(readers.weekly.email)).toHaveLength(1)
      expect(await mailsTo(hindi.email)).toHaveLength(1)
      expect(await mailsTo(tamil.email)).toHaveLength(1)
      expect(await mailsTo(elsewhere.email)).toHaveLength(0)
      expect(await mailsTo(readers.monthly.email)).toHaveLength(0)
      expect(await mailsTo(readers['every-update'].email)).toHaveLength(2)
    })

    it("when a reader reads their digest, then it lists exactly the week's updates, links to their page, and carries list headers, a plain-text part and the preferences link", async () => {
      const [mail] = await mailsTo(readers.weekly.email)
      const text = String(mail.text)

      expect(mail.subject).toMatch(/^Your weekly digest: updates from .+ to .+$/)
      expect(text).toContain('2 updates were published between')
      expect(text.match(/^\* /gm)).toHaveLength(2)
      expect(text).toContain('The medical guidance in this article has changed.')
      expect(text).toContain('The wording of this article has been improved.')
      expect(text).toContain(`https://health.example/en${ARTICLE_PATH}`)
      expect(header(mail, 'list-unsubscribe')).toMatch(/^<https:\/\/cms\.example\/api\/newsletter\/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$/)
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
      expect(linkIn(mail, 'preferences')).not.toBe('')
      const received = { html: String(mail.html), text }
      expect(accessibilityProblems(received, { code: 'en', dir: 'ltr' })).toEqual([])
      expect(privacyProblems(received, [`https://health.example/en${ARTICLE_PATH}`, linkIn(mail, 'preferences'), linkIn(mail, 'unsubscribe')])).toEqual([])
    })

    it('when the reader reads Hindi, whose translation is approved, then the digest is in Hindi and its entries link to the Hindi page; when Tamil, which has none, then the entries are the English page with a notice in Tamil', async () => {
      const [hindiMail] = await mailsTo(hindi.email)
      const [tamilMail] = await mailsTo(tamil.email)

      expect(hindiMail.headers.get('content-language')).toBe('hi')
      expect(hindiMail.subject).toMatch(/^आपका साप्ताहिक सार/)
      expect(String(hindiMail.text).match(new RegExp(`\\* ${HINDI_TITLE}`, 'g'))).toHaveLength(2)
      expect(String(hindiMail.text)).toContain(`https://health.example/hi${ARTICLE_PATH}`)
      expect(String(hindiMail.text)).not.toContain('उपलब्ध नहीं')
      expect(accessibilityProblems({ html: String(hindiMail.html), text: String(hindiMail.text) }, { code: 'hi', dir: 'ltr' })).toEqual([])

      expect(tamilMail.headers.get('content-language')).toBe('ta')
      expect(String(tamilMail.text)).toContain(`https://health.example/en${ARTICLE_PATH}`)
      expect(String(tamilMail.text)).not.toContain(`https://health.example/ta${ARTICLE_PATH}`)
      expect(String(tamilMail.text).match(/இந்தப் புதுப்பிப்பு இன்னும்/g)).toHaveLength(2)
    })

    it('when the command runs again for the same week, then nobody gets a second digest', async () => {
      const before = smtp.accepted.length

      const again = await digestCommand('weekly', new Date(afterThisWeek.getTime() + 3_600_000))

      expect(again.code).toBe(0)
      expect(again.output).toContain('recipients were prepared by an earlier run')
      expect(smtp.accepted.length).toBe(before)
      expect(await mailsTo(readers.weekly.email)).toHaveLength(1)
    })

    it('when the command runs for a week in which nothing was published, then it says so and sends nothing', async () => {
      const before = smtp.accepted.length

      const empty = await digestCommand('weekly', new Date(week.start.getTime() - 7 * 86_400_000))

      expect(empty.code).toBe(0)
      expect(empty.output).toContain('no updates were published in the window; nothing to send')
      expect(smtp.accepted.length).toBe(before)
    })

    it('when the command is given an unknown window, then it fails naming the allowed ones', async () => {
      const wrong = await runScript('scripts/newsletter.ts', ['--', 'digest', '--window', 'daily'], { ...library.env, NODE_OPTIONS: SCRIPT_NODE_OPTIONS, PAYLOAD_MIGRATING: 'true', JOBS_AUTORUN: 'false' })

      expect(wrong.code).toBe(1)
      expect(wrong.output).toContain('newsletter failed (NEWSLETTER_WINDOW_UNKNOWN): Unknown digest window "daily". Choose one of: weekly, monthly')
    })
  })

  it('when the monthly digest job runs after the month, then the monthly reader gets one digest of the month', async () => {
    const month = windowContaining('monthly', new Date())

    await payload.jobs.queue({ task: NEWSLETTER_TASKS.monthlyDigest, input: { at: month.end.toISOString() } })
    await runDueJobs(payload)
    await payload.jobs.queue({ task: NEWSLETTER_TASKS.monthlyDigest, input: { at: month.end.toISOString() } })
    await runDueJobs(payload)

    const mails = await mailsTo(readers.monthly.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toMatch(/^Your monthly digest: updates from 1st .+ to .+$/)
    expect(String(mails[0].text)).toContain('The medical guidance in this article has changed.')
  })

  it('when a reader opens the preferences link of a digest and chooses every update, then the page showed their choice and the next update reaches them at once', async () => {
    const [digest] = await mailsTo(readers.monthly.email)
    const link = local(linkIn(digest, 'preferences'))

    const shown = await fetch(link)
    const page = await shown.text()
    const saved = await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'frequency=every-update&language=en&specialties=orthopaedics' })
    const refused = await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: 'frequency=hourly&specialties=orthopaedics' })
    await aPublishEvent(payload, article.id, { changeKind: 'editorial', revision: 4 })
    await runDueJobs(payload)

    expect(shown.status).toBe(200)
    expect(page).toContain('<input type="radio" name="frequency" value="monthly" checked>')
    expect(page).toContain('A weekly digest of the week&#39;s updates')
    expect(saved.status).toBe(200)
    expect([refused.status, (await refused.json()).code]).toEqual([400, 'NEWSLETTER_FREQUENCY_UNKNOWN'])
    expect((await payload.findByID({ collection: 'subscribers', id: readers.monthly.id, depth: 0, overrideAccess: true })).frequency).toBe('every-update')
    expect(await mailsTo(readers.monthly.email)).toHaveLength(2)
  })
})

describe('the digest schedule', () => {
  it('when the queue handles its schedules, then the weekly digest is queued for the next Monday at 06:00 and the monthly one for the next 1st at 06:00', async () => {
    await payload.jobs.handleSchedules({ allQueues: true })

    const queued = await payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { in: [NEWSLETTER_TASKS.weeklyDigest, NEWSLETTER_TASKS.monthlyDigest] } },
      depth: 0,
      overrideAccess: true,
    })
    const dueOf = (task: string) => new Date(String(queued.docs.find((job) => job.taskSlug === task)?.waitUntil))
    const weekly = dueOf(NEWSLETTER_TASKS.weeklyDigest)
    const monthly = dueOf(NEWSLETTER_TASKS.monthlyDigest)

    // The schedule runs on the process's clock (run it in UTC); read in the same clock here.
    expect([weekly.getDay(), weekly.getHours(), weekly.getMinutes()]).toEqual([1, 6, 0])
    expect([monthly.getDate(), monthly.getHours(), monthly.getMinutes()]).toEqual([1, 6, 0])
    expect(weekly.getTime()).toBeGreaterThan(Date.now())
    expect(weekly.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000)
  })
})
