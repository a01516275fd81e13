export interface RetryOptions {
  /** Attempts in all, the first included, before a delivery is given up. */
  maxAttempts: number
  /** The wait after the first failure; doubled after each further one. */
  baseDelayMs: number
  /** No wait is longer than this, whatever the backoff or a `Retry-After` asks. */
  maxDelayMs: number
}

/** A `Retry-After` header (seconds, or an HTTP date) as milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: Date = new Date()): number | null {
  if (!header) return null
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  if (Number.isNaN(date)) return null
  return Math.max(0, date - now.getTime())
}

/**
 * How long to wait before attempt `failedAttempts + 1`: what the receiver asked for with
 * `Retry-After` when it did, else exponential backoff with full jitter, so many deliveries that
 * failed together do not all come back at the same moment.
 */
export function retryDelayMs(failedAttempts: number, options: RetryOptions, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, options.maxDelayMs)
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

export type AttemptVerdict = 'delivered' | 'retry' | 'gone' | 'rejected'

/** 2xx is delivered; timeouts, network errors, 429 and 5xx are tried again; 410 means the endpoint is gone. */
export function verdictOf(statusCode: number | null): AttemptVerdict {
  if (statusCode === null) return 'retry'
  if (statusCode >= 200 && statusCode < 300) return 'delivered'
  if (statusCode === 410) return 'gone'
  if (statusCode === 429 || statusCode === 408 || statusCode >= 500) return 'retry'
  return 'rejected'
}
