/*
 * `npm run bench:newsletter [-- --subscribers 10000]` (or BENCH_SUBSCRIBERS): one update send to
 * that many confirmed subscribers in a temporary SQLite database, against a local SMTP sink that
 * accepts everything; beside it, the baseline of nodemailer's pooled transport sending
 * pre-rendered messages to the same sink over the product's own connections (at most
 * BASELINE_SAMPLE of them: its rate is what is compared), and, for comparison, the same pool
 * with nodemailer's default sockets (DEFAULTS_SAMPLE messages). The database is filled in a
 * process of its own, the send measured in the sending processes the product's workers would use
 * (NEWSLETTER_SENDING_PROCESSES lanes side by side, each with its share of the pool, and in each
 * lane a fresh process per NEWSLETTER_RECIPIENTS_PER_PROCESS ledger rows); the sink runs in
 * another and checks that every subscriber got exactly one message. Prints a table, then one line
 * of JSON.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import nodemailer, { type Transporter } from 'nodemailer'

import { readEnvironment } from '../src/environment/readEnvironment'
import { startOnStandby, type StandbyProcess } from '../src/jobs/standby'
import { createMailTransport } from '../src/mail/transport'
import { lanesFor } from '../src/newsletter/lanes'
import { personalize, renderUpdateEmail } from '../src/newsletter/email/templates'
import { EmailTextCatalog } from '../src/newsletter/email/texts'

const subscribersOption = process.argv.indexOf('--subscribers')
const SUBSCRIBERS = Number((subscribersOption >= 0 ? process.argv[subscribersOption + 1] : undefined) || process.env.BENCH_SUBSCRIBERS || 10_000)
if (!Number.isInteger(SUBSCRIBERS) || SUBSCRIBERS < 1) throw new Error('--subscribers (or BENCH_SUBSCRIBERS) must be a whole number of subscribers, such as 10000.')
const environment = readEnvironment()
const POOL = environment.mail.transport.maxConnections
/** The lanes the product's workers give a send of this size (`queueSendJobs`): its first page is one process's preparing. */
const LANES = lanesFor({
  configured: environment.newsletter.sendingProcesses,
  pool: POOL,
  pageSize: environment.newsletter.preparationPage,
  preparing: SUBSCRIBERS > environment.newsletter.preparationPage,
  waiting: Math.min(SUBSCRIBERS, environment.newsletter.preparationPage),
})
/** The baseline's rate settles within a few thousand messages; a larger list is not sent twice. */
const BASELINE_SAMPLE = Math.min(SUBSCRIBERS, 5_000)
/** nodemailer's pool with its default sockets (Nagle's delay on), for comparison only. */
const DEFAULTS_SAMPLE = Math.min(SUBSCRIBERS, 1_000)
const benchStartedAt = Date.now()

type Audit = { once: number; duplicates: number; missing: number; unexpected: number; firstAcceptedAt: number | null }

async function startSink(): Promise<{ port: number; count(): Promise<number>; audit(prefix: string, n: number): Promise<Audit>; stop(): void }> {
  const child = spawn(process.execPath, [path.resolve('bench/smtpSink.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout! })
  const pending: ((line: string) => void)[] = []
  lines.on('line', (line) => pending.shift()?.(line))
  const next = () => new Promise<string>((resolve) => pending.push(resolve))
  const port = Number(await next())
  return {
    port,
    count: async () => {
      const answer = next()
      child.stdin!.write('count\n')
      return Number(await answer)
    },
    audit: async (prefix, n) => {
      const answer = next()
      child.stdin!.write(`audit ${prefix} ${n}\n`)
      return JSON.parse(await answer) as Audit
    },
    stop: () => child.stdin!.end(),
  }
}

/** Runs a bench script with `payload run` and returns the line it printed after `marker`. */
function runScript(script: string, env: Record<string, string>, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/payload'), ['run', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith(`${marker} `))
      if (code === 0 && line) resolve(line.slice(marker.length + 1))
      else reject(Object.assign(new Error(`${script} failed (exit ${code}):\n${output.slice(-3000)}`), { code: 'BENCH_STEP_FAILED' }))
    })
  })
}

