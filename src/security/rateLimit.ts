/** How many requests one key may make in one window. */
export interface RateLimit {
  limit: number
  windowMs: number
}

export interface RateLimitDecision {
  allowed: boolean
  /** Requests left in the current window. */
  remaining: number
  /** Whole seconds until the key may try again; 0 when allowed. */
  retryAfterSeconds: number
}

export interface RateLimiterOptions extends RateLimit {
  /** Keys remembered at most; expired windows are dropped first, so memory stays bounded under a flood of keys. */
  maxKeys?: number
  now?: () => number
}

/**
 * A fixed-window counter per key (an IP address, an email address), in this process's memory.
 * Several web processes each count on their own, so the effective limit is per process; that is
 * the point of a cheap first line against floods, while durable limits (emails per address per
 * day) are kept in the database by their owners.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>()
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.limit >= 1) || !(options.windowMs >= 1)) {
      throw Object.assign(new Error(`A rate limit needs a limit ≥ 1 and a window ≥ 1 ms; got ${options.limit} per ${options.windowMs} ms.`), {
        code: 'RATE_LIMIT_INVALID',
      })
    }
    this.maxKeys = options.maxKeys ?? 100_000
    this.now = options.now ?? Date.now
  }

  /** Counts one request for `key` and says whether it may go ahead. */
  hit(key: string): RateLimitDecision {
    const now = this.now()
    let window = this.windows.get(key)
    if (!window || now - window.startedAt >= this.options.windowMs) {
      this.windows.delete(key)
      if (this.windows.size >= this.maxKeys) this.forgetExpired(now)
      window = { startedAt: now, count: 0 }
      this.windows.set(key, window)
    }
    window.count += 1
    if (window.count <= this.options.limit) {
      return { allowed: true, remaining: this.options.limit - window.count, retryAfterSeconds: 0 }
    }
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + this.options.windowMs - now) / 1000)) }
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.options.windowMs) this.windows.delete(key)
    }
    // Still full of live windows: drop the oldest, which lets a flood of fresh keys through rather than growing without end.
    while (this.windows.size >= this.maxKeys) {
      const oldest = this.windows.keys().next().value
      if (oldest === undefined) break
      this.windows.delete(oldest)
    }
  }
}

/** The 429 answer for a refused request: `Retry-After` in seconds and a body a person can act on. */
export function tooManyRequests(decision: RateLimitDecision, what: string): Response {
  return Response.json(
    {
      code: 'RATE_LIMITED',
      message: `Too many ${what} requests from this address. Try again in ${decision.retryAfterSeconds} seconds.`,
      retryAfterSeconds: decision.retryAfterSeconds,
    },
    { status: 429, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
  )
}

/**
 * The client's IP address, from `X-Forwarded-For`. Next.js fills that header with the socket's
 * address only when the request has none, so without a proxy in front a client can choose its own:
 * deploy behind a proxy that appends the peer's address and set how many such proxies to trust.
 */
export function clientIp(headers: Headers, trustedProxyHops: number): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  if (forwarded.length === 0) return 'unknown'
  if (trustedProxyHops <= 0) return forwarded[0]
  return forwarded[Math.max(0, forwarded.length - trustedProxyHops)]
}
