import { spawn } from 'node:child_process'
import path from 'node:path'

import { DEVELOPMENT_SECRET, readEnvironment, type VariableSource } from '../../src/environment/readEnvironment'
import { api, login } from '../support/http'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { startServer, type RunningServer } from '../support/server'
import { temporaryLibrary } from '../support/environment'
import { userData } from './support/builders'

const LOGIN_LIMIT = 12
const NEWSLETTER_LIMIT = 3

let server: RunningServer
let adminToken: string
let nextAddress = 1
/** Every test speaks from its own client address, so one test's requests never count against another's. */
const address = () => `192.0.2.${nextAddress++}`

const signIn = (email: string, password: string, from: string) => api(server.baseURL, '/api/users/login', { body: { email, password }, headers: { 'X-Forwarded-For': from } })

async function account(): Promise<{ email: string; password: string }> {
  const user = userData(['translator'])
  const created = await api(server.baseURL, '/api/users', { token: adminToken, body: { ...user, languages: ['hi'] } })
  if (created.status !== 201) throw new Error(`Creating ${user.email} failed with ${created.status}`)
  return user
}

beforeAll(async () => {
  server = await startServer('login-protection', {
    LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
    NEWSLETTER_SUBSCRIBE_LIMIT: String(NEWSLETTER_LIMIT),
    NEWSLETTER_CONFIRM_LIMIT: String(NEWSLETTER_LIMIT),
    NEWSLETTER_UNSUBSCRIBE_LIMIT: String(NEWSLETTER_LIMIT),
    TRUSTED_PROXY_HOPS: '1',
    AUTH_COOKIE_SECURE: 'true',
  })
  adminToken = (await signIn('admin@vitalpress.example', 'vitalpress-admin', address())).body.token
}, 600_000)

afterAll(async () => server?.stop())

describe('lockout after failed sign-ins, over HTTP', () => {
  it('when an account gets five wrong passwords, then the sixth attempt is refused even with the right password, and other accounts still sign in', async () => {
    const user = await account()
    const wrong = []
    for (let attempt = 0; attempt < 5; attempt += 1) wrong.push((await signIn(user.email, 'not-the-password', address())).status)

    const right = await signIn(user.email, user.password, address())
    const other = await signIn('editor@vitalpress.example', 'vitalpress-staff', address())

    expect(wrong).toEqual([401, 401, 401, 401, 401])
    expect(right.status).toBe(401)
    expect(right.body.token).toBeUndefined()
    expect(right.body.errors[0].message).toBe('This user is locked due to having too many failed login attempts.')
    expect(other.status).toBe(200)
  })

  it('when wrong passwords arrive all at once, then the account is locked just the same', async () => {
    const user = await account()

    const burst = await Promise.all(Array.from({ length: 8 }, () => signIn(user.email, 'not-the-password', address())))
    const right = await signIn(user.email, user.password, address())

    expect(burst.map((response) => response.status)).toEqual(burst.map(() => 401))
    expect(right.status).toBe(401)
  })

  it('when an admin unlocks a locked account, then its holder signs in again; a non-admin cannot unlock it', async () => {
    const user = await account()
    for (let attempt = 0; attempt < 5; attempt += 1) await signIn(user.email, 'not-the-password', address())
    const editor = await login(server.baseURL, 'editor@vitalpress.example', 'vitalpress-staff')

    const byEditor = await api(server.baseURL, '/api/users/unlock', { token: editor, body: { email: user.email } })
    const stillLocked = await signIn(user.email, user.password, address())
    const byAdmin = await api(server.baseURL, '/api/users/unlock', { token: adminToken, body: { email: user.email } })
    const unlocked = await signIn(user.email, user.password, address())

    expect(byEditor.status).toBe(403)
    expect(stillLocked.status).toBe(401)
    expect(byAdmin.status).toBe(200)
    expect(unlocked.status).toBe(200)
  })
})

describe('how long a lockout lasts', () => {
  let library: TestLibrary

  beforeAll(async () => {
    library = await startPayload('lockout-duration')
  })
  afterAll(() => stopPayload(library))

  it('when an account is locked, then it stays locked for ten minutes from the fifth failure and opens again after', async () => {
    const { payload } = library
    const user = userData(['editor'])
    const created = await payload.create({ collection: 'users', data: { ...user, roles: ['editor'] }, overrideAccess: true })
    const before = Date.now()
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await payload.login({ collection: 'users', data: { email: user.email, password: 'not-the-password' } }).catch(() => undefined)
    }
    const after = Date.now()

    const locked = await payload.findByID({ collection: 'users', id: created.id, showHiddenFields: true, overrideAccess: true })
    const lockedUntil = new Date(String(locked.lockUntil)).getTime()
    const refused = await payload.login({ collection: 'users', data: user }).catch((error: Error) => error.message)
    // The lock ends at lockUntil: moving it to just past shows what happens once ten minutes have gone.
    await payload.db.updateOne({ collection: 'users', id: created.id, data: { lockUntil: new Date(Date.now() - 1000).toISOString() } })
    const reopened = await payload.login({ collection: 'users', data: user })

    expect(lockedUntil).toBeGreaterThanOrEqual(before + 10 * 60_000)
    expect(lockedUntil).toBeLessThanOrEqual(after + 10 * 60_000)
    expect(refused).toBe('This user is locked due to having too many failed login attempts.')
    expect(reopened.token).toEqual(expect.any(String))
  })
})