/** A sending process (bench/newsletterSend.ts) started on standby; `result` is its RESULT line, `opened` the send it opened, if it opens one. */
function sendingProcess(env: Record<string, string>): StandbyProcess & { result: Promise<string>; opened: Promise<string> } {
  const started = startOnStandby(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', 'bench/newsletterSend.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  let opened: (sendId: string) => void = () => undefined
  const openedSend = new Promise<string>((resolve) => (opened = resolve))
  started.child.stdout!.on('data', (chunk) => {
    output += chunk
    const line = output.split('\n').find((candidate) => candidate.startsWith('OPENED '))
    if (line) opened(line.slice('OPENED '.length).trim())
  })
  const result = new Promise<string>((resolve, reject) => {
    started.child.on('exit', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('RESULT '))
      if (code === 0 && line) resolve(line.slice('RESULT '.length))
      else reject(Object.assign(new Error(`bench/newsletterSend.ts failed (exit ${code}):\n${output.slice(-3000)}`), { code: 'BENCH_STEP_FAILED' }))
    })
  })
  result.catch(() => undefined)
  return { ...started, result, opened: openedSend }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-bench-newsletter-'))
const sink = await startSink()
const env = {
  DATABASE_URI: `file:${path.join(dir, 'library.db')}`,
  MEDIA_DIR: path.join(dir, 'media'),
  OUTBOX_DIR: path.join(dir, 'outbox'),
  PUBLISH_DIR: path.join(dir, 'out'),
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  SMTP_POOL_SIZE: String(POOL),
  BENCH_SUBSCRIBERS: String(SUBSCRIBERS),
  JOBS_AUTORUN: 'false',
  LOG_LEVEL: 'warn',
}

