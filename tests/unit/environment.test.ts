import fs from 'node:fs'
import path from 'node:path'

import { DEVELOPMENT_SECRET, readEnvironment, type VariableSource } from '../../src/environment/readEnvironment'

/** What reading `env` throws, for assertions on its code, details and message. */
function refusalOf(env: VariableSource): { code: string; message: string; details: Record<string, unknown> } {
  try {
    readEnvironment(env)
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> }
  }
  throw new Error(`readEnvironment(${JSON.stringify(env)}) was expected to refuse, and accepted it`)
}

describe('reading the environment', () => {
  it('when nothing is set, then every concern gets its defaults', () => {
    const environment = readEnvironment({})

    expect(environment.jobs).toEqual({ autoRun: true, cron: '*/2 * * * * *', batchSize: 10, leaseMs: 600_000, idleMs: 1000 })
    expect(environment.webhooks).toEqual({ timeoutMs: 10_000, maxAttempts: 10, baseDelayMs: 30_000, maxDelayMs: 21_600_000 })
    expect(environment.security.requestBodies).toEqual({ maxBytes: 2 * 1024 * 1024, maxUploadBytes: 25 * 1024 * 1024 })
    expect(environment.security.sessionCookie).toEqual({ secure: false, sameSite: 'Lax' })
    expect(environment.security.secret).toBe(DEVELOPMENT_SECRET)
    expect(environment.publishing).toMatchObject({ target: 'file', publishDir: path.resolve('out'), stagingDir: path.resolve('.out.staging'), fsync: false, lockLeaseMs: 60_000 })
    expect(environment.newsletter).toMatchObject({
      publicUrl: 'http://localhost:3000',
      articleUrlPattern: 'http://localhost:4000/{locale}/articles/{slug}',
      unsubscribeMailbox: 'unsubscribe@vitalpress.local',
      allowedOrigins: [],
      ses: { topicArns: [], certificateHosts: ['sns.*.amazonaws.com', 'sns.*.amazonaws.com.cn'] },
    })
    expect(environment.mail.transport).toEqual({ smtpUrl: undefined, outboxDir: path.resolve('data/outbox'), maxConnections: 5, rateLimit: 0 })
  })

  it('when values are set, then they are typed, and settings worked out from others follow them', () => {
    const environment = readEnvironment({
      JOBS_AUTORUN: 'off',
      JOBS_LEASE_SECONDS: '30',
      SERVER_URL: 'https://cms.example.org/',
      PUBLISH_S3_BUCKET: 'library',
      PUBLISH_S3_ENDPOINT: 'http://127.0.0.1:9000',
      NEWSLETTER_ALLOWED_ORIGINS: 'https://health.example.org/, https://www.health.example.org',
      NEWSLETTER_RECIPIENTS_PER_PROCESS: '0',
      NEWSLETTER_SES_TOPIC_ARNS: 'arn:aws:sns:eu-west-1:123456789012:vitalpress-ses, arn:aws:sns:ap-south-1:123456789012:vitalpress-ses',
      NEWSLETTER_SES_CERTIFICATE_HOSTS: '127.0.0.1:8443',
    })

    expect(environment.jobs).toMatchObject({ autoRun: false, leaseMs: 30_000 })
    expect(environment.server.publicUrl).toBe('https://cms.example.org')
    expect(environment.security.sessionCookie.secure).toBe(true)
    expect(environment.publishing).toMatchObject({ target: 's3', mediaBaseUrl: 'https://cms.example.org', s3: { bucket: 'library', forcePathStyle: true, region: 'us-east-1' } })
    expect(environment.newsletter).toMatchObject({
      publicUrl: 'https://cms.example.org',
      allowedOrigins: ['https://health.example.org', 'https://www.health.example.org'],
      recipientsPerProcess: 0,
      ses: { topicArns: ['arn:aws:sns:eu-west-1:123456789012:vitalpress-ses', 'arn:aws:sns:ap-south-1:123456789012:vitalpress-ses'], certificateHosts: ['127.0.0.1:8443'] },
    })
  })

  it('when the settings are read, then they cannot be changed by the code that uses them', () => {
    const environment = readEnvironment({})

    expect(Object.isFrozen(environment)).toBe(true)
    expect(Object.isFrozen(environment.newsletter.rateLimits.subscribe)).toBe(true)
    expect(() => {
      ;(environment.jobs as { batchSize: number }).batchSize = 1
    }).toThrow(TypeError)
  })

  it.each([
    ['a word where a number goes', { JOBS_BATCH_SIZE: 'ten' }, 'JOBS_BATCH_SIZE', 'a whole number of at least 1'],
    ['a negative number', { WEBHOOK_MAX_ATTEMPTS: '-3' }, 'WEBHOOK_MAX_ATTEMPTS', 'a whole number of at least 1'],
    ['zero where zero means nothing', { PUBLISH_LOCK_WAIT_SECONDS: '0' }, 'PUBLISH_LOCK_WAIT_SECONDS', 'a whole number of at least 1'],
    ['a fraction', { NEWSLETTER_BATCH_SIZE: '2.5' }, 'NEWSLETTER_BATCH_SIZE', 'a whole number of at least 1'],
    ['a negative count where 0 is allowed', { TRUSTED_PROXY_HOPS: '-1' }, 'TRUSTED_PROXY_HOPS', 'a whole number of at least 0'],
    ['a port out of range', { PORT: '70000' }, 'PORT', 'a whole number from 1 to 65535'],
    ['an address that is not one', { SERVER_URL: 'cms.example.org' }, 'SERVER_URL', 'a https:// or http:// address'],
    ['an address of the wrong kind', { PUBLIC_MEDIA_URL: 'ftp://media.example.org' }, 'PUBLIC_MEDIA_URL', 'a https:// or http:// address'],
    ['an origin with a path', { NEWSLETTER_ALLOWED_ORIGINS: 'https://health.example.org/articles' }, 'NEWSLETTER_ALLOWED_ORIGINS', 'comma-separated origins'],
    ['a topic that is not an SNS ARN', { NEWSLETTER_SES_TOPIC_ARNS: 'vitalpress-ses' }, 'NEWSLETTER_SES_TOPIC_ARNS', 'comma-separated SNS topic ARNs'],
    ['a certificate host with a scheme', { NEWSLETTER_SES_CERTIFICATE_HOSTS: 'https://sns.eu-west-1.amazonaws.com' }, 'NEWSLETTER_SES_CERTIFICATE_HOSTS', 'comma-separated host names'],
    ['a sender that is not an email address', { MAIL_FROM_ADDRESS: 'library' }, 'MAIL_FROM_ADDRESS', 'an email address'],
    ['an unknown publish target', { PUBLISH_TARGET: 'ftp' }, 'PUBLISH_TARGET', 'one of file, s3'],
    ['an unknown log level', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', 'one of trace, debug, info, warn, error, fatal, silent'],
    ['an unknown SameSite', { AUTH_COOKIE_SAMESITE: 'lax-ish' }, 'AUTH_COOKIE_SAMESITE', 'one of Lax, Strict, None'],
    ['a switch that is neither on nor off', { PUBLISH_FSYNC: 'sometimes' }, 'PUBLISH_FSYNC', 'true or false'],
  ])('when the environment has %s, then reading it fails with ENVIRONMENT_INVALID naming the variable, the value and what it takes', (_what, env, variable, accepts) => {
    const refusal = refusalOf(env)
    const value = Object.values(env)[0]

    expect(refusal.code).toBe('ENVIRONMENT_INVALID')
    expect(refusal.details).toMatchObject({ variable, value })
    expect(refusal.details.accepts).toContain(accepts)
    expect(refusal.message).toContain(`${variable}="${value}"`)
    expect(refusal.message).toContain(accepts)
  })

  it('when a secret is refused, then the message and details leave its value out', () => {
    const refusal = refusalOf({ SMTP_URL: 'https://user:hunter2@mail.example.org' })

    expect(refusal.code).toBe('ENVIRONMENT_INVALID')
    expect(refusal.message).toContain('SMTP_URL="(hidden)"')
    expect(refusal.message).toContain('a smtp:// or smtps:// address')
    expect(JSON.stringify(refusal)).not.toContain('hunter2')
    expect(refusal.details).not.toHaveProperty('value')
  })

  it.each([
    ['the s3 target without a bucket', { PUBLISH_TARGET: 's3' }, 'ENVIRONMENT_INVALID', /PUBLISH_S3_BUCKET is empty/],
    ['SameSite=None on a cookie that is not secure', { AUTH_COOKIE_SAMESITE: 'None' }, 'ENVIRONMENT_INVALID', /needs a secure cookie/],
    ['a pattern as SITE_URL', { SITE_URL: 'https://health.example.org/{locale}/articles/{slug}' }, 'SITE_URL_INVALID', /SITE_ARTICLE_URL instead/],
    ['production with the development secret', { NODE_ENV: 'production', PAYLOAD_SECRET: DEVELOPMENT_SECRET }, 'PAYLOAD_SECRET_REQUIRED', /at least 32 characters/],
  ])('when the environment has %s, then the settings that contradict each other are refused', (_what, env, code, message) => {
    const refusal = refusalOf(env)

    expect(refusal.code).toBe(code)
    expect(refusal.message).toMatch(message)
  })

  it('when `next build` loads the configuration in production, then the secret is not checked yet', () => {
    expect(readEnvironment({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }).security.secret).toBe(DEVELOPMENT_SECRET)
  })

  it('when a variable is empty, then it counts as unset', () => {
    expect(readEnvironment({ JOBS_BATCH_SIZE: '', SERVER_URL: ' ', PUBLISH_TARGET: '' })).toMatchObject({ jobs: { batchSize: 10 }, server: { publicUrl: undefined }, publishing: { target: 'file' } })
  })

  it('when the configuration module is read, then it imports nothing of the product but itself and the error base, so every layer may read settings', () => {
    const dir = path.resolve('src/environment')
    const imported = fs
      .readdirSync(dir)
      .flatMap((file) => [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]))

    expect(imported.filter((source) => !source.startsWith('node:') && !source.startsWith('./'))).toEqual(['../errors/domainError'])
  })
})
