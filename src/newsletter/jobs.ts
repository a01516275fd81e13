import type { TaskConfig } from 'payload'

import { requestProcessRecycle } from '../jobs/recycle'
import { sendConfirmation } from './subscriptions'
import { newsletterFor } from './createNewsletter'
import type { DigestWindowKind } from './digestWindows'
import { laneOfInput } from './lanes'
import { queueSendJobs, sendJobInput } from './sendJobs'
import { NEWSLETTER_TASKS } from './taskSlugs'

/*
 * The newsletter's jobs. Each carries ids only and reloads what it needs, so a job run twice, or
 * by another worker after a crash, finds the ledger as it is and carries on from there.
 */

const text = (name: string) => ({ name, type: 'text' as const, required: true })

/** How long a send job that reached a process already working its send waits before another process may take it. */
const LANE_ELSEWHERE_MS = 1000

/** Sends this process is working right now: a second job for one of them belongs in another process. */
const sendsWorkedHere = new Set<string>()

/**
 * When the digests are prepared, on the clock of the process that runs the schedule (run it in
 * UTC, as the windows are): Mondays and the 1st of each month at 06:00. Any run after a window has
 * closed prepares that window, and a window is prepared and sent once, however often it runs.
 */
export const DIGEST_SCHEDULES: Record<DigestWindowKind, string> = {
  weekly: '0 0 6 * * 1',
  monthly: '0 0 6 1 * *',
}

/** Prepares the digest of the window closed by `at` (the time the job was queued), then queues its send. */
function digestTask(window: DigestWindowKind, slug: (typeof NEWSLETTER_TASKS)['weeklyDigest' | 'monthlyDigest']): TaskConfig<any> {
  return {
    slug,
    label: `Newsletter: prepare and send the ${window} digest`,
    inputSchema: [{ name: 'at', type: 'text' }],
    retries: { attempts: 5, backoff: { type: 'exponential', delay: 30_000 } },
    schedule: [{ cron: DIGEST_SCHEDULES[window], queue: 'default' }],
    handler: async ({ input, job, req }) => {
      const newsletter = newsletterFor(req.payload)
      // A scheduled job has no input: the window is the one closed when it became due, so a late run still sends that one.
      const at = input?.at ? String(input.at) : (job.waitUntil ?? job.createdAt ?? new Date().toISOString())
      const prepared = await newsletter.digests.prepare(window, new Date(at))
      if (!prepared.send) return { output: { window: prepared.window.key, sendId: null, recipients: 0 } }
      if (!prepared.complete) {
        await req.payload.jobs.queue({ task: slug, input: { at } })
        requestProcessRecycle(`newsletter digest ${prepared.window.key} is being prepared`)
        return { output: { window: prepared.window.key, sendId: String(prepared.send.id), recipients: prepared.recipients, complete: false } }
      }
      const lanes = await queueSendJobs(newsletter, String(prepared.send.id), { preparing: false, waiting: prepared.recipients })
      return { output: { window: prepared.window.key, sendId: String(prepared.send.id), recipients: prepared.recipients, lanes } }
    },
  }
}

export const newsletterTasks: TaskConfig<any>[] = [
  {
    slug: NEWSLETTER_TASKS.prepareSend,
    label: 'Newsletter: prepare the send of a published update',
    inputSchema: [text('workflowEventId')],
    retries: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
    handler: async ({ input, req }) => {
      const newsletter = newsletterFor(req.payload)
      const { send } = await newsletter.preparer.openFromEvent(String(input.workflowEventId))
      if (!send) return { output: { sendId: null, recipients: 0 } }
      // The first page is added here; the send job adds the rest while it emails those already added.
      const page = await newsletter.preparer.preparePage(String(send.id))
      const lanes = await queueSendJobs(newsletter, String(send.id), { preparing: !page.complete, waiting: page.added })
      const waiting = Object.values((send.languages as Record<string, { released: boolean }>) ?? {}).some((release) => !release.released)
      if (waiting && send.graceUntil) {
        await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.releaseLanguages, input: { sendId: String(send.id) }, waitUntil: new Date(send.graceUntil) })
      }
      return { output: { sendId: String(send.id), recipients: page.added, complete: page.complete, lanes } }
    },
  },
  {
    slug: NEWSLETTER_TASKS.releaseLanguages,
    label: 'Newsletter: release languages whose translation is out or whose grace period is over',
    inputSchema: [{ name: 'sendId', type: 'text' }, { name: 'articleId', type: 'text' }],
    retries: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
    handler: async ({ input, req }) => {
      const newsletter = newsletterFor(req.payload)
      const sendIds = input.sendId ? [String(input.sendId)] : await newsletter.releaser.sendsWaitingFor(String(input.articleId))
      const released: string[] = []
      for (const sendId of sendIds) {
        const languages = await newsletter.releaser.release(sendId)
        if (languages.length > 0) {
          released.push(...languages.map((language) => `${sendId}:${language}`))
          await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: { sendId } })
        }
      }
      return { output: { released } }
    },
  },
  {
    slug: NEWSLETTER_TASKS.send,
    label: 'Newsletter: work through a send’s recipient ledger',
    inputSchema: [text('sendId'), { name: 'lane', type: 'number' }, { name: 'lanes', type: 'number' }],
    retries: { attempts: 10, backoff: { type: 'exponential', delay: 30_000 } },
    handler: async ({ input, req }) => {
      const newsletter = newsletterFor(req.payload)
      const sendId = String(input.sendId)
      const lane = laneOfInput(input)
      // Two jobs of one send in one process would share its core and its pool: the second waits
      // for another process (a worker takes a batch of jobs at once, so it may hold both).
      if (sendsWorkedHere.has(sendId)) {
        await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: sendJobInput(sendId, lane), waitUntil: new Date(Date.now() + LANE_ELSEWHERE_MS) })
        return { output: { sendId, lane: lane.index, outcome: 'elsewhere' } }
      }
      sendsWorkedHere.add(sendId)
      const report = await newsletter.runner.run(sendId, lane).finally(() => sendsWorkedHere.delete(sendId))
      if (report.outcome === 'later' && report.resumeAt) {
        await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: sendJobInput(sendId, lane), waitUntil: new Date(report.resumeAt) })
      }
      if (report.outcome === 'yielded') {
        await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: sendJobInput(sendId, lane) })
        requestProcessRecycle(`newsletter send ${report.sendId} handed over its share of recipients`)
      }
      return { output: { ...report, lane: lane.index } }
    },
  },
  {
    slug: NEWSLETTER_TASKS.confirmation,
    label: 'Newsletter: send a double opt-in confirmation email',
    inputSchema: [text('subscriberId')],
    retries: { attempts: 5, backoff: { type: 'exponential', delay: 30_000 } },
    handler: async ({ input, req }) => {
      const outcome = await sendConfirmation(newsletterFor(req.payload), String(input.subscriberId))
      return { output: { outcome } }
    },
  },
  digestTask('weekly', NEWSLETTER_TASKS.weeklyDigest),
  digestTask('monthly', NEWSLETTER_TASKS.monthlyDigest),
]
