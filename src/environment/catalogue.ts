import { flag, folder, hostPatterns, mailbox, oneOf, origins, text, topicArns, webAddress, wholeNumber, type Variable } from './readers'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const MB = 1024 * 1024
const WEB = ['https:', 'http:']

/**
 * Every environment variable the product reads, with its default: the one place either is
 * written. The README's configuration table follows this list, and a test keeps the two in step.
 */
export const ENVIRONMENT_VARIABLES = {
  // The server
  SERVER_URL: webAddress({ protocols: WEB, example: 'https://cms.health.example.org', fallback: undefined }),
  PORT: wholeNumber({ max: 65_535, fallback: 3000 }),
  HEAP_GROWTH_PERCENT: wholeNumber({ min: 0, max: 400, fallback: 30 }),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], { fallback: 'info' }),
  NODE_ENV: text({ fallback: undefined, derivedDefault: '`production` under `npm start`' }),
  NEXT_PHASE: text({ fallback: undefined, derivedDefault: 'set by Next.js' }),

  // The database
  DATABASE_URI: text({ fallback: 'file:./data/vitalpress.db' }),
  PAYLOAD_MIGRATING: flag({ fallback: false }),

  // Security
  PAYLOAD_SECRET: text({ fallback: undefined, secret: true, derivedDefault: 'made at random on the first `npm start` and kept in `data/payload-secret`' }),
  API_MAX_BODY_BYTES: wholeNumber({ fallback: 2 * MB }),
  MEDIA_MAX_BYTES: wholeNumber({ fallback: 25 * MB }),
  LOGIN_RATE_LIMIT: wholeNumber({ fallback: 30 }),
  LOGIN_RATE_WINDOW_MS: wholeNumber({ fallback: 10 * MINUTE_MS }),
  TRUSTED_PROXY_HOPS: wholeNumber({ min: 0, fallback: 0 }),
  AUTH_COOKIE_SECURE: flag({ fallback: undefined, derivedDefault: 'on when `SERVER_URL` is `https://`' }),
  AUTH_COOKIE_SAMESITE: oneOf(['Lax', 'Strict', 'None'], { fallback: 'Lax' }),
  AUTH_COOKIE_DOMAIN: text({ fallback: undefined }),

  // Languages
  TRANSLATIONS_DIR: folder({ fallback: './translations' }),

  // Mail
  SMTP_URL: webAddress({ protocols: ['smtp:', 'smtps:'], example: 'smtp://user:password@mail.example.org:587', fallback: undefined, secret: true }),
  SMTP_POOL_SIZE: wholeNumber({ fallback: 5 }),
  SMTP_RATE_LIMIT: wholeNumber({ min: 0, fallback: 0 }),
  OUTBOX_DIR: folder({ fallback: './data/outbox' }),
  MAIL_FROM_ADDRESS: mailbox({ fallback: 'library@vitalpress.local' }),
  MAIL_FROM_NAME: text({ fallback: 'Vitalpress Health Library' }),

  // Media
  MEDIA_DIR: folder({ fallback: './data/media' }),
  MEDIA_MAX_PIXELS: wholeNumber({ fallback: 40_000_000 }),

  // Jobs
  JOBS_AUTORUN: flag({ fallback: true }),
  JOBS_CRON: text({ fallback: '*/2 * * * * *' }),
  JOBS_BATCH_SIZE: wholeNumber({ fallback: 10 }),
  JOBS_LEASE_SECONDS: wholeNumber({ fallback: 600 }),
  JOBS_IDLE_MS: wholeNumber({ fallback: 1000 }),
  WORKER_PROCESSES: wholeNumber({ fallback: 2 }),

  // The review workflow
  REVIEW_INTERVAL_MONTHS: wholeNumber({ fallback: 12 }),
  REVIEW_DUE_WITHIN_DAYS: wholeNumber({ fallback: 30 }),

  // Publishing
  PUBLISH_TARGET: oneOf(['file', 's3'], { ignoreCase: true, fallback: undefined, derivedDefault: '`file` (`s3` when `PUBLISH_S3_BUCKET` is set)' }),
  PUBLISH_DIR: folder({ fallback: './out' }),
  PUBLISH_STAGING_DIR: folder({ fallback: undefined, derivedDefault: 'beside `PUBLISH_DIR`' }),
  PUBLISH_FSYNC: flag({ fallback: false }),
  PUBLISH_S3_BUCKET: text({ fallback: undefined }),
  PUBLISH_S3_PREFIX: text({ fallback: undefined }),
  PUBLISH_S3_ENDPOINT: webAddress({ protocols: WEB, example: 'http://127.0.0.1:9000', fallback: undefined, derivedDefault: 'AWS' }),
  PUBLISH_S3_REGION: text({ fallback: undefined, derivedDefault: '`AWS_REGION`, else `us-east-1`' }),
  AWS_REGION: text({ fallback: undefined }),
  PUBLISH_S3_FORCE_PATH_STYLE: flag({ fallback: undefined, derivedDefault: 'on with an endpoint' }),
  PUBLISH_S3_CACHE_CONTROL: text({ fallback: 'public, max-age=60' }),
  PUBLIC_MEDIA_URL: webAddress({ protocols: WEB, example: 'https://media.health.example.org', fallback: undefined, derivedDefault: '`SERVER_URL`' }),
  PUBLISH_LOCK_LEASE_SECONDS: wholeNumber({ fallback: 60 }),
  PUBLISH_LOCK_WAIT_SECONDS: wholeNumber({ fallback: 120 }),
  SCHEMAS_DIR: folder({ fallback: './schemas' }),

  // Webhooks
  WEBHOOK_TIMEOUT_MS: wholeNumber({ fallback: 10_000 }),
  WEBHOOK_MAX_ATTEMPTS: wholeNumber({ fallback: 10 }),
  WEBHOOK_RETRY_BASE_MS: wholeNumber({ fallback: 30_000 }),
  WEBHOOK_RETRY_MAX_MS: wholeNumber({ fallback: 6 * HOUR_MS }),

  // The newsletter
  SITE_URL: text({ fallback: 'http://localhost:4000' }),
  SITE_ARTICLE_URL: text({ fallback: undefined, derivedDefault: '`${SITE_URL}/{locale}/articles/{slug}`' }),
  NEWSLETTER_PUBLIC_URL: webAddress({ protocols: WEB, example: 'https://cms.health.example.org', fallback: undefined, derivedDefault: '`SERVER_URL`, else `http://localhost:${PORT}`' }),
  NEWSLETTER_UNSUBSCRIBE_MAILBOX: mailbox({ fallback: undefined, derivedDefault: '`unsubscribe@` at the domain of `MAIL_FROM_ADDRESS`' }),
  NEWSLETTER_GRACE_HOURS: wholeNumber({ min: 0, fallback: 72 }),
  NEWSLETTER_BATCH_SIZE: wholeNumber({ fallback: 100 }),
  NEWSLETTER_PREPARATION_PAGE: wholeNumber({ fallback: 1000 }),
  NEWSLETTER_RECIPIENTS_PER_PROCESS: wholeNumber({ min: 0, fallback: 25_000 }),
  NEWSLETTER_SENDING_PROCESSES: wholeNumber({ fallback: 1 }),
  NEWSLETTER_CLAIM_LEASE_MS: wholeNumber({ fallback: 5 * MINUTE_MS }),
  NEWSLETTER_LOCK_LEASE_MS: wholeNumber({ fallback: 30_000 }),
  NEWSLETTER_ANSWER_TIMEOUT_MS: wholeNumber({ fallback: 120_000 }),
  NEWSLETTER_MAX_ATTEMPTS: wholeNumber({ fallback: 8 }),
  NEWSLETTER_RETRY_BASE_MS: wholeNumber({ fallback: MINUTE_MS }),
  NEWSLETTER_RETRY_MAX_MS: wholeNumber({ fallback: HOUR_MS }),
  NEWSLETTER_THROTTLE_PAUSE_MS: wholeNumber({ fallback: 1000 }),
  NEWSLETTER_THROTTLE_MAX_PAUSE_MS: wholeNumber({ fallback: 30_000 }),
  NEWSLETTER_THROTTLE_RECOVER_AFTER: wholeNumber({ fallback: 50 }),
  NEWSLETTER_THROTTLE_RETRY_MS: wholeNumber({ fallback: MINUTE_MS }),
  NEWSLETTER_CONFIRMATIONS_PER_DAY: wholeNumber({ fallback: 3 }),
  NEWSLETTER_POSTMARK_WEBHOOK_SECRET: text({ fallback: undefined, secret: true, derivedDefault: '(none: the Postmark endpoint refuses every call)' }),
  NEWSLETTER_SES_TOPIC_ARNS: topicArns({ fallback: [], derivedDefault: '(none: the SES endpoint refuses every message)' }),
  NEWSLETTER_SES_CERTIFICATE_HOSTS: hostPatterns({ fallback: ['sns.*.amazonaws.com', 'sns.*.amazonaws.com.cn'], derivedDefault: '`sns.*.amazonaws.com,sns.*.amazonaws.com.cn`' }),
  NEWSLETTER_MAX_BODY_BYTES: wholeNumber({ fallback: 8 * 1024 }),
  NEWSLETTER_ALLOWED_ORIGINS: origins({ fallback: [], derivedDefault: '(none)' }),
  NEWSLETTER_SUBSCRIBE_LIMIT: wholeNumber({ fallback: 10 }),
  NEWSLETTER_SUBSCRIBE_WINDOW_MS: wholeNumber({ fallback: 10 * MINUTE_MS }),
  NEWSLETTER_CONFIRM_LIMIT: wholeNumber({ fallback: 30 }),
  NEWSLETTER_CONFIRM_WINDOW_MS: wholeNumber({ fallback: 10 * MINUTE_MS }),
  NEWSLETTER_UNSUBSCRIBE_LIMIT: wholeNumber({ fallback: 30 }),
  NEWSLETTER_UNSUBSCRIBE_WINDOW_MS: wholeNumber({ fallback: 10 * MINUTE_MS }),

  // The seed
  SEED_ADMIN_PASSWORD: text({ fallback: 'vitalpress-admin', secret: true }),
  SEED_STAFF_PASSWORD: text({ fallback: 'vitalpress-staff', secret: true }),
} satisfies Record<string, Variable<unknown>>

export type VariableName = keyof typeof ENVIRONMENT_VARIABLES

/** Each variable's typed value: what it was set to, or its default. */
export type VariableValues = { [Name in VariableName]: (typeof ENVIRONMENT_VARIABLES)[Name]['fallback'] | ReturnType<(typeof ENVIRONMENT_VARIABLES)[Name]['read']> }

export function readVariables(env: Record<string, string | undefined>): VariableValues {
  const values: Record<string, unknown> = {}
  for (const [name, declared] of Object.entries(ENVIRONMENT_VARIABLES) as Array<[VariableName, Variable<unknown>]>) {
    const raw = env[name]
    values[name] = raw === undefined || raw.trim() === '' ? declared.fallback : declared.read(raw, name)
  }
  return values as VariableValues
}
