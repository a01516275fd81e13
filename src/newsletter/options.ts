import type { Environment } from '../environment/readEnvironment'
import type { RateLimit } from '../security/rateLimit'
import { DomainError, type FixedCodeErrorOptions } from '../errors/domainError'

/** The newsletter's settings; `readEnvironment().newsletter` gives all but the fixed ones from `NEWSLETTER_*`, `SITE_*` and `MAIL_FROM_*`. */
export interface NewsletterOptions {
  /** This server's public address, for the confirm and unsubscribe links in emails. */
  publicUrl: string
  /** An article's address on the downstream site; `{locale}` and `{slug}` are filled in. */
  articleUrlPattern: string
  /** Sender of every newsletter email. */
  from: { address: string; name: string }
  /**
   * The mailto half of `List-Unsubscribe`: a mailbox whose messages the mail server pipes into
   * `npm run newsletter -- unsubscribe-mail`.
   */
  unsubscribeMailbox: string
  /** How long a language waits for its approved translation before the fallback language is sent. */
  graceHours: number
  /** Ledger rows one worker claims at a time. */
  batchSize: number
  /**
   * Recipients added to a send per page while it is prepared. The sender adds the next page when
   * fewer than this many are waiting, so the first emails leave after one page, not the whole list.
   */
  preparationPage: number
  /**
   * Messages handed to the SMTP server at once: the pool's connection count. It also bounds how
   * many recipients a crash can leave ambiguous (handed over, acceptance not yet recorded).
   */
  concurrency: number
  /**
   * Ledger rows (recipients added to a send, plus recipients handed to the SMTP server) one worker
   * or command-line process works through before it stops for a fresh one; 0 for no limit. On
   * SQLite a process grew by about 3.5 KB per row (273 to 344 MB preparing and sending 10,000
   * recipients, 20,000 rows), and each process of a 100,000 send at 25,000 rows peaked at
   * 284–356 MB. A worker stops at this point and `npm run worker` starts a fresh one, and
   * `npm run newsletter -- resume` starts fresh child processes; the web process never stops for
   * it. Set 0 where restarts are unwanted.
   */
  recipientsPerProcess: number
  /**
   * Processes that work one large send at once, each in a lane with its share of the pool (see
   * `lanes.ts`): a send of more than a page of recipients, begun by a worker or by
   * `npm run newsletter -- resume`. With the SMTP pool in a thread of its own, one process used
   * about 3.7 ms of CPU per message over two threads, and on two cores a second lane sent 100,000
   * no faster (283 messages a second either way) and 10,000 slower, so the default is one lane (it
   * now sends 100,000 at 332–375 a second, 2.7–3.2 ms per message). Give a send more lanes on
   * machines with cores to spare, and run as many workers (`WORKER_PROCESSES`).
   */
  sendingProcesses: number
  /** How long a claim on a batch lasts; a worker stops handing over its rows when it runs out. */
  claimLeaseMs: number
  /** How long the claiming lock lasts, should its holder die while claiming. */
  lockLeaseMs: number
  /** Longest wait for the SMTP server's answer to one message; then it is a temporary failure. */
  answerTimeoutMs: number
  /** Attempts per recipient before a temporary failure becomes permanent. */
  maxAttempts: number
  /** First retry delay after a temporary failure; doubles with each attempt up to `retryMaxMs`. */
  retryBaseMs: number
  retryMaxMs: number
  /**
   * How a send slows down while the SMTP server or provider throttles (421, 451, 454, a rate
   * limit such as 4.7.x "too many messages"): each throttling step halves the messages in flight
   * and doubles the pause between handovers; `recoverAfter` accepted messages in a row undo a step.
   */
  throttle: {
    /** Pause between handovers after the first throttling answer. */
    pauseMs: number
    /** Longest pause between handovers. */
    maxPauseMs: number
    /** Accepted messages in a row that undo one slowing step. */
    recoverAfter: number
    /** How long a throttled recipient waits before it is tried again, at the first step; doubles with each step up to `retryMaxMs`. Not counted as an attempt. */
    retryMs: number
  }
  /** How long a confirmation link works. */
  confirmationTtlHours: number
  /** Confirmation emails one address may receive in 24 hours. */
  confirmationsPerDay: number
  /** The password Postmark's bounce and spam-complaint webhooks must carry (HTTP Basic); none refuses them all. */
  postmarkWebhookSecret: string | undefined
  /** Amazon SES bounce and complaint notifications, delivered by SNS. */
  ses: {
    /** The SNS topics SES publishes to; a message from any other topic is refused, and only these are confirmed. */
    topicArns: string[]
    /**
     * Hosts a message's signing certificate (and a subscription's confirmation link) may come
     * from; `*` stands for one label. Amazon's SNS hosts unless a test points them elsewhere.
     */
    certificateHosts: string[]
  }
  /** Largest request body the public endpoints read. */
  maxBodyBytes: number
  /**
   * Origins whose pages may call the public endpoints (subscribe, confirm, unsubscribe,
   * preferences) from the browser (`NEWSLETTER_ALLOWED_ORIGINS`, comma-separated, such as
   * `https://health.example`). Any other origin gets no `Access-Control-Allow-Origin`, so
   * browsers keep its scripts from reading the answers.
   */
  allowedOrigins: string[]
  /** Requests one IP address may make to each public endpoint. */
  rateLimits: { subscribe: RateLimit; confirm: RateLimit; unsubscribe: RateLimit }
  /** Proxies in front of the server whose `X-Forwarded-For` entry is trusted; 0 trusts none. */
  trustedProxyHops: number
}

/** How long a confirmation link works; a fixed part of the double opt-in, not a setting. */
const CONFIRMATION_TTL_HOURS = 48

/** The newsletter's options from its settings in the environment. */
export function newsletterOptions(settings: Environment['newsletter']): NewsletterOptions {
  return { ...settings, confirmationTtlHours: CONFIRMATION_TTL_HOURS }
}
