import type { RateLimit } from '../security/rateLimit'
import { DomainError, type FixedCodeErrorOptions } from '../api/domainError'

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
   * Messages handed to the SMTP server at once: the pool's connection count. It also bounds how
   * many recipients a crash can leave ambiguous (handed over, acceptance not yet recorded).
   */
  concurrency: number
  /**
   * Ledger rows (recipients added to a send, plus recipients handed to the SMTP server) one worker
   * or command-line process works through before it stops for a fresh one; 0 for no limit. The
   * SQLite client keeps the native memory of every statement it runs until the process ends:
   * roughly 28 KB per recipient added (the insert touches every index of the ledger) and 12 KB per
   * recipient sent; one process preparing and sending 10,000 recipients grew by about 315 MB.
   * A worker stops at this point and `npm run worker` starts a fresh one, and
   * `npm run newsletter -- resume` starts fresh child processes; the web process never stops for
   * it. MongoDB has no such growth: set 0 there if restarts are unwanted.
   */
  recipientsPerProcess: number
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
  /** How long a confirmation link works. */
  confirmationTtlHours: number
  /** Confirmation emails one address may receive in 24 hours. */
  confirmationsPerDay: number
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

export class SiteAddressConfigError extends DomainError<'SITE_URL_INVALID'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'SITE_URL_INVALID', status: 500 })
  }
}

/**
 * The downstream site's article address. `SITE_URL` is the site's origin; a pattern with
 * `{locale}` and `{slug}` belongs in `SITE_ARTICLE_URL`, so a pattern given as `SITE_URL` would
 * otherwise grow a second path behind the first in every email.
 */
export function articleUrlPatternFromEnv(env: Record<string, string | undefined> = process.env): string {
  const siteUrl = (env.SITE_URL || 'http://localhost:4000').replace(/\/$/, '')
  if (siteUrl.includes('{')) {
    throw new SiteAddressConfigError({
      message:
        `SITE_URL is "${env.SITE_URL}", but it takes the downstream site's origin only (such as https://health.example.org). ` +
        'Put an address pattern with {locale} and {slug} in SITE_ARTICLE_URL instead (such as https://health.example.org/{locale}/articles/{slug}).',
    })
  }
  try {
    new URL(siteUrl)
  } catch {
    throw new SiteAddressConfigError({ message: `SITE_URL is "${env.SITE_URL}", which is not a web address: give the downstream site's origin, such as https://health.example.org.` })
  }
  const pattern = env.SITE_ARTICLE_URL || `${siteUrl}/{locale}/articles/{slug}`
  if (!pattern.includes('{slug}')) {
    throw new SiteAddressConfigError({ message: `SITE_ARTICLE_URL is "${pattern}", which has no {slug}: every article would get the same link. Write it like https://health.example.org/{locale}/articles/{slug}.` })
  }
  return pattern
}

const number = (value: string | undefined, fallback: number) => (value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback)

export function newsletterOptionsFromEnv(env: Record<string, string | undefined> = process.env): NewsletterOptions {
  const publicUrl = (env.NEWSLETTER_PUBLIC_URL || env.SERVER_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '')
  const fromAddress = env.MAIL_FROM_ADDRESS || 'library@vitalpress.local'
  const minute = 60_000
  return {
    publicUrl,
    articleUrlPattern: articleUrlPatternFromEnv(env),
    from: { address: fromAddress, name: env.MAIL_FROM_NAME || 'Vitalpress Health Library' },
    unsubscribeMailbox: env.NEWSLETTER_UNSUBSCRIBE_MAILBOX || `unsubscribe@${fromAddress.split('@')[1]}`,
    graceHours: number(env.NEWSLETTER_GRACE_HOURS, 72),
    batchSize: number(env.NEWSLETTER_BATCH_SIZE, 100),
    concurrency: number(env.SMTP_POOL_SIZE, 5),
    recipientsPerProcess: number(env.NEWSLETTER_RECIPIENTS_PER_PROCESS, 2000),
    claimLeaseMs: number(env.NEWSLETTER_CLAIM_LEASE_MS, 5 * minute),
    lockLeaseMs: number(env.NEWSLETTER_LOCK_LEASE_MS, 30_000),
    answerTimeoutMs: number(env.NEWSLETTER_ANSWER_TIMEOUT_MS, 120_000),
    maxAttempts: number(env.NEWSLETTER_MAX_ATTEMPTS, 8),
    retryBaseMs: number(env.NEWSLETTER_RETRY_BASE_MS, minute),
    retryMaxMs: number(env.NEWSLETTER_RETRY_MAX_MS, 60 * minute),
    confirmationTtlHours: 48,
    confirmationsPerDay: number(env.NEWSLETTER_CONFIRMATIONS_PER_DAY, 3),
    maxBodyBytes: number(env.NEWSLETTER_MAX_BODY_BYTES, 8 * 1024),
    allowedOrigins: (env.NEWSLETTER_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
    rateLimits: {
      subscribe: { limit: number(env.NEWSLETTER_SUBSCRIBE_LIMIT, 10), windowMs: number(env.NEWSLETTER_SUBSCRIBE_WINDOW_MS, 10 * minute) },
      confirm: { limit: number(env.NEWSLETTER_CONFIRM_LIMIT, 30), windowMs: number(env.NEWSLETTER_CONFIRM_WINDOW_MS, 10 * minute) },
      unsubscribe: { limit: number(env.NEWSLETTER_UNSUBSCRIBE_LIMIT, 30), windowMs: number(env.NEWSLETTER_UNSUBSCRIBE_WINDOW_MS, 10 * minute) },
    },
    trustedProxyHops: number(env.TRUSTED_PROXY_HOPS, 0),
  }
}
