/*
 * `npm run bench:newsletter [-- --subscribers 10000]` (or BENCH_SUBSCRIBERS): one update send to
 * that many confirmed subscribers in a temporary SQLite database, against a local SMTP sink that
 * accepts everything; beside it, the baseline of
 * nodemailer's pooled transport sending as many pre-rendered messages to the same sink. The
 * database is filled in a process of its own, the send measured in the sending processes the
 * product would use (a fresh one per NEWSLETTER_RECIPIENTS_PER_PROCESS recipients); the sink runs
 * in another.
 * Prints a table, then one line of JSON.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import nodemailer from 'nodemailer'

import { readEnvironment } from '../src/environment/readEnvironment'
import { personalize, renderUpdateEmail } from '../src/newsletter/email/templates'
import { EmailTextCatalog } from '../src/newsletter/email/texts'

const subscribersOption = process.argv.indexOf('--subscribers')
const SUBSCRIBERS = Number((subscribersOption >= 0 ? process.argv[subscribersOption + 1] : undefined) || process.env.BENCH_SUBSCRIBERS || 10_000)
if (!Number.isInteger(SUBSCRIBERS) || SUBSCRIBERS < 1) throw new Error('--subscribers (or BENCH_SUBSCRIBERS) must be a whole number of subscribers, such as 10000.')
const POOL = readEnvironment().mail.transport.maxConnections

async function startSink(): Promise<{ port: number; count(): Promise<number>; stop(): void }> {
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
    prepared: boolean
    preparedAt: number | null
    sent: number
    outcome: string
    startedAt: number
    endedAt: number
    rssAtStartMb: number
    peakRssMb: number
    atPeak: Record<string, number>
  }
  // The send runs as the product runs it: a process stops after its share of recipients and a fresh
  // one carries on, until the send ends. Restarts count in the time; the peak is the largest process.
  const stretches: Stretch[] = []
  do {
    const sendEnv: Record<string, string> = { ...env, BENCH_EVENT_ID: eventId, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''}${heapLimit}` }
    const last = stretches.at(-1)
    if (last) Object.assign(sendEnv, { BENCH_SEND_ID: last.sendId, BENCH_PREPARED: String(last.prepared) })
    stretches.push(JSON.parse(await runScript('bench/newsletterSend.ts', sendEnv, 'RESULT')) as Stretch)
  } while (stretches.at(-1)!.outcome === 'yielded' && stretches.length < 100)
  const heaviest = stretches.reduce((most, stretch) => (stretch.peakRssMb > most.peakRssMb ? stretch : most))
  const product = {
    sent: stretches.reduce((sum, stretch) => sum + stretch.sent, 0),
    outcome: stretches.at(-1)!.outcome,
    processes: stretches.length,
    seconds: (stretches.at(-1)!.endedAt - stretches[0].startedAt) / 1000,
    preparedAfter: ((stretches.find((stretch) => stretch.preparedAt)?.preparedAt ?? stretches[0].startedAt) - stretches[0].startedAt) / 1000,
    rssAtStartMb: stretches[0].rssAtStartMb,
    peakRssMb: heaviest.peakRssMb,
    atPeak: heaviest.atPeak,
  }
  const productAccepted = (await sink.count()) - sinkBeforeProduct

  // (b) the baseline: the same pool size sending pre-rendered copies, nothing recorded.
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
  const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: sink.port, secure: false, maxConnections: POOL, ignoreTLS: true })
  const sinkBeforeBaseline = await sink.count()
  const baselineStarted = performance.now()
  await Promise.all(
    Array.from({ length: SUBSCRIBERS }, (_, index) =>
      transport.sendMail({ from: 'library@vitalpress.local', to: `reader${index}@bench.test`, subject: template.subject, html: template.html, text: template.text }),
    ),
  )
  const baselineSeconds = (performance.now() - baselineStarted) / 1000
  transport.close()
  const baselineSent = (await sink.count()) - sinkBeforeBaseline

  const messagesPerSecond = Math.round(product.sent / product.seconds)
  const baselineMessagesPerSecond = Math.round(baselineSent / baselineSeconds)
  console.table({
    'newsletter send (ledger, render, SMTP)': { messages: product.sent, accepted: productAccepted, seconds: Number(product.seconds.toFixed(1)), perSecond: messagesPerSecond },
    'baseline: nodemailer pool, pre-rendered': { messages: SUBSCRIBERS, accepted: baselineSent, seconds: Number(baselineSeconds.toFixed(1)), perSecond: baselineMessagesPerSecond },
  })
  console.log(
    `pool ${POOL} connections; send outcome ${product.outcome} after ${product.processes} sending process(es); ledger of ${product.sent} rows prepared in ${product.preparedAfter.toFixed(1)} s; sending process RSS ${Math.round(product.rssAtStartMb)} MB after start-up, peak ${Math.round(product.peakRssMb)} MB (${JSON.stringify(product.atPeak)})`,
  )
  console.log(
    `per sending process (prepared rows are those of the processes before the ledger was complete): ${stretches
      .map((stretch, index) => `#${index + 1} ${stretch.prepared ? `sent ${stretch.sent}` : 'preparing'} peak ${Math.round(stretch.peakRssMb)} MB`)
      .join('; ')}`,
  )
  console.log(
    JSON.stringify({
      subscribers: SUBSCRIBERS,
      messagesPerSecond,
      baselineMessagesPerSecond,
      ratioToBaseline: Number((messagesPerSecond / baselineMessagesPerSecond).toFixed(2)),
      peakRssMb: Math.round(product.peakRssMb),
    }),
  )
} finally {
  sink.stop()
  fs.rmSync(dir, { recursive: true, force: true })
}
process.exit(0)
