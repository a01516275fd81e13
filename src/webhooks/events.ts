/** The events downstream sites can subscribe to, named once for the side that sends and the endpoints that subscribe. */
export const WEBHOOK_EVENTS = {
  articlePublished: 'article.published',
  articleUnpublished: 'article.unpublished',
  articleLocalePublished: 'article.locale.published',
  doctorsPublished: 'doctors.published',
} as const
export const WEBHOOK_EVENT_TYPES = Object.values(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]]
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS]

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
