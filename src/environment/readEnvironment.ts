import path from 'node:path'

import { ENVIRONMENT_VARIABLES, readVariables, type VariableValues } from './catalogue'
import { EnvironmentError } from './errors'

/** Development only: signs sessions on a developer's machine and in tests. */
export const DEVELOPMENT_SECRET = 'vitalpress-development-secret-change-me'

/** Where the variables come from: `process.env`, or a test's own object. */
export type VariableSource = Record<string, string | undefined>

/**
 * The secret that signs sessions. Production refuses to start without its own, because anyone
 * who knows the development default could forge an admin's session.
 */
function sessionSecret(values: VariableValues): string {
  const secret = values.PAYLOAD_SECRET
  // `next build` loads the config to collect pages; the running server is where the secret matters.
  if (values.NODE_ENV === 'production' && values.NEXT_PHASE !== 'phase-production-build') {
    if (!secret || secret === DEVELOPMENT_SECRET || secret.length < 32) {
      throw new EnvironmentError({ message: 'PAYLOAD_SECRET must be set to a random value of at least 32 characters in production ' +
          '(for example the output of `openssl rand -hex 32`); the development default is refused.', code: 'PAYLOAD_SECRET_REQUIRED', details: { variable: 'PAYLOAD_SECRET', accepts: 'a random value of at least 32 characters' } })
    }
  }
  return secret ?? DEVELOPMENT_SECRET
}

/**
 * The session cookie's attributes. `Secure` follows `SERVER_URL` (on when the public address is
 * https) unless `AUTH_COOKIE_SECURE` says otherwise; `SameSite=Lax` keeps other sites' forms and
 * scripts from sending it, which is what protects cookie sessions from cross-site requests.
 */
function sessionCookie(values: VariableValues) {
  const secure = values.AUTH_COOKIE_SECURE ?? (values.SERVER_URL ?? '').startsWith('https://')
  const sameSite = values.AUTH_COOKIE_SAMESITE
  if (sameSite === 'None' && !secure) {
    throw new EnvironmentError({ message: 'AUTH_COOKIE_SAMESITE="None" needs a secure cookie: serve the admin over https and set AUTH_COOKIE_SECURE=true.', code: 'ENVIRONMENT_INVALID', details: { variable: 'AUTH_COOKIE_SAMESITE', value: sameSite, accepts: 'Lax or Strict, or None with a secure cookie' } })
  }
  return { secure, sameSite, ...(values.AUTH_COOKIE_DOMAIN ? { domain: values.AUTH_COOKIE_DOMAIN } : {}) }
}

/**
 * The downstream site's article address. `SITE_URL` is the site's origin; a pattern with
 * `{locale}` and `{slug}` belongs in `SITE_ARTICLE_URL`, so a pattern given as `SITE_URL` would
 * otherwise grow a second path behind the first in every email.
 */
function articleUrlPattern(values: VariableValues): string {
  const given = values.SITE_URL
  const siteUrl = given.replace(/\/$/, '')
  const origin = { variable: 'SITE_URL', value: given, accepts: "the downstream site's origin, such as https://health.example.org" }
  if (siteUrl.includes('{')) {
    throw new EnvironmentError({ message: `SITE_URL is "${given}", but it takes the downstream site's origin only (such as https://health.example.org). ` +
        'Put an address pattern with {locale} and {slug} in SITE_ARTICLE_URL instead (such as https://health.example.org/{locale}/articles/{slug}).', code: 'SITE_URL_INVALID', details: origin })
  }
  try {
    new URL(siteUrl)
  } catch {
    throw new EnvironmentError({ message: `SITE_URL is "${given}", which is not a web address: give the downstream site's origin, such as https://health.example.org.`, code: 'SITE_URL_INVALID', details: origin })
  }
  const pattern = values.SITE_ARTICLE_URL ?? `${siteUrl}/{locale}/articles/{slug}`
  if (!pattern.includes('{slug}')) {
    throw new EnvironmentError({ message: `SITE_ARTICLE_URL is "${pattern}", which has no {slug}: every article would get the same link. Write it like https://health.example.org/{locale}/articles/{slug}.`, code: 'SITE_URL_INVALID', details: { variable: 'SITE_ARTICLE_URL', value: pattern, accepts: 'an address pattern with {slug} and usually {locale}' } })
  }
  return pattern
}

