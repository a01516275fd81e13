/*
 * `npm run newsletter -- status [sendId] | resume <sendId> | cancel <sendId> | digest --window weekly|monthly [--at <date>] | unsubscribe-mail | bounce-mail`:
 * operate newsletter sends from a shell. `digest` prepares and sends the digest of the last
 * window closed at `--at` (now by default); run twice, or again after a crash, it sends each
 * reader one digest of that window. `resume` also works the send until nothing is left for
 * now, so it is how an operator finishes a send whose worker died; it does so in fresh child
 * processes of at most NEWSLETTER_RECIPIENTS_PER_PROCESS recipients each. `unsubscribe-mail` reads
 * one message on stdin, as a mail server's pipe alias delivers it, and unsubscribes the reader
 * whose List-Unsubscribe mailto link it answers; `bounce-mail` reads one delivery status
 * notification and applies the suppression rule to each recipient it reports.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getPayload } from 'payload'

import { declareProcessReplaceable } from '../src/jobs/recycle'
import { startOnStandby, waitForTurn, type StandbyProcess } from '../src/jobs/standby'
import { parseDeliveryStatusNotification } from '../src/mail/deliveryStatus'
import { parseInboundMessage } from '../src/mail/inboundMessage'
import { recordBounceMail } from '../src/newsletter/bounces'
import type { DigestPreparation } from '../src/newsletter/digests'
import { DIGEST_WINDOWS, isDigestWindowKind, lastClosedWindow, type DigestWindowKind } from '../src/newsletter/digestWindows'
import { NewsletterError } from '../src/newsletter/errors'
import { laneOfInput, type SendLane } from '../src/newsletter/lanes'
import { cancelSend, listSends, resumeSend, summarizeSend, type SendSummary } from '../src/newsletter/sendOperations'
import type { SendRunReport } from '../src/newsletter/sender'
import { newsletterFor, type Newsletter } from '../src/newsletter/createNewsletter'
import { lanesNow } from '../src/newsletter/sendJobs'
import { NEWSLETTER_TASKS } from '../src/newsletter/taskSlugs'
import { unsubscribeByMail } from '../src/newsletter/subscriptions'
import { runScript } from './lib/runScript'

const USAGE =
  'Usage: npm run newsletter -- status [sendId] | resume <sendId> | cancel <sendId> | digest --window weekly|monthly [--at <date>] | unsubscribe-mail < message.eml | bounce-mail < report.eml'
/** How often `digest` reports how far its send has got. */
const PROGRESS_MS = 1000
/** `work` and `prepare-digest` are internal: `resume` and `digest` run them in fresh child processes. */
const COMMANDS = ['status', 'resume', 'cancel', 'work', 'digest', 'prepare-digest', 'unsubscribe-mail', 'bounce-mail']
/** Printed by `work`, the internal command a `resume` runs in each child process. */
const WORK_REPORT = 'NEWSLETTER_WORK_REPORT '
/** Larger than any unsubscribe request; a message this big is not one. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

function printSummary(summary: SendSummary): void {
  console.log(`Send ${summary.id} (${summary.key}, ${summary.kind === 'digest' ? 'digest' : summary.changeKind}): ${summary.status}, ${summary.total} recipients`)
  console.table(summary.byLanguage)
  console.log(`By state: ${Object.entries(summary.byStatus).map(([status, count]) => `${status} ${count}`).join(', ')}`)
  console.log(`Possible duplicates (a worker stopped between handing over and recording): ${summary.possibleDuplicates}`)
  const { waiting, recipients } = summary.throttling
  if (waiting > 0 || recipients > 0) console.log(`Throttled by the mail server: ${waiting} recipient(s) waiting to be tried again, ${recipients} throttled at least once`)
  for (const failure of summary.failures) console.log(`  failed: ${failure.email} (${failure.language}) ${failure.code}: ${failure.reason}`)
}

/** `--window weekly|monthly [--at <date>]`: which digest, and the moment whose last closed window it covers. */
function parseDigestArguments(args: string[]): { window: DigestWindowKind; at: Date } {
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`)
    return index >= 0 ? args[index + 1] : undefined
  }
  const window = option('window')
  if (!isDigestWindowKind(window)) {
    throw new NewsletterError({
      code: 'NEWSLETTER_WINDOW_UNKNOWN',
      status: 400,
      message: `Unknown digest window ${JSON.stringify(window ?? null)}. Choose one of: ${DIGEST_WINDOWS.join(', ')} (--window weekly).`,
      details: { allowed: [...DIGEST_WINDOWS] },
    })
  }
  const atText = option('at')
  const at = atText === undefined ? new Date() : new Date(atText)
  if (Number.isNaN(at.getTime())) {
    throw Object.assign(new Error(`"--at ${atText}" is not a date; give one such as 2026-12-07 or 2026-12-07T06:00:00Z (UTC unless it says otherwise).`), { code: 'NEWSLETTER_USAGE' })
  }
  return { window, at }
}

/** `work`'s `--lane <i> --lanes <n>`, as `workSend` passes them; none is the single lane. */
function laneOfArguments(args: string[]): SendLane {
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`)
    return index >= 0 ? args[index + 1] : undefined
  }
  return laneOfInput({ lane: option('lane'), lanes: option('lanes') })
}

