import type { TaskConfig } from 'payload'

import { requestProcessRecycle } from '../jobs/recycle'
import { sendConfirmation } from './subscriptions'
import { newsletterFor } from './createNewsletter'
import type { DigestWindowKind } from './digestWindows'
import { NEWSLETTER_TASKS } from './taskSlugs'

/*
 * The newsletter's jobs. Each carries ids only and reloads what it needs, so a job run twice, or
 * by another worker after a crash, finds the ledger as it is and carries on from there.
 */

const text = (name: string) => ({ name, type: 'text' as const, required: true })

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
      await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: { sendId: String(prepared.send.id) } })
      return { output: { window: prepared.window.key, sendId: String(prepared.send.id), recipients: prepared.recipients } }
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
      await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: { sendId: String(send.id) } })
      const waiting = Object.values((send.languages as Record<string, { released: boolean }>) ?? {}).some((release) => !release.released)
      if (waiting && send.graceUntil) {
        await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.releaseLanguages, input: { sendId: String(send.id) }, waitUntil: new Date(send.graceUntil) })
      }
      return { output: { sendId: String(send.id), recipients: page.added, complete: page.complete } }
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
    inputSchema: [text('sendId')],
    retries: { attempts: 10, backoff: { type: 'exponential', delay: 30_000 } },
    handler: async ({ input, req }) => {
      const newsletter = newsletterFor(req.payload)
      const report = await newsletter.runner.run(String(input.sendId))
      if (report.outcome === 'later' && report.resumeAt) {
        await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: { sendId: report.sendId }, waitUntil: new Date(report.resumeAt) })
      }
      if (report.outcome === 'yielded') {
        await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: { sendId: report.sendId } })
        requestProcessRecycle(`newsletter send ${report.sendId} handed over its share of recipients`)
      }
      return { output: { ...report } }
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
