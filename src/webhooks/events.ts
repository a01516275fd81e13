/** The events downstream sites can subscribe to. */
export const WEBHOOK_EVENT_TYPES = ['article.published', 'article.unpublished', 'article.locale.published', 'doctors.published'] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/**
 * One event, as sent to every endpoint that subscribed to it. The id is derived from what
 * caused the event (a workflow record, a job), so the event has one id however often it is sent.
 */
export interface WebhookEvent {
  id: string
  type: WebhookEventType
  /** The reader language the event concerns, for endpoints that follow some languages only. */
  locale: string | null
  /** When the event happened; the same in every attempt. */
  timestamp: string
  data: Record<string, unknown>
}

/** The JSON body of a delivery: `{ type, timestamp, data }`, as Standard Webhooks suggests. */
export function eventBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data })
}
