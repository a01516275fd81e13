/*
 * Part of `npm run bench:newsletter`: the measured run. One update send, end to end: the ledger
 * is prepared, every language released, and the runner renders, sends and records each message.
 * Like the product's worker, it stops once it has worked through NEWSLETTER_RECIPIENTS_PER_PROCESS
 * ledger rows (outcome `yielded`); the bench then starts a fresh process with BENCH_SEND_ID (and
 * BENCH_PREPARED once the ledger is complete) set, which carries on with the same send. Prints one
 * JSON line with the count, when the work started and ended, and this process's peak RSS.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { declareProcessReplaceable } from '../src/jobs/recycle'
import { createNewsletter } from '../src/newsletter/createNewsletter'

declareProcessReplaceable()
const payload = await getPayload({ config })
const newsletter = createNewsletter(payload, { options: { graceHours: 0 } })
const rssBefore = process.memoryUsage().rss
let peak = process.memoryUsage()
const sampler = setInterval(() => {
  const now = process.memoryUsage()
  if (now.rss > peak.rss) peak = now
}, 100)
const startedAt = Date.now()
let sendId = process.env.BENCH_SEND_ID
let prepared = process.env.BENCH_PREPARED === 'true'
let preparedAt: number | null = null
if (!prepared) {
  const { send, complete } = await newsletter.preparer.prepareFromEvent(String(process.env.BENCH_EVENT_ID))
  sendId = String(send!.id)
  prepared = complete
  if (complete) {
    await newsletter.releaser.release(sendId)
    preparedAt = Date.now()
  }
}
const report = prepared ? await newsletter.runner.run(sendId!) : { sent: 0, outcome: 'yielded' }
const endedAt = Date.now()
clearInterval(sampler)
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const atPeak = { heapTotalMb: mb(peak.heapTotal), heapUsedMb: mb(peak.heapUsed), externalMb: mb(peak.external), arrayBuffersMb: mb(peak.arrayBuffers) }
newsletter.mailer.close?.()
console.log(
  `RESULT ${JSON.stringify({ sendId, prepared, sent: report.sent, outcome: report.outcome, startedAt, endedAt, preparedAt, rssAtStartMb: rssBefore / 1024 / 1024, peakRssMb: process.resourceUsage().maxRSS / 1024, atPeak })}`,
)
await payload.destroy()
process.exit(0)
