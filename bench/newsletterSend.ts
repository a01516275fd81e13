/*
 * Part of `npm run bench:newsletter`: the measured run. One update send, end to end, as the
 * product's jobs run it: the first process of lane 0 opens the send of the publish event (and
 * prints `OPENED <id>`), and each lane's runner adds the recipients page by page while it renders,
 * sends and records the messages of those already added. BENCH_LANE and BENCH_LANES name this
 * process's lane, as a send job's input does. Like the product's worker, a process stops once it
 * has written NEWSLETTER_RECIPIENTS_PER_PROCESS ledger rows (outcome `yielded`), and the next one
 * of its lane, started on standby meanwhile, carries on with the send its turn names. Prints one
 * JSON line with the count, when the work started and ended, and this process's peak RSS.
 */
import { performance } from 'node:perf_hooks'

import config from '@payload-config'
import { getPayload } from 'payload'

import { declareProcessReplaceable } from '../src/jobs/recycle'
import { waitForTurn } from '../src/jobs/standby'
import { createNewsletter } from '../src/newsletter/createNewsletter'
import { laneOfInput } from '../src/newsletter/lanes'

declareProcessReplaceable()
const payload = await getPayload({ config })
const newsletter = createNewsletter(payload, { options: { graceHours: 0 } })
let sendId = (await waitForTurn()) || process.env.BENCH_SEND_ID
const rssBefore = process.memoryUsage().rss
let peak = process.memoryUsage()
const sampler = setInterval(() => {
  const now = process.memoryUsage()
  if (now.rss > peak.rss) peak = now
}, 100)
const startedAt = Date.now()
const cpuAtStart = process.cpuUsage()
const loopAtStart = performance.eventLoopUtilization()
if (!sendId) {
  const { send } = await newsletter.preparer.openFromEvent(String(process.env.BENCH_EVENT_ID))
  sendId = String(send!.id)
  console.log(`OPENED ${sendId}`)
}
const report = await newsletter.runner.run(sendId, laneOfInput({ lane: process.env.BENCH_LANE, lanes: process.env.BENCH_LANES }))
const endedAt = Date.now()
const cpu = process.cpuUsage(cpuAtStart)
const loop = performance.eventLoopUtilization(loopAtStart)
clearInterval(sampler)
const send = await payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0 })
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const atPeak = { heapTotalMb: mb(peak.heapTotal), heapUsedMb: mb(peak.heapUsed), externalMb: mb(peak.external), arrayBuffersMb: mb(peak.arrayBuffers) }
newsletter.mailer.close?.()
console.log(
  `RESULT ${JSON.stringify({
    sendId,
    lane: Number(process.env.BENCH_LANE ?? 0),
    sent: report.sent,
    outcome: report.outcome,
    startedAt,
    endedAt,
    preparedAt: send.preparedAt ? new Date(send.preparedAt).getTime() : null,
    cpuMs: (cpu.user + cpu.system) / 1000,
    mainThreadBusy: Number(loop.utilization.toFixed(2)),
    rssAtStartMb: rssBefore / 1024 / 1024,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    atPeak,
  })}`,
)
await payload.destroy()
process.exit(0)