try {
  // (a) the product, in a process of its own.
  const eventId = await runScript('bench/newsletterSetup.ts', env, 'EVENT')
  const sinkBeforeProduct = await sink.count()
  const heapLimit = process.env.BENCH_HEAP_MB ? ` --max-old-space-size=${process.env.BENCH_HEAP_MB}` : ''
  type Stretch = {
    sendId: string
    lane: number
    sent: number
    outcome: string
    startedAt: number
    endedAt: number
    preparedAt: number | null
    cpuMs: number
    /** The share of the time the process's main thread was busy (its event loop's utilization). */
    mainThreadBusy: number
    rssAtStartMb: number
    peakRssMb: number
    atPeak: Record<string, number>
  }
  // The send runs as the product runs it: a process stops after its share of ledger rows and a
  // fresh one carries on, until the send ends. Restarts count in the time; the peak is the largest process.
  // Each process is started on standby while the one before it works, as `npm run worker` and
  // `npm run newsletter -- resume` start them, and given its turn when that one stops.
  const sendEnv: Record<string, string> = { ...env, BENCH_EVENT_ID: eventId, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''}${heapLimit}` }
  const stretches: Stretch[] = []
  const progress = () => process.stderr.write(`\rsending: ${stretches.reduce((sum, stretch) => sum + stretch.sent, 0)}/${SUBSCRIBERS} emailed, ${stretches.length} process(es) done`)
  let opened: (sendId: string) => void = () => undefined
  const sendOpened = new Promise<string>((resolve) => (opened = resolve))
  /** One lane: successive processes, each on standby while the one before it works, until one ends for another reason than its share. */
  const lane = async (index: number) => {
    const laneEnv = { ...sendEnv, BENCH_LANE: String(index), BENCH_LANES: String(LANES) }
    let standby = sendingProcess(laneEnv)
    let sendId = index === 0 ? '' : await sendOpened
    try {
      for (let processes = 0; processes < 1000; processes += 1) {
        const active = standby
        await active.go(sendId)
        standby = sendingProcess(laneEnv)
        if (!sendId) active.opened.then(opened)
        const stretch = JSON.parse(await active.result) as Stretch
        stretches.push(stretch)
        sendId = stretch.sendId
        progress()
        if (stretch.outcome !== 'yielded') return
      }
    } finally {
      standby.stop()
    }
  }
  await Promise.all(Array.from({ length: LANES }, (_, index) => lane(index)))
  process.stderr.write('\n')
  stretches.sort((a, b) => a.startedAt - b.startedAt)
  const heaviest = stretches.reduce((most, stretch) => (stretch.peakRssMb > most.peakRssMb ? stretch : most))
  const startedAt = stretches[0].startedAt
  const preparedAt = stretches.find((stretch) => stretch.preparedAt)?.preparedAt ?? null
  const product = {
    sent: stretches.reduce((sum, stretch) => sum + stretch.sent, 0),
    outcome: stretches.reduce((last, stretch) => (stretch.endedAt > last.endedAt ? stretch : last)).outcome,
    processes: stretches.length,
    seconds: (Math.max(...stretches.map((stretch) => stretch.endedAt)) - startedAt) / 1000,
    preparedAfter: preparedAt ? (preparedAt - startedAt) / 1000 : null,
    rssAtStartMb: stretches[0].rssAtStartMb,
    peakRssMb: heaviest.peakRssMb,
    atPeak: heaviest.atPeak,
  }
  const audit = await sink.audit('reader', SUBSCRIBERS)
  const firstEmailSeconds = audit.firstAcceptedAt ? (audit.firstAcceptedAt - startedAt) / 1000 : null
  const productAccepted = (await sink.count()) - sinkBeforeProduct

  // (b) the baseline: the same pool size sending pre-rendered copies, nothing recorded, over the
  // product's own transport (so over the same sockets); then the same with nodemailer's defaults.
  const template = personalize(
    await renderUpdateEmail(new EmailTextCatalog().for('en'), {
      changeKind: 'clinical',
      title: 'Understanding Bone Metastases',
      changelogNote: 'New guidance on pain relief.',
      lastUpdated: '2025-07-03T00:00:00.000Z',
      articleUrl: 'https://health.example/en/articles/bone-metastases',
    }),
    'https://cms.example/api/newsletter/unsubscribe?token=x',
  )
  const poolRun = async (transport: Transporter, prefix: string, messages: number) => {
    const sinkBefore = await sink.count()
    const started = performance.now()
    const cpuAtStart = process.cpuUsage()
    await Promise.all(
      Array.from({ length: messages }, (_, index) =>
        transport.sendMail({ from: 'library@vitalpress.local', to: `${prefix}${index}@bench.test`, subject: template.subject, html: template.html, text: template.text }),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuAtStart)
    transport.close()
    return { sent: (await sink.count()) - sinkBefore, seconds, cpuMs: (cpu.user + cpu.system) / 1000 }
  }
  const { sent: baselineSent, seconds: baselineSeconds, cpuMs: baselineCpuMs } = await poolRun(
    createMailTransport({ smtpUrl: env.SMTP_URL, outboxDir: env.OUTBOX_DIR, maxConnections: POOL, rateLimit: 0 }),
    'baseline',
    BASELINE_SAMPLE,
  )
  const defaults = await poolRun(
    nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: sink.port, secure: false, maxConnections: POOL, ignoreTLS: true }),
    'defaults',
    DEFAULTS_SAMPLE,
  )

  const messagesPerSecond = Math.round(product.sent / product.seconds)
  // CPU per message, the sending processes' (preparing included) against the pool's: steadier than the rates, which share two cores with the sink.
  const cpuMsPerMessage = Number((stretches.reduce((sum, stretch) => sum + stretch.cpuMs, 0) / Math.max(1, product.sent)).toFixed(2))
  const baselineCpuMsPerMessage = Number((baselineCpuMs / Math.max(1, baselineSent)).toFixed(2))
  const baselineMessagesPerSecond = Math.round(baselineSent / baselineSeconds)
  const ratio = messagesPerSecond / baselineMessagesPerSecond
  const defaultSocketsMessagesPerSecond = Math.round(defaults.sent / defaults.seconds)
  const ratioToDefaultSockets = messagesPerSecond / defaultSocketsMessagesPerSecond
  console.table({
    'newsletter send (ledger, render, SMTP)': { messages: product.sent, accepted: productAccepted, seconds: Number(product.seconds.toFixed(1)), perSecond: messagesPerSecond },
    'baseline: nodemailer pool, pre-rendered': { messages: BASELINE_SAMPLE, accepted: baselineSent, seconds: Number(baselineSeconds.toFixed(1)), perSecond: baselineMessagesPerSecond },
    'the same, nodemailer default sockets': { messages: DEFAULTS_SAMPLE, accepted: defaults.sent, seconds: Number(defaults.seconds.toFixed(1)), perSecond: defaultSocketsMessagesPerSecond },
  })
  const rows: [string, string][] = [
    ['ratio to baseline', `${ratio.toFixed(2)} (target ≥ 0.6); ${ratioToDefaultSockets.toFixed(2)} to nodemailer's default sockets`],
    ['CPU per message', `${cpuMsPerMessage} ms in the sending processes, preparing included; ${baselineCpuMsPerMessage} ms in the pool alone`],
    ['first email', `${firstEmailSeconds?.toFixed(1) ?? 'none'} s after the send started (target ≤ 10 s)`],
    ['every recipient added', product.preparedAfter === null ? 'never' : `${product.preparedAfter.toFixed(1)} s after the send started`],
    ['exactly once (sink)', `${audit.once} once, ${audit.duplicates} more than once, ${audit.missing} missing, ${audit.unexpected} unexpected`],
    ['sending processes', `${product.processes} in ${LANES} lane(s) side by side, outcome ${product.outcome}, pool ${POOL} connections shared by the lanes`],
    ['peak RSS', `${Math.round(product.peakRssMb)} MB in the largest process (target < 400 MB); ${Math.round(product.rssAtStartMb)} MB after start-up (${JSON.stringify(product.atPeak)})`],
    ['whole benchmark', `${((Date.now() - benchStartedAt) / 60_000).toFixed(1)} min, filling the database included`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'))
  console.log(
    `per process: ${stretches.map((stretch, index) => `#${index + 1} lane ${stretch.lane} sent ${stretch.sent} CPU ${(stretch.cpuMs / 1000).toFixed(1)} s, main thread busy ${Math.round(stretch.mainThreadBusy * 100)}%, peak ${Math.round(stretch.peakRssMb)} MB`).join('; ')}`,
  )
  console.log(
    JSON.stringify({
      subscribers: SUBSCRIBERS,
      messagesPerSecond,
      baselineMessagesPerSecond,
      baselineSample: BASELINE_SAMPLE,
      defaultSocketsMessagesPerSecond,
      ratioToDefaultSockets: Number(ratioToDefaultSockets.toFixed(2)),
      ratioToBaseline: Number(ratio.toFixed(2)),
      cpuMsPerMessage,
      baselineCpuMsPerMessage,
      firstEmailSeconds: firstEmailSeconds === null ? null : Number(firstEmailSeconds.toFixed(1)),
      preparedAfterSeconds: product.preparedAfter === null ? null : Number(product.preparedAfter.toFixed(1)),
      exactlyOnce: audit.once === SUBSCRIBERS && audit.duplicates === 0 && audit.unexpected === 0,
      duplicates: audit.duplicates,
      missing: audit.missing,
      processes: product.processes,
      lanes: LANES,
      peakRssMb: Math.round(product.peakRssMb),
      benchMinutes: Number(((Date.now() - benchStartedAt) / 60_000).toFixed(1)),
    }),
  )
} finally {
  sink.stop()
  fs.rmSync(dir, { recursive: true, force: true })
}
process.exit(0)