describe('rate limits on public endpoints, per client address', () => {
  it('when one address signs in more often than LOGIN_RATE_LIMIT, then the excess is answered 429 with Retry-After, over REST and GraphQL, and another address is unaffected', async () => {
    const from = address()
    const allowed = []
    for (let attempt = 0; attempt < LOGIN_LIMIT; attempt += 1) allowed.push((await signIn('nobody@vitalpress.example', 'guess', from)).status)

    const limited = await signIn('admin@vitalpress.example', 'vitalpress-admin', from)
    const resetRequest = await api(server.baseURL, '/api/users/forgot-password', { body: { email: 'admin@vitalpress.example' }, headers: { 'X-Forwarded-For': from } })
    const graphql = await api(server.baseURL, '/api/graphql', {
      body: { query: 'mutation { loginUser(email: "admin@vitalpress.example", password: "vitalpress-admin") { token } }' },
      headers: { 'X-Forwarded-For': from },
    })
    const elsewhere = await signIn('admin@vitalpress.example', 'vitalpress-admin', address())

    expect(allowed).toEqual(allowed.map(() => 401))
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(600)
    expect(limited.body.errors[0]).toMatchObject({ data: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/^Too many sign-in requests from this address\. Try again in \d+ seconds\.$/) })
    expect(limited.body.token).toBeUndefined()
    expect(resetRequest.status).toBe(429)
    expect(graphql.body.data.loginUser).toBeNull()
    expect(graphql.body.errors[0].extensions).toMatchObject({ statusCode: 429, data: { code: 'RATE_LIMITED' } })
    expect(elsewhere.status).toBe(200)
  })

  it.each([
    ['subscribe', 'POST', '/api/newsletter/subscribe', { email: 'reader@readers.example', locale: 'en', specialties: ['orthopaedics'] }],
    ['confirm', 'GET', '/api/newsletter/confirm?token=not-a-token', undefined],
    ['unsubscribe page', 'GET', '/api/newsletter/unsubscribe?token=not-a-token', undefined],
    ['one-click unsubscribe', 'POST', '/api/newsletter/unsubscribe?token=not-a-token', undefined],
  ] as const)('when one address calls %s more often than its configured limit, then the excess is answered 429 with Retry-After', async (_name, method, pathname, body) => {
    const from = address()
    const call = () => api(server.baseURL, pathname, { method, body, headers: { 'X-Forwarded-For': from, Accept: 'application/json' } })
    const allowed = []
    for (let attempt = 0; attempt < NEWSLETTER_LIMIT; attempt += 1) allowed.push((await call()).status)

    const limited = await call()
    const elsewhere = await api(server.baseURL, pathname, { method, body, headers: { 'X-Forwarded-For': address(), Accept: 'application/json' } })

    expect(allowed.every((status) => status !== 429)).toBe(true)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(limited.headers.get('retry-after')) })
    expect(elsewhere.status).not.toBe(429)
  })
})

describe('the session cookie', () => {
  it('when someone signs in on a server configured with AUTH_COOKIE_SECURE=true, then the cookie is Secure, HttpOnly and SameSite=Lax', async () => {
    const response = await fetch(`${server.baseURL}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address() },
      body: JSON.stringify({ email: 'editor@vitalpress.example', password: 'vitalpress-staff' }),
    })
    const cookie = response.headers.get('set-cookie') ?? ''

    expect(response.status).toBe(200)
    expect(cookie).toMatch(/^payload-token=/)
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
  })

  it('when the cookie settings come from the environment, then https SERVER_URL makes it secure, explicit settings win, and contradictions are refused', () => {
    const sessionCookie = (env: VariableSource) => readEnvironment(env).security.sessionCookie
    expect(sessionCookie({})).toEqual({ secure: false, sameSite: 'Lax' })
    expect(sessionCookie({ SERVER_URL: 'https://cms.example.org' })).toEqual({ secure: true, sameSite: 'Lax' })
    expect(sessionCookie({ SERVER_URL: 'https://cms.example.org', AUTH_COOKIE_SECURE: 'false' })).toEqual({ secure: false, sameSite: 'Lax' })
    expect(sessionCookie({ AUTH_COOKIE_SECURE: 'true', AUTH_COOKIE_SAMESITE: 'Strict', AUTH_COOKIE_DOMAIN: 'example.org' })).toEqual({
      secure: true,
      sameSite: 'Strict',
      domain: 'example.org',
    })
    expect(() => sessionCookie({ AUTH_COOKIE_SECURE: 'sometimes' })).toThrow(expect.objectContaining({ code: 'ENVIRONMENT_INVALID' }))
    expect(() => sessionCookie({ AUTH_COOKIE_SAMESITE: 'None' })).toThrow(/needs a secure cookie/)
  })
})

describe('PAYLOAD_SECRET on the production start path', () => {
  /** `npm start` (scripts/start.mjs, NODE_ENV=production) on an empty library, reusing the run's build. */
  function start(secret: string): Promise<{ code: number | null; output: string }> {
    const library = temporaryLibrary('secret-refused')
    const child = spawn(process.execPath, [path.resolve('scripts/start.mjs')], {
      env: { ...process.env, ...library.env, PAYLOAD_SECRET: secret, PORT: '9', HOST: '127.0.0.1', NODE_OPTIONS: '', SKIP_BUILD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })))
  }

  it.each([
    ['the development default', DEVELOPMENT_SECRET],
    ['a secret shorter than 32 characters', 'short-secret-1234'],
  ])('when the server is started with %s, then it refuses to start, says why and serves nothing', async (_what, secret) => {
    const outcome = await start(secret)

    expect(outcome.code).toBe(1)
    expect(outcome.output).toContain('(PAYLOAD_SECRET_REQUIRED)')
    expect(outcome.output).toContain('PAYLOAD_SECRET must be set to a random value of at least 32 characters in production')
    expect(outcome.output).not.toContain('Serving the admin')
  })
})
