import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { clientIp, RateLimiter, type RateLimit } from './rateLimit'

/** `readEnvironment().security.login` gives them from `LOGIN_RATE_*` and `TRUSTED_PROXY_HOPS`. */
export interface LoginProtectionOptions {
  /** Sign-in and password-reset requests one IP address may make per window, over every account. */
  rateLimit: RateLimit
  /** Proxies in front of the server whose `X-Forwarded-For` entry is trusted; 0 trusts none. */
  trustedProxyHops: number
}

/** `readEnvironment().security.sessionCookie` gives them from `AUTH_COOKIE_*` and `SERVER_URL`. */
export interface SessionCookieOptions {
  /** Send the session cookie over HTTPS only. */
  secure: boolean
  /** Whether browsers send the cookie with requests started by other sites. */
  sameSite: 'Lax' | 'Strict' | 'None'
  /** The cookie's domain, when the admin and API are served under several host names. */
  domain?: string
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
