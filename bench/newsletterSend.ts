/*
 * Part of `npm run bench:newsletter`: the measured run. One update send, end to end: the ledger
 * is prepared, every language released, and the runner renders, sends and records each message.
 * Prints one JSON line with the count, the seconds and this process's peak RSS.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { createNewsletter } from '../src/newsletter/service'

const payload = await getPayload({ config })
const newsletter = createNewsletter(payload, { options: { graceHours: 0 } })
const rssBefore = process.memoryUsage().rss
let peak = process.memoryUsage()
const sampler = setInterval(() => {
  const now = process.memoryUsage()
  if (now.rss > peak.rss) peak = now
}, 100)
const started = performance.now()
const { send } = await newsletter.preparer.prepareFromEvent(String(process.env.BENCH_EVENT_ID))
await newsletter.releaser.release(String(send!.id))
const preparedAfter = (performance.now() - started) / 1000
const report = await newsletter.runner.run(String(send!.id))
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const atPeak = { heapTotalMb: mb(peak.heapTotal), heapUsedMb: mb(peak.heapUsed), externalMb: mb(peak.external), arrayBuffersMb: mb(peak.arrayBuffers) }
newsletter.mailer.close?.()
console.log(
  `RESULT ${JSON.stringify({ sent: report.sent, outcome: report.outcome, seconds, preparedAfter, rssAtStartMb: rssBefore / 1024 / 1024, peakRssMb: process.resourceUsage().maxRSS / 1024, atPeak })}`,
)
await payload.destroy()
process.exit(0)