/** Prints how many of a send's recipients have been handed over and accepted, whenever it changes. */
function reportProgress(newsletter: Newsletter, sendId: string, label: string): () => Promise<void> {
  let last = ''
  const report = async () => {
    const count = async (where: object) =>
      (await newsletter.payload.db.count({ collection: 'newsletter-deliveries', where: { and: [{ send: { equals: sendId } }, where] } as never })).totalDocs
    const [total, sent, failed] = await Promise.all([count({}), count({ status: { equals: 'sent' } }), count({ status: { equals: 'failed' } })])
    const line = `${label}: ${sent} of ${total} sent${failed ? `, ${failed} failed` : ''}`
    if (line !== last) console.log(line)
    last = line
  }
  let running: Promise<void> = Promise.resolve()
  const timer = setInterval(() => (running = running.then(report).catch(() => undefined)), PROGRESS_MS)
  return async () => {
    clearInterval(timer)
    await running
    await report()
  }
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

/** One stretch of work in a fresh process (`work` or `prepare-digest`), which ends after its share of ledger rows. */
function childProcess<Report>(args: string[], stopped: string): StandbyProcess & { report: Promise<Report> } {
  // `payload run` puts its own path in argv[1]; this script's path comes from its module URL.
  const started = startOnStandby(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', fileURLToPath(import.meta.url), '--', ...args], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let report: Report | null = null
  let pending = ''
  started.child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8')
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      if (line.startsWith(WORK_REPORT)) report = JSON.parse(line.slice(WORK_REPORT.length)) as Report
      else process.stdout.write(`${line}\n`)
    }
  })
  const finished = new Promise<Report>((resolve, reject) => {
    started.child.on('error', reject)
    started.child.on('exit', (code, signal) => {
      if (code === 0 && report) resolve(report)
      else reject(Object.assign(new Error(`${stopped} (${signal ?? `exit ${code}`}); run the command again.`), { code: 'NEWSLETTER_WORKER_FAILED' }))
    })
  })
  finished.catch(() => undefined)
  return { ...started, report: finished }
}

/**
 * Runs `args` in successive fresh processes until `carryOn` says the last one's report ends the
 * work. Each next process starts on standby while the one before it works, so a hand-over costs
 * no start-up time.
 */
async function inFreshProcesses<Report>(args: string[], stopped: string, carryOn: (report: Report) => boolean): Promise<void> {
  let standby = childProcess<Report>(args, stopped)
  try {
    for (;;) {
      const active = standby
      await active.go()
      standby = childProcess<Report>(args, stopped)
      if (!carryOn(await active.report)) return
    }
  } finally {
    standby.stop()
  }
}

/** What `prepare-digest` reports to the process that started it. */
interface DigestPreparationReport {
  sendId: string | null
  updates: number
  recipients: number
  complete: boolean
  reason?: string
}

const preparationReport = (prepared: DigestPreparation): DigestPreparationReport => ({
  sendId: prepared.send ? String(prepared.send.id) : null,
  updates: prepared.updates,
  recipients: prepared.recipients,
  complete: prepared.complete,
  reason: prepared.reason,
})

