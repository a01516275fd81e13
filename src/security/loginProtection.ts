import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { clientIp, RateLimiter, type RateLimit } from './rateLimit'
import { DomainError, type FixedCodeErrorOptions } from '../api/domainError'

export interface LoginProtectionOptions {
  /** Sign-in and password-reset requests one IP address may make per window, over every account. */
  rateLimit: RateLimit
  /** Proxies in front of the server whose `X-Forwarded-For` entry is trusted; 0 trusts none. */
  trustedProxyHops: number
}

export interface SessionCookieOptions {
  /** Send the session cookie over HTTPS only. */
  secure: boolean
  /** Whether browsers send the cookie with requests started by other sites. */
  sameSite: 'Lax' | 'Strict' | 'None'
  /** The cookie's domain, when the admin and API are served under several host names. */
  domain?: string
}

export class SecurityConfigError extends DomainError<'SECURITY_CONFIG_INVALID'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'SECURITY_CONFIG_INVALID', status: 500 })
  }
}

const number = (value: string | undefined, fallback: number) => (value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback)

export function loginProtectionOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LoginProtectionOptions {
  return {
    rateLimit: { limit: number(env.LOGIN_RATE_LIMIT, 30), windowMs: number(env.LOGIN_RATE_WINDOW_MS, 10 * 60_000) },
    trustedProxyHops: number(env.TRUSTED_PROXY_HOPS, 0),
  }
}

/**
 * The session cookie's attributes. `Secure` follows `SERVER_URL` (on when the public address is
 * https) unless `AUTH_COOKIE_SECURE` says otherwise; `SameSite=Lax` keeps other sites' forms and
 * scripts from sending it, which is what protects cookie sessions from cross-site requests.
 */
export function sessionCookieOptionsFromEnv(env: Record<string, string | undefined> = process.env): SessionCookieOptions {
  const flag = (env.AUTH_COOKIE_SECURE ?? '').trim().toLowerCase()
  if (flag !== '' && flag !== 'true' && flag !== 'false') {
    throw new SecurityConfigError({ message: `AUTH_COOKIE_SECURE must be "true" or "false"; got "${env.AUTH_COOKIE_SECURE}".` })
  }
  const secure = flag === '' ? (env.SERVER_URL ?? '').startsWith('https://') : flag === 'true'
  const sameSite = (env.AUTH_COOKIE_SAMESITE || 'Lax').trim()
  if (sameSite !== 'Lax' && sameSite !== 'Strict' && sameSite !== 'None') {
    throw new SecurityConfigError({ message: `AUTH_COOKIE_SAMESITE must be Lax, Strict or None; got "${sameSite}".` })
  }
  if (sameSite === 'None' && !secure) {
    throw new SecurityConfigError({ message: 'AUTH_COOKIE_SAMESITE=None needs a secure cookie: serve the admin over https and set AUTH_COOKIE_SECURE=true.' })
  }
  return { secure, sameSite, ...(env.AUTH_COOKIE_DOMAIN ? { domain: env.AUTH_COOKIE_DOMAIN } : {}) }
}

/** The public auth operations a guesser would hammer: signing in, and asking for password-reset emails. */
const LIMITED_OPERATIONS = new Set(['login', 'forgotPassword'])

/**
 * Counts sign-in and password-reset requests per client address, over REST and GraphQL alike, and
 * refuses the excess with 429 and `Retry-After`. The per-account lockout stops guessing one
 * password; this stops one address from guessing across every account. Calls made inside the
 * server (the Local API, with no forwarded address) are not network requests and are not counted.
 */
export function limitAuthAttempts(options: LoginProtectionOptions): CollectionBeforeOperationHook<'users'> {
  const limiter = new RateLimiter(options.rateLimit)
  return ({ args, operation, req }) => {
    if (!LIMITED_OPERATIONS.has(operation) || !req.headers?.get('x-forwarded-for')) return args
    const decision = limiter.hit(clientIp(req.headers, options.trustedProxyHops))
    if (decision.allowed) return args
    req.responseHeaders = new Headers({ 'Retry-After': String(decision.retryAfterSeconds) })
    req.payload.logger.warn({ event: 'auth.rate_limited', code: 'RATE_LIMITED', operation })
    throw new APIError(
      `Too many sign-in requests from this address. Try again in ${decision.retryAfterSeconds} seconds.`,
      429,
      { code: 'RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds },
      true,
    )
  }
}
