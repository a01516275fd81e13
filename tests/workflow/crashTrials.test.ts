import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { applyEnvironment } from '../support/environment'
import { api, login } from '../support/http'
import { restartServer, startServer, type RunningServer } from '../support/server'
import { translateWhole } from '../localization/support/library'
import { SEEDED } from './builders'
import { prng } from '../support/random'

const TRIALS = Number(process.env.CRASH_TRIALS ?? 20)
const MAX_KILL_DELAY_MS = 300
/** How long after a restart the published files, jobs and sends may take to agree with the database. */
const CATCH_UP_LIMIT_MS = 30_000
const SLUG = 'bone-metastases'
const HINDI = 'hi'

type Who = keyof typeof SEEDED
type Action = 'submit' | 'approve' | 'publish' | 'approve hi'

interface Trial {
  trial: number
  action: Action
  /** `request`: a random delay after the request was sent; `job`: while the publish job runs. */
  killAt: string
  committed: boolean
  liveRevision: number
  fileRevision: number | null
  eventsOk: boolean
  jobOk: boolean
  newsletterOk: boolean
  actionsOk: boolean
  catchUpSeconds: number
}


const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('crash trials of the review workflow', () => {
  let server: RunningServer
  const token = {} as Record<Who, string>
  let articleId: string
  /** Reads the server's database through the Local API (the jobs queue has no REST reads); runs no jobs. */
  let inspector: Payload
  const seed = Number(process.env.CRASH_TRIAL_SEED ?? Date.now() % 100_000)
  const random = prng(seed)

  const call = (pathname: string, options: Parameters<typeof api>[2] = {}) => api(server.baseURL, pathname, options)

  async function signIn(): Promise<void> {
    for (const [key, { email, password }] of Object.entries(SEEDED)) token[key as Who] = await login(server.baseURL, email, password)
  }

  const draft = async () => (await call(`/api/articles/${articleId}?draft=true&depth=0`, { token: token.editor })).body
  const live = async () => (await call(`/api/articles/${articleId}?depth=0`)).body
  const events = async () =>
    (await call(`/api/workflow-events?where[article][equals]=${articleId}&limit=1000&depth=0&sort=createdAt`, { token: token.admin })).body.docs as Array<Record<string, any>>
  const hindiState = async () => {
    const response = await call(`/api/articles/${articleId}/translations`, { token: token.admin })
    return response.body.locales.find((status: { locale: string }) => status.locale === HINDI)?.state as string
  }
  const pendingJobs = async () =>
    (await inspector.find({ collection: 'payload-jobs', where: { completedAt: { exists: false } }, limit: 100, depth: 0, overrideAccess: true })).docs as Array<Record<string, any>>
  const sends = async () =>
    (await call(`/api/newsletter-sends?where[article][equals]=${articleId}&limit=1000&depth=0`, { token: token.admin })).body.docs as Array<Record<string, any>>
  const publishedFile = (locale: string): Record<string, any> | null => {
    try {
      return JSON.parse(fs.readFileSync(path.join(server.env.PUBLISH_DIR, locale, 'articles', `${SLUG}.json`), 'utf8'))
    } catch {
      return null
    }
  }
  const buttons = async (who: Who) => (await call(`/api/articles/${articleId}/transition`, { token: token[who] })).body.actions as unknown[]

  /** Readies the article for the next action and names it: the workflow's next step, and after each publish a translation's approval. */
  async function prepareAction(trial: number, previous: Action | null): Promise<Action> {
    if ((await hindiState()) === 'in_review') return 'approve hi'
    const current = await draft()
    switch (current.workflowState) {
      case 'in_review':
        return 'approve'
      case 'approved':
        return 'publish'
      case 'draft':
      case 'changes_requested':
        return 'submit'
      default: {
        if (previous === 'publish' && (await hindiState()) !== 'approved') {
          await translateWhole(server.baseURL, token.translatorHi, articleId, HINDI, `परीक्षण ${trial}: `)
          return 'approve hi'
        }
        const edited = await call(`/api/articles/${articleId}?draft=true`, {
          method: 'PATCH',
          token: token.editor,
          body: { summary: `${current.summary.replace(/ \(update \d+\)$/, '')} (update ${trial})`, changelogNote: `Update ${trial}: the summary was revised.` },
        })
        if (edited.status !== 200) throw new Error(`Editing the draft failed with ${edited.status}: ${JSON.stringify(edited.body)}`)
        return 'submit'
      }
    }
  }

  function send(action: Action): Promise<unknown> {
    const request =
      action === 'submit'
        ? call(`/api/articles/${articleId}/transition`, { token: token.editor, body: { to: 'in_review', changeKind: 'clinical' } })
        : action === 'approve'
          ? call(`/api/articles/${articleId}/transition`, { token: token.reviewer, body: { to: 'approved' } })
          : action === 'publish'
            ? call(`/api/articles/${articleId}/transition`, { token: token.editor, body: { to: 'published' } })
            : call(`/api/articles/${articleId}/locales/${HINDI}/transition`, { token: token.reviewer, body: { to: 'approved' } })
    return request.catch(() => null)
  }

  /** Kills while the publish job of this publish runs, or gives up after a few seconds (the kill comes then). */
  async function whilePublishJobRuns(): Promise<string> {
    const started = Date.now()
    while (Date.now() - started < 6_000) {
      const running = (await pendingJobs().catch(() => [])).some((job) => job.taskSlug === 'publishArticle' && job.processing)
      if (running) return `job (${Date.now() - started} ms)`
      await pause(20)
    }
    return 'job (not seen)'
  }

  const countOf = (all: Array<Record<string, any>>, action: Action) =>
    all.filter((event) =>
      action === 'approve hi'
        ? event.locale === HINDI && event.to === 'approved'
        : !event.locale && event.to === { submit: 'in_review', approve: 'approved', publish: 'published' }[action],
    ).length

  beforeAll(async () => {
    server = await startServer('workflow-crash')
    await signIn()
    const found = await call(`/api/articles?where[slug][equals]=${SLUG}&draft=true&depth=0`, { token: token.editor })
    articleId = found.body.docs[0].id
    applyEnvironment(server)
    // Only while the inspector's config loads: the restarted servers inherit this process's environment.
    Object.assign(process.env, { JOBS_AUTORUN: 'false', PAYLOAD_MIGRATING: 'true' })
    try {
      const { default: config } = await import('../../src/payload.config')
      const { getPayload } = await import('payload')
      inspector = await getPayload({ config })
    } finally {
      delete process.env.JOBS_AUTORUN
      delete process.env.PAYLOAD_MIGRATING
    }
  }, 180_000)

  afterAll(async () => {
    await inspector?.destroy()
    await server?.stop()
  })

  it(`when the server's process group is SIGKILLed ${TRIALS} times during submit, approve, publish and translation approval and restarted, then the live revision, the files, the events, the publish job and the newsletter send agree every time, and every state has a way out`, async () => {
    const trials: Trial[] = []
    const liveRevisions = new Set<number>([(await live()).revision])

    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const action = await prepareAction(trial, trials.at(-1)?.action ?? null)
      const eventsBefore = countOf(await events(), action)
      const revisionBefore = (await live()).revision as number

      const inFlight = send(action)
      let killAt: string
      if (action === 'publish' && trial % 3 === 0) {
        killAt = await whilePublishJobRuns()
      } else {
        const delay = Math.floor(random() * (MAX_KILL_DELAY_MS + 1))
        await pause(delay)
        killAt = `${delay} ms`
      }
      await server.kill()
      await inFlight
      server = await restartServer(server)
      const restartedAt = Date.now()
      await signIn()

      const after = await draft()
      const liveNow = await live()
      const liveRevision = liveNow.revision as number
      const committed =
        action === 'approve hi'
          ? (await hindiState()) === 'approved'
          : action === 'publish'
            ? liveRevision === revisionBefore + 1 && after.workflowState === 'published'
            : after.workflowState === { submit: 'in_review', approve: 'approved' }[action]
      if (action === 'publish' && committed) liveRevisions.add(liveRevision)

      const allEvents = await events()
      const publishedEventsOk = [...liveRevisions].every(
        (revision) => allEvents.filter((event) => !event.locale && event.to === 'published' && event.revision === revision).length === (revision === 1 ? 0 : 1),
      )
      const eventsOk = publishedEventsOk && countOf(allEvents, action) === eventsBefore + (committed ? 1 : 0) && liveRevision === Math.max(...liveRevisions)

      // Files, jobs and sends follow the database within the catch-up limit.
      let fileRevision: number | null = null
      let jobOk = false
      let newsletterOk = false
      let fileOk = false
      const newsworthy = [...liveRevisions].filter((revision) => revision > 1).sort((a, b) => a - b)
      while (Date.now() - restartedAt < CATCH_UP_LIMIT_MS) {
        const english = publishedFile('en')
        fileRevision = english?.version?.revision ?? null
        const hindi = publishedFile(HINDI)
        fileOk =
          fileRevision === liveRevision &&
          (action !== 'approve hi' || !committed || (hindi?.translation?.fallback === false && hindi?.version?.revision === liveRevision))
        const jobs = await pendingJobs()
        jobOk = !jobs.some((job) => ['publishArticle', 'newsletterPrepareSend'].includes(job.taskSlug))
        const sendRevisions = (await sends()).map((one) => one.revision as number).sort((a, b) => a - b)
        newsletterOk = JSON.stringify(sendRevisions) === JSON.stringify(newsworthy)
        if (fileOk && jobOk && newsletterOk) break
        await pause(250)
      }
      const catchUpSeconds = Math.round((Date.now() - restartedAt) / 100) / 10

      const state = after.workflowState as string
      const actionsOk = (await buttons('editor')).length + (await buttons('reviewer')).length > 0 && ['draft', 'in_review', 'approved', 'published', 'changes_requested'].includes(state)

      trials.push({ trial, action, killAt, committed, liveRevision, fileRevision: fileOk ? fileRevision : fileRevision ?? null, eventsOk, jobOk, newsletterOk, actionsOk, catchUpSeconds })
      if (!(fileOk && eventsOk && jobOk && newsletterOk && actionsOk)) {
        console.log(`Trial ${trial} disagrees (seed ${seed}):\n${JSON.stringify({ trial: trials.at(-1), state, fileOk }, null, 2)}\n${server.output().slice(-4000)}`)
        break
      }
      if (!committed) {
        // What the kill undid can be asked for again at once: the same button works after the restart.
        const retried = (await send(action)) as { status: number; body: unknown } | null
        if (retried?.status !== 200) throw new Error(`After trial ${trial}, ${action} again answered ${retried?.status}: ${JSON.stringify(retried?.body)}`)
        if (action === 'publish') liveRevisions.add((await live()).revision)
      }
    }

    const header = '| trial | action | kill at | committed? | live revision | file revision | events ok | job ok | newsletter ok | way out | catch-up s |'
    const rows = trials.map(
      (one) =>
        `| ${one.trial} | ${one.action} | ${one.killAt} | ${one.committed ? 'yes' : 'no'} | ${one.liveRevision} | ${one.fileRevision ?? '-'} | ${one.eventsOk ? 'yes' : 'NO'} | ${one.jobOk ? 'yes' : 'NO'} | ${one.newsletterOk ? 'yes' : 'NO'} | ${one.actionsOk ? 'yes' : 'NO'} | ${one.catchUpSeconds} |`,
    )
    console.log(`Crash trials (seed ${seed}):\n${header}\n|${'---|'.repeat(11)}\n${rows.join('\n')}`)

    expect(trials).toHaveLength(TRIALS)
    for (const one of trials) {
      expect({ trial: one.trial, eventsOk: one.eventsOk, jobOk: one.jobOk, newsletterOk: one.newsletterOk, actionsOk: one.actionsOk, file: one.fileRevision }).toEqual({
        trial: one.trial,
        eventsOk: true,
        jobOk: true,
        newsletterOk: true,
        actionsOk: true,
        file: one.liveRevision,
      })
      expect(one.catchUpSeconds).toBeLessThanOrEqual(CATCH_UP_LIMIT_MS / 1000)
    }
    const actions = new Set(trials.map((one) => one.action))
    expect([...actions].sort()).toEqual(['approve', 'approve hi', 'publish', 'submit'])
    expect(trials.some((one) => one.committed) && trials.some((one) => !one.committed)).toBe(true)
  }, 1_200_000)
})