/**
 * Prepares a digest in successive fresh processes of at most NEWSLETTER_RECIPIENTS_PER_PROCESS
 * rows each, as a send is worked, so a long list never grows one process's memory without bound.
 */
async function prepareDigestInFreshProcesses(window: DigestWindowKind, at: Date): Promise<DigestPreparationReport> {
  const total: DigestPreparationReport = { sendId: null, updates: 0, recipients: 0, complete: false }
  await inFreshProcesses<DigestPreparationReport>(['prepare-digest', '--window', window, '--at', at.toISOString()], `The process preparing the ${window} digest stopped`, (stretch) => {
    Object.assign(total, { ...stretch, recipients: total.recipients + stretch.recipients })
    if (!stretch.complete) console.log(`Digest: ${total.recipients} recipient(s) added so far; carrying on in a fresh process…`)
    return !stretch.complete
  })
  return total
}

/** Works one lane of the send in successive fresh processes until one ends for another reason than its share. */
async function workInFreshProcesses(sendId: string, lane: SendLane): Promise<SendRunReport> {
  const total: SendRunReport = { sendId, outcome: 'yielded', sent: 0, retrying: 0, failed: 0, throttled: 0, paceChanges: 0, ambiguous: 0 }
  const laneArgs = lane.of > 1 ? ['--lane', String(lane.index), '--lanes', String(lane.of)] : []
  await inFreshProcesses<SendRunReport>(['work', sendId, ...laneArgs], `The sending process for send ${sendId} stopped`, (stretch) => {
    console.log(JSON.stringify({ event: 'newsletter.work.stretch', sendId, lane: lane.index, outcome: stretch.outcome, sent: stretch.sent, retrying: stretch.retrying, failed: stretch.failed, throttled: stretch.throttled }))
    total.outcome = stretch.outcome
    total.resumeAt = stretch.resumeAt
    total.sent += stretch.sent
    total.retrying += stretch.retrying
    total.failed += stretch.failed
    total.throttled += stretch.throttled
    total.paceChanges += stretch.paceChanges
    total.ambiguous += stretch.ambiguous
    return stretch.outcome === 'yielded'
  })
  return total
}

/**
 * Works the send until nothing is left for now: in lanes of fresh processes side by side when it
 * is large (NEWSLETTER_SENDING_PROCESSES), else in one lane; in this process when there is no
 * limit per process. The counts are summed; a lane that ended waiting for a retry makes the
 * whole `later`, at the earliest retry, unless another finished the send.
 */
async function workSend(newsletter: Newsletter, sendId: string): Promise<SendRunReport> {
  if (newsletter.options.recipientsPerProcess === 0) return newsletter.runner.run(sendId)
  const send = await newsletter.payload.findByID({ collection: 'newsletter-sends', id: sendId, depth: 0, overrideAccess: true })
  const of = await lanesNow(newsletter, sendId, { preparing: Boolean(send.preparing) })
  const reports = await Promise.all(Array.from({ length: of }, (_, index) => workInFreshProcesses(sendId, { index, of })))
  const total = reports.reduce((sum, report) => ({
    ...sum,
    sent: sum.sent + report.sent,
    retrying: sum.retrying + report.retrying,
    failed: sum.failed + report.failed,
    throttled: sum.throttled + report.throttled,
    paceChanges: sum.paceChanges + report.paceChanges,
    ambiguous: sum.ambiguous + report.ambiguous,
  }))
  const later = reports.filter((report) => report.outcome === 'later' && report.resumeAt).sort((a, b) => a.resumeAt!.localeCompare(b.resumeAt!))
  if (later.length > 0 && !reports.some((report) => report.outcome === 'completed')) return { ...total, outcome: 'later', resumeAt: later[0].resumeAt }
  const finished = reports.find((report) => report.outcome !== 'later') ?? reports[0]
  return { ...total, outcome: finished.outcome, resumeAt: finished.resumeAt }
}