function publishing(values: VariableValues) {
  const publishDir = path.resolve(values.PUBLISH_DIR)
  const target = values.PUBLISH_TARGET ?? (values.PUBLISH_S3_BUCKET ? 's3' : 'file')
  if (target === 's3' && !values.PUBLISH_S3_BUCKET) {
    throw new EnvironmentError({ message: 'PUBLISH_TARGET is "s3" but PUBLISH_S3_BUCKET is empty: name the bucket to publish to.', code: 'ENVIRONMENT_INVALID', details: {
      variable: 'PUBLISH_S3_BUCKET',
      value: '',
      accepts: 'the name of the bucket to publish to',
    } })
  }
  const prefix = (values.PUBLISH_S3_PREFIX ?? '').replace(/^\/+/, '')
  return {
    target,
    publishDir,
    // Beside the root, so the rename that publishes a file never crosses file systems.
    stagingDir: path.resolve(values.PUBLISH_STAGING_DIR ?? path.join(path.dirname(publishDir), `.${path.basename(publishDir)}.staging`)),
    fsync: values.PUBLISH_FSYNC,
    s3: {
      bucket: values.PUBLISH_S3_BUCKET ?? '',
      prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
      endpoint: values.PUBLISH_S3_ENDPOINT,
      region: values.PUBLISH_S3_REGION ?? values.AWS_REGION ?? 'us-east-1',
      forcePathStyle: values.PUBLISH_S3_FORCE_PATH_STYLE ?? values.PUBLISH_S3_ENDPOINT !== undefined,
      cacheControl: values.PUBLISH_S3_CACHE_CONTROL,
    },
    mediaBaseUrl: values.PUBLIC_MEDIA_URL ?? values.SERVER_URL ?? '',
    articleUrlPattern: articleUrlPattern(values),
    lockLeaseMs: values.PUBLISH_LOCK_LEASE_SECONDS * 1000,
    lockWaitMs: values.PUBLISH_LOCK_WAIT_SECONDS * 1000,
    schemasDir: path.resolve(values.SCHEMAS_DIR),
  }
}

function newsletter(values: VariableValues) {
  const window = (limit: number, windowMs: number) => ({ limit, windowMs })
  return {
    publicUrl: values.NEWSLETTER_PUBLIC_URL ?? values.SERVER_URL ?? `http://localhost:${values.PORT}`,
    articleUrlPattern: articleUrlPattern(values),
    from: { address: values.MAIL_FROM_ADDRESS, name: values.MAIL_FROM_NAME },
    unsubscribeMailbox: values.NEWSLETTER_UNSUBSCRIBE_MAILBOX ?? `unsubscribe@${values.MAIL_FROM_ADDRESS.split('@')[1]}`,
    graceHours: values.NEWSLETTER_GRACE_HOURS,
    batchSize: values.NEWSLETTER_BATCH_SIZE,
    preparationPage: values.NEWSLETTER_PREPARATION_PAGE,
    // The pool's connection count bounds how many messages are handed over at once.
    concurrency: values.SMTP_POOL_SIZE,
    recipientsPerProcess: values.NEWSLETTER_RECIPIENTS_PER_PROCESS,
    sendingProcesses: values.NEWSLETTER_SENDING_PROCESSES,
    claimLeaseMs: values.NEWSLETTER_CLAIM_LEASE_MS,
    lockLeaseMs: values.NEWSLETTER_LOCK_LEASE_MS,
    answerTimeoutMs: values.NEWSLETTER_ANSWER_TIMEOUT_MS,
    maxAttempts: values.NEWSLETTER_MAX_ATTEMPTS,
    retryBaseMs: values.NEWSLETTER_RETRY_BASE_MS,
    retryMaxMs: values.NEWSLETTER_RETRY_MAX_MS,
    throttle: {
      pauseMs: values.NEWSLETTER_THROTTLE_PAUSE_MS,
      maxPauseMs: values.NEWSLETTER_THROTTLE_MAX_PAUSE_MS,
      recoverAfter: values.NEWSLETTER_THROTTLE_RECOVER_AFTER,
      retryMs: values.NEWSLETTER_THROTTLE_RETRY_MS,
    },
    confirmationsPerDay: values.NEWSLETTER_CONFIRMATIONS_PER_DAY,
    postmarkWebhookSecret: values.NEWSLETTER_POSTMARK_WEBHOOK_SECRET,
    ses: { topicArns: values.NEWSLETTER_SES_TOPIC_ARNS, certificateHosts: values.NEWSLETTER_SES_CERTIFICATE_HOSTS },
    maxBodyBytes: values.NEWSLETTER_MAX_BODY_BYTES,
    allowedOrigins: values.NEWSLETTER_ALLOWED_ORIGINS,
    rateLimits: {
      subscribe: window(values.NEWSLETTER_SUBSCRIBE_LIMIT, values.NEWSLETTER_SUBSCRIBE_WINDOW_MS),
      confirm: window(values.NEWSLETTER_CONFIRM_LIMIT, values.NEWSLETTER_CONFIRM_WINDOW_MS),
      unsubscribe: window(values.NEWSLETTER_UNSUBSCRIBE_LIMIT, values.NEWSLETTER_UNSUBSCRIBE_WINDOW_MS),
    },
    trustedProxyHops: values.TRUSTED_PROXY_HOPS,
  }
}

