/*
 * `npm run newsletter -- status [sendId] | resume <sendId> | cancel <sendId> | unsubscribe-mail | bounce-mail`:
 * operate newsletter sends from a shell. `resume` also works the send until nothing is left for
 * now, so it is how an operator finishes a send whose worker died; it does so in fresh child
 * processes of at most NEWSLETTER_RECIPIENTS_PER_PROCESS recipients each. `unsubscribe-mail` reads
 * one message on stdin, as a mail server's pipe alias delivers it, and unsubscribes the reader
 * whose List-Unsubscribe mailto link it answers; `bounce-mail` reads one delivery status
 * notification and applies the suppression rule to each recipient it reports.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getPayload } from 'payload'

import { declareProcessReplaceable } from '../src/jobs/recycle'
import { parseDeliveryStatusNotification } from '../src/mail/deliveryStatus'
import { parseInboundMessage } from '../src/mail/inboundMessage'
import { recordBounceMail } from '../src/newsletter/bounces'
import { cancelSend, listSends, resumeSend, summarizeSend, type SendSummary } from '../src/newsletter/sendOperations'
import type { SendRunReport } from '../src/newsletter/sender'
import { newsletterFor } from '../src/newsletter/createNewsletter'
import { unsubscribeByMail } from '../src/newsletter/subscriptions'
import { runScript } from './lib/runScript'

const USAGE = 'Usage: npm run newsletter -- status [sendId] | resume <sendId> | cancel <sendId> | unsubscribe-mail < message.eml | bounce-mail < report.eml'
/** Printed by `work`, the internal command a `resume` runs in each child process. */
const WORK_REPORT = 'NEWSLETTER_WORK_REPORT '
/** Larger than any unsubscribe request; a message this big is not one. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

function printSummary(summary: SendSummary): void {
  console.log(`Send ${summary.id} (${summary.key}, ${summary.changeKind}): ${summary.status}, ${summary.total} recipients`)
  console.table(summary.byLanguage)
  console.log(`By state: ${Object.entries(summary.byStatus).map(([status, count]) => `${status} ${count}`).join(', ')}`)
  console.log(`Possible duplicates (a worker stopped between handing over and recording): ${summary.possibleDuplicates}`)
  const { waiting, recipients } = summary.throttling
  if (waiting > 0 || recipients > 0) console.log(`Throttled by the mail server: ${waiting} recipient(s) waiting to be tried again, ${recipients} throttled at least once`)
  for (const failure of summary.failures) console.log(`  failed: ${failure.email} (${failure.language}) ${failure.code}: ${failure.reason}`)
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    size += chunk.length
    if (size > MAX_MESSAGE_BYTES) {
      throw Object.assign(new Error(`The message is larger than ${MAX_MESSAGE_BYTES} bytes; an unsubscribe request is a few kilobytes. Nothing was changed.`), {
        code: 'NEWSLETTER_MAIL_UNRECOGNIZED',
      })
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** One stretch of the send in a fresh process, which ends after its share of recipients. */
function workInChildProcess(sendId: string): Promise<SendRunReport> {
  return new Promise((resolve, reject) => {
    // `payload run` puts its own path in argv[1]; this script's path comes from its module URL.
    const child = spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', fileURLToPath(import.meta.url), 'work', sendId], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let report: SendRunReport | null = null
    let pending = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8')
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith(WORK_REPORT)) report = JSON.parse(line.slice(WORK_REPORT.length)) as SendRunReport
        else process.stdout.write(`${line}\n`)
      }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0 && report) resolve(report)
      else reject(Object.assign(new Error(`The sending process for send ${sendId} stopped (${signal ?? `exit ${code}`}); run resume again.`), { code: 'NEWSLETTER_WORKER_FAILED' }))
    })
  })
}

/** Works the send in successive fresh processes until one ends for another reason than its share. */
async function workInFreshProcesses(sendId: string): Promise<SendRunReport> {
  const total: SendRunReport = { sendId, outcome: 'yielded', sent: 0, retrying: 0, failed: 0, throttled: 0, paceChanges: 0, ambiguous: 0 }
  while (total.outcome === 'yielded') {
    const stretch = await workInChildProcess(sendId)
    console.log(JSON.stringify({ event: 'newsletter.work.stretch', sendId, outcome: stretch.outcome, sent: stretch.sent, retrying: stretch.retrying, failed: stretch.failed, throttled: stretch.throttled }))
    total.outcome = stretch.outcome
    total.resumeAt = stretch.resumeAt
    total.sent += stretch.sent
    total.retrying += stretch.retrying
    total.failed += stretch.failed
    total.throttled += stretch.throttled
    total.paceChanges += stretch.paceChanges
    total.ambiguous += stretch.ambiguous
  }
  return total
}

await runScript('newsletter', async () => {
  const [command, sendId] = process.argv.slice(2).map(String)
  if (!['status', 'resume', 'cancel', 'work', 'unsubscribe-mail', 'bounce-mail'].includes(command) || (['resume', 'cancel', 'work'].includes(command) && !sendId)) {
    throw Object.assign(new Error(USAGE), { code: 'NEWSLETTER_USAGE' })
  }
  // `resume` starts a fresh `work` process whenever one stops after its allowance.
  if (command === 'work') declareProcessReplaceable()
  // The message is read before anything starts, so a mail server's pipe never waits on the database.
  const message = command === 'unsubscribe-mail' ? await parseInboundMessage(await readStdin()) : null
  const bounce = command === 'bounce-mail' ? await parseDeliveryStatusNotification(await readStdin()) : null
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const newsletter = newsletterFor(payload)
  try {
    if (command === 'status' && !sendId) {
      const sends = await listSends(newsletter)
      if (sends.length === 0) console.log('No sends yet.')
      for (const send of sends) console.log(`${send.id}  ${send.createdAt}  ${send.key}  ${send.changeKind}  ${send.status}`)
    } else if (command === 'status') {
      printSummary(await summarizeSend(newsletter, sendId))
    } else if (command === 'work') {
      console.log(`${WORK_REPORT}${JSON.stringify(await newsletter.runner.run(sendId))}`)
    } else if (command === 'resume') {
      await resumeSend(newsletter, sendId)
      const report = newsletter.options.recipientsPerProcess > 0 ? await workInFreshProcesses(sendId) : await newsletter.runner.run(sendId)
      console.log(JSON.stringify({ event: 'newsletter.resume.finished', ...report }))
      if (report.outcome === 'later') console.log(`Some recipients wait for a retry; a queued job continues at ${report.resumeAt}.`)
      printSummary(await summarizeSend(newsletter, sendId))
    } else if (command === 'unsubscribe-mail') {
      const subscriber = await unsubscribeByMail(newsletter, message)
      console.log(JSON.stringify({ event: 'newsletter.unsubscribed.mail', subscriberId: subscriber.id, status: subscriber.status }))
    } else if (command === 'bounce-mail') {
      console.log(JSON.stringify({ event: 'newsletter.bounce.mail', recipients: await recordBounceMail(payload, bounce) }))
    } else {
      printSummary(await cancelSend(newsletter, sendId))
    }
  } finally {
    newsletter.mailer.close?.()
    await payload.destroy()
  }
})
