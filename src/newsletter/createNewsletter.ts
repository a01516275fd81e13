import os from 'node:os'
import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import { readEnvironment } from '../environment/readEnvironment'
import { processIsReplaceable } from '../jobs/recycle'
import { loadLanguages, type Language } from '../languages/registry'
import type { Mailer } from '../mail/mailer'
import { NodemailerMailer } from '../mail/nodemailerMailer'
import { SmtpThreadMailer, smtpThreadAvailable } from '../mail/smtpThreadMailer'
import { createMailTransport } from '../mail/transport'
import { RateLimiter } from '../security/rateLimit'
import { ProcessAllowance } from './allowance'
import { EmailTextCatalog } from './email/texts'
import { DigestMessages, messagesBySendKind } from './digestMessages'
import { DigestPreparer } from './digests'
import { DeliveryLedger } from './ledger'
import { UpdateMessages } from './messages'
import { newsletterOptions, type NewsletterOptions } from './options'
import { SendPreparer } from './preparation'
import { httpsSnsGateway, type SnsGateway } from './providers/sns'
import { TranslationRecordReadiness } from './readiness'
import { LanguageReleaser } from './release'
import { SendRunner } from './sender'

/** Everything the newsletter is made of, wired once per Payload instance. */
export interface Newsletter {
  payload: Payload
  options: NewsletterOptions
  languages: Language[]
  catalog: EmailTextCatalog
  mailer: Mailer
  /** This process's name on the ledger rows it claims. */
  worker: string
  ledger: DeliveryLedger
  messages: UpdateMessages
  runner: SendRunner
  preparer: SendPreparer
  /** Prepares the weekly and monthly digests; the runner sends them like any send. */
  digests: DigestPreparer
  releaser: LanguageReleaser
  limiters: { subscribe: RateLimiter; confirm: RateLimiter; unsubscribe: RateLimiter }
  secret: string
  /** Amazon SNS, which delivers SES's bounce and complaint notifications. */
  sns: SnsGateway
}

/** Longest wait for SNS (a signing certificate, a subscription confirmation): it answers in well under a second. */
const SNS_TIMEOUT_MS = 10_000

const instances = new WeakMap<Payload, Newsletter>()

/** The newsletter of this Payload instance; the first call builds it from the environment. */
export function newsletterFor(payload: Payload): Newsletter {
  let newsletter = instances.get(payload)
  if (!newsletter) {
    newsletter = createNewsletter(payload)
    instances.set(payload, newsletter)
  }
  return newsletter
}

export interface NewsletterOverrides {
  options?: Partial<NewsletterOptions>
  mailer?: Mailer
  sns?: SnsGateway
  now?: () => number
  /** What this process may write before it stops for a fresh one; by default, as `recipientsPerProcess` allows a replaceable process. */
  allowance?: ProcessAllowance
}

export function createNewsletter(payload: Payload, overrides: NewsletterOverrides = {}): Newsletter {
  const environment = readEnvironment()
  const options = { ...newsletterOptions(environment.newsletter), ...overrides.options }
  const languages = loadLanguages()
  const catalog = new EmailTextCatalog(languages)
  const { smtpUrl, rateLimit } = environment.mail.transport
  // With an SMTP server, the pool runs in a thread of its own beside the ledger's writes; the outbox needs none.
  const pooled = (connections: number): Mailer =>
    smtpUrl && smtpThreadAvailable()
      ? new SmtpThreadMailer({ smtpUrl, maxConnections: connections, rateLimit }, options.answerTimeoutMs)
      : new NodemailerMailer(createMailTransport({ ...environment.mail.transport, maxConnections: connections }), options.answerTimeoutMs)
  const poolMailer = overrides.mailer ?? pooled(options.concurrency)
  // A lane of a send has a pool of its own share of the connections: a pool opens a connection
  // whenever a message finds none idle, so a smaller share of messages in flight alone would still
  // let it open all of them, in each process.
  const laneMailers = new Map<number, Mailer>()
  const mailerFor = (connections: number): Mailer => {
    if (overrides.mailer || connections >= options.concurrency) return poolMailer
    let laneMailer = laneMailers.get(connections)
    if (!laneMailer) laneMailers.set(connections, (laneMailer = pooled(connections)))
    return laneMailer
  }
  const mailer: Mailer = overrides.mailer ?? {
    send: (email) => poolMailer.send(email),
    close: () => {
      poolMailer.close?.()
      for (const laneMailer of laneMailers.values()) laneMailer.close?.()
    },
  }
  const worker = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const now = overrides.now
  const ledger = new DeliveryLedger({
    payload,
    worker,
    batchSize: options.batchSize,
    claimLeaseMs: options.claimLeaseMs,
    lockLeaseMs: options.lockLeaseMs,
    maxAttempts: options.maxAttempts,
    retryBaseMs: options.retryBaseMs,
    retryMaxMs: options.retryMaxMs,
    now,
  })
  const messages = new UpdateMessages({ payload, catalog, options, secret: payload.secret })
  const readiness = new TranslationRecordReadiness(payload)
  // Only a process that is replaced when it stops (a worker, a command-line send) may stop for a fresh one.
  const allowance = overrides.allowance ?? new ProcessAllowance(processIsReplaceable() ? options.recipientsPerProcess : 0)
  const preparer = new SendPreparer({ payload, languages, readiness, graceHours: options.graceHours, pageSize: options.preparationPage, allowance, worker, now })
  const newsletter: Newsletter = {
    payload,
    options,
    languages,
    catalog,
    mailer,
    worker,
    ledger,
    messages,
    runner: new SendRunner({
      payload,
      ledger,
      messages: messagesBySendKind(messages, new DigestMessages({ payload, catalog, options, secret: payload.secret })),
      mailer: mailerFor,
      concurrency: options.concurrency,
      pace: {
        throttledIntervalMs: options.throttle.pauseMs,
        maxIntervalMs: Math.max(options.throttle.pauseMs, options.throttle.maxPauseMs),
        recoverAfter: options.throttle.recoverAfter,
        retryAfterMs: options.throttle.retryMs,
        maxRetryAfterMs: Math.max(options.throttle.retryMs, options.retryMaxMs),
      },
      claimMarginMs: Math.min(30_000, options.claimLeaseMs / 4),
      maxIdleMs: 30_000,
      pollMs: 250,
      allowance,
      preparation: { preparePage: (sendId) => preparer.preparePage(sendId, { claimLeaseMs: options.claimLeaseMs }), aheadRows: options.preparationPage },
      now,
    }),
    preparer,
    digests: new DigestPreparer({ payload, languages, readiness, allowance, now }),
    releaser: new LanguageReleaser({ payload, languages, readiness, now }),
    limiters: {
      subscribe: new RateLimiter(options.rateLimits.subscribe),
      confirm: new RateLimiter(options.rateLimits.confirm),
      unsubscribe: new RateLimiter(options.rateLimits.unsubscribe),
    },
    secret: payload.secret,
    sns: overrides.sns ?? httpsSnsGateway({ certificateHosts: options.ses.certificateHosts, timeoutMs: SNS_TIMEOUT_MS }),
  }
  instances.set(payload, newsletter)
  return newsletter
}
