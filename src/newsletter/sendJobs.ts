import { readEnvironment } from '../environment/readEnvironment'
import { processIsReplaceable } from '../jobs/recycle'
import type { Newsletter } from './createNewsletter'
import { lanesFor, type SendLane } from './lanes'
import { NEWSLETTER_TASKS } from './taskSlugs'

/** A send job's input: the send, and its lane when the send has more than one. */
export const sendJobInput = (sendId: string, lane: SendLane): { sendId: string; lane?: number; lanes?: number } =>
  lane.of > 1 ? { sendId, lane: lane.index, lanes: lane.of } : { sendId }

/** How many lanes the send gets now, by its size (`lanesFor`). */
export async function lanesNow(newsletter: Newsletter, sendId: string, size: { preparing: boolean; waiting?: number }): Promise<number> {
  const { options } = newsletter
  const waiting = size.waiting ?? (await newsletter.ledger.backlog(sendId))
  return lanesFor({ configured: options.sendingProcesses, pool: options.concurrency, pageSize: options.preparationPage, preparing: size.preparing, waiting })
}

/**
 * Queues a job per lane of the send; returns how many. Lanes are for sends whose jobs workers run
 * (a worker queues it, or the web process leaves its jobs to workers with JOBS_AUTORUN=false): the
 * web process's own runner works on one core, where a second lane would only split its pool.
 */
export async function queueSendJobs(newsletter: Newsletter, sendId: string, size: { preparing: boolean; waiting?: number }): Promise<number> {
  const inWorkers = processIsReplaceable() || !readEnvironment().jobs.autoRun
  const lanes = inWorkers ? await lanesNow(newsletter, sendId, size) : 1
  for (let index = 0; index < lanes; index += 1) {
    await newsletter.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: sendJobInput(sendId, { index, of: lanes }) })
  }
  return lanes
}
