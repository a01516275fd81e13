import type { CollectionConfig } from 'payload'

import { isAdmin } from '../src/access/isAdmin'
import { WEBHOOK_EVENT_TYPES } from '../src/webhooks/events'

/** One event for one endpoint, with every attempt; written by the server only. */
export const WebhookDeliveries: CollectionConfig<'webhook-deliveries'> = {
  slug: 'webhook-deliveries',
  admin: {
    useAsTitle: 'eventId',
    defaultColumns: ['eventType', 'endpoint', 'status', 'attemptCount', 'lastStatusCode', 'updatedAt'],
    group: 'Webhooks',
    description: 'Every webhook event sent, with each attempt. Redeliver from a delivery’s page.',
  },
  access: { read: isAdmin, create: () => false, update: () => false, delete: isAdmin },
  fields: [
    {
      name: 'redeliver',
      type: 'ui',
      admin: { components: { Field: '/src/webhooks/admin/RedeliverButton#RedeliverButton' } },
    },
    { name: 'key', type: 'text', required: true, unique: true, admin: { hidden: true } },
    { name: 'endpoint', type: 'relationship', relationTo: 'webhook-endpoints', required: true, index: true },
    { name: 'eventId', type: 'text', required: true, index: true, admin: { description: 'The webhook-id header: the same in every attempt and redelivery.' } },
    { name: 'eventType', type: 'select', required: true, options: WEBHOOK_EVENT_TYPES.map((type) => ({ label: type, value: type })) },
    { name: 'locale', type: 'text' },
    { name: 'body', type: 'code', required: true, admin: { language: 'json', description: 'The exact body sent.' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: ['pending', 'retrying', 'delivered', 'failed', 'cancelled'].map((value) => ({ label: value, value })),
    },
    { name: 'round', type: 'number', defaultValue: 1, admin: { description: 'Goes up with each manual redelivery.' } },
    { name: 'attemptCount', type: 'number', defaultValue: 0, admin: { description: 'Attempts in the current round.' } },
    { name: 'nextAttemptAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'deliveredAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lastStatusCode', type: 'number' },
    { name: 'lastError', type: 'text' },
    {
      name: 'attempts',
      type: 'array',
      fields: [
        { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'round', type: 'number' },
        { name: 'durationMs', type: 'number' },
        { name: 'statusCode', type: 'number' },
        { name: 'verdict', type: 'select', options: ['delivered', 'retry', 'gone', 'rejected'].map((value) => ({ label: value, value })) },
        { name: 'error', type: 'text' },
        { name: 'retryAfterMs', type: 'number' },
        { name: 'responseExcerpt', type: 'textarea' },
      ],
    },
  ],
}