/** Prepares the digest of the window closed at `at` and sends it, reporting its progress. */
async function sendDigest(newsletter: Newsletter, window: DigestWindowKind, at: Date): Promise<void> {
  const closed = lastClosedWindow(window, at)
  const days = `${closed.start.toISOString().slice(0, 10)} to ${new Date(closed.end.getTime() - 1).toISOString().slice(0, 10)} UTC`
  console.log(`Digest ${closed.key} (${days}): preparing the recipients…`)
  const prepared =
    newsletter.options.recipientsPerProcess > 0 ? await prepareDigestInFreshProcesses(window, at) : preparationReport(await newsletter.digests.prepare(window, at))
  if (!prepared.sendId) {
    console.log(`Digest ${closed.key}: no updates were published in the window; nothing to send.`)
    return
  }
  const sendId = prepared.sendId
  console.log(
    `Digest ${closed.key}: ${prepared.updates} update(s) in the window; ${prepared.reason === 'already prepared' ? 'recipients were prepared by an earlier run' : `${prepared.recipients} recipient(s) added`} (send ${sendId}).`,
  )
  if (!prepared.complete) throw Object.assign(new Error(`Digest ${closed.key}: not every recipient could be added in this process; run the command again.`), { code: 'NEWSLETTER_DIGEST_INCOMPLETE' })
  const finish = reportProgress(newsletter, sendId, `Digest ${closed.key}`)
  let report: SendRunReport
  try {
    report = await workSend(newsletter, sendId)
  } finally {
    await finish()
  }
  console.log(JSON.stringify({ event: 'newsletter.digest.finished', window: closed.key, ...report }))
  if (report.outcome === 'later') {
    await newsletter.payload.jobs.queue({ task: NEWSLETTER_TASKS.send, input: { sendId }, waitUntil: new Date(report.resumeAt!) })
    console.log(`Some recipients wait for a retry; a queued job continues at ${report.resumeAt} (or run the command again then).`)
  }
  printSummary(await summarizeSend(newsletter, sendId))
}

await runScript('newsletter', async () => {
  const [command, sendId] = process.argv.slice(2).map(String)
  if (!COMMANDS.includes(command) || (['resume', 'cancel', 'work'].includes(command) && !sendId)) {
    throw Object.assign(new Error(USAGE), { code: 'NEWSLETTER_USAGE' })
  }
  const digest = ['digest', 'prepare-digest'].includes(command) ? parseDigestArguments(process.argv.slice(3).map(String)) : null
  // `resume` starts a fresh `work` process whenever one stops after its allowance.
  if (command === 'work' || command === 'prepare-digest') declareProcessReplaceable()
  // The message is read before anything starts, so a mail server's pipe never waits on the database.
  const message = command === 'unsubscribe-mail' ? await parseInboundMessage(await readStdin()) : null
  const bounce = command === 'bounce-mail' ? await parseDeliveryStatusNotification(await readStdin()) : null
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  // A fresh process started ahead of its turn waits here, loaded and ready.
  if (command === 'work' || command === 'prepare-digest') await waitForTurn()
  const newsletter = newsletterFor(payload)
  try {
    if (command === 'status' && !sendId) {
      const sends = await listSends(newsletter)
      if (sends.length === 0) console.log('No sends yet.')
      for (const send of sends) console.log(`${send.id}  ${send.createdAt}  ${send.key}  ${send.kind === 'digest' ? 'digest' : send.changeKind}  ${send.status}`)
    } else if (command === 'status') {
      printSummary(await summarizeSend(newsletter, sendId))
    } else if (command === 'work') {
      console.log(`${WORK_REPORT}${JSON.stringify(await newsletter.runner.run(sendId, laneOfArguments(process.argv.slice(4).map(String))))}`)
    } else if (command === 'resume') {
      await resumeSend(newsletter, sendId)
      const report = await workSend(newsletter, sendId)
      console.log(JSON.stringify({ event: 'newsletter.resume.finished', ...report }))
      if (report.outcome === 'later') console.log(`Some recipients wait for a retry; a queued job continues at ${report.resumeAt}.`)
      printSummary(await summarizeSend(newsletter, sendId))
    } else if (command === 'prepare-digest') {
      console.log(`${WORK_REPORT}${JSON.stringify(preparationReport(await newsletter.digests.prepare(digest!.window, digest!.at)))}`)
    } else if (command === 'digest') {
      await sendDigest(newsletter, digest!.window, digest!.at)
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
