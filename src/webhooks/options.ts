import type { RetryOptions } from './retryPolicy'

/** The delivery settings; `readEnvironment().webhooks` gives them from `WEBHOOK_*`. */
export interface WebhookOptions extends RetryOptions {
  /** How long one attempt waits for a response (`WEBHOOK_TIMEOUT_MS`). */
  timeoutMs: number
}