function assemble(values: VariableValues) {
  return {
    server: { publicUrl: values.SERVER_URL, port: values.PORT, logLevel: values.LOG_LEVEL, heapGrowthPercent: values.HEAP_GROWTH_PERCENT },
    database: {
      uri: values.DATABASE_URI,
      /** Set by commands that connect to a library another process serves: they leave its migrations alone. */
      skipMigrations: values.PAYLOAD_MIGRATING,
    },
    security: {
      secret: sessionSecret(values),
      requestBodies: { maxBytes: values.API_MAX_BODY_BYTES, maxUploadBytes: values.MEDIA_MAX_BYTES },
      login: { rateLimit: { limit: values.LOGIN_RATE_LIMIT, windowMs: values.LOGIN_RATE_WINDOW_MS }, trustedProxyHops: values.TRUSTED_PROXY_HOPS },
      sessionCookie: sessionCookie(values),
    },
    languages: { translationsDir: path.resolve(values.TRANSLATIONS_DIR) },
    mail: {
      transport: { smtpUrl: values.SMTP_URL, outboxDir: path.resolve(values.OUTBOX_DIR), maxConnections: values.SMTP_POOL_SIZE, rateLimit: values.SMTP_RATE_LIMIT },
      from: { address: values.MAIL_FROM_ADDRESS, name: values.MAIL_FROM_NAME },
    },
    media: { dir: path.resolve(values.MEDIA_DIR), maxPixels: values.MEDIA_MAX_PIXELS },
    jobs: {
      autoRun: values.JOBS_AUTORUN,
      cron: values.JOBS_CRON,
      batchSize: values.JOBS_BATCH_SIZE,
      leaseMs: values.JOBS_LEASE_SECONDS * 1000,
      idleMs: values.JOBS_IDLE_MS,
    },
    workflow: { defaultReviewIntervalMonths: values.REVIEW_INTERVAL_MONTHS, reviewDueWithinDays: values.REVIEW_DUE_WITHIN_DAYS },
    publishing: publishing(values),
    webhooks: {
      timeoutMs: values.WEBHOOK_TIMEOUT_MS,
      maxAttempts: values.WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: values.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: values.WEBHOOK_RETRY_MAX_MS,
    },
    newsletter: newsletter(values),
    seed: { passwords: { admin: values.SEED_ADMIN_PASSWORD, staff: values.SEED_STAFF_PASSWORD } },
  }
}

type Frozen<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [Key in keyof T]: Frozen<T[Key]> } : T

/** The product's settings, grouped by the concern that uses them. */
export type Environment = Frozen<ReturnType<typeof assemble>>

function freeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) freeze(inner)
    Object.freeze(value)
  }
  return value
}

const VARIABLE_NAMES = Object.keys(ENVIRONMENT_VARIABLES)

let lastRead: { fingerprint: string; environment: Environment } | undefined

/**
 * Reads and checks every variable of `env` and returns the settings, frozen; throws
 * EnvironmentError on the first value that cannot be used. The same variables (and working
 * directory, which relative folders depend on) give the same object without reading them again,
 * while a test that changes a variable gets settings that follow it.
 */
export function readEnvironment(env: VariableSource = process.env): Environment {
  const fingerprint = [process.cwd(), ...VARIABLE_NAMES.map((name) => env[name] ?? '')].join('\0')
  if (lastRead?.fingerprint === fingerprint) return lastRead.environment
  const environment = freeze(assemble(readVariables(env)))
  lastRead = { fingerprint, environment }
  return environment
}
