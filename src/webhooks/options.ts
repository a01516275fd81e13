import type { RetryOptions } from './retryPolicy'

export interface WebhookOptions extends RetryOptions {
  /** How long one attempt waits for a response (`WEBHOOK_TIMEOUT_MS`). */
  timeoutMs: number
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value)
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
}

export function webhookOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookOptions {
  return {
    timeoutMs: positive(env.WEBHOOK_TIMEOUT_MS, 10_000),
    maxAttempts: positive(env.WEBHOOK_MAX_ATTEMPTS, 10),
    baseDelayMs: positive(env.WEBHOOK_RETRY_BASE_MS, 30_000),
    maxDelayMs: positive(env.WEBHOOK_RETRY_MAX_MS, 6 * 60 * 60 * 1000),
  }
}
