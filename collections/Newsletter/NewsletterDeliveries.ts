import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '../../src/access/isEditorOrAdmin'
import { DELIVERY_STATUSES } from '../../src/newsletter/vocabulary'

const readOnly = { readOnly: true } as const

/**
 * The recipient ledger: one row per (send, subscriber). A row becomes `sent` only after the SMTP
 * server accepted its message, which is what makes a resumed send skip nobody and repeat nobody.
 */
export const NewsletterDeliveries: CollectionConfig<'newsletter-deliveries'> = {
  slug: 'newsletter-deliveries',
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'send', 'language', 'status', 'attempts', 'sentAt', 'failureReason'],
    group: 'Newsletter',
    description: 'Every recipient of every send and what happened to their email. Read-only.',
  },
  access: { read: isEditorOrAdmin, create: () => false, update: () => false, delete: () => false },
  // Every email writes its row two or three times, and every index holding a changed column is
  // written with it: the retry time and the time of the last write have no index of their own, as
  // no query looks either up alone (the two below lead with the send).
  indexes: [{ fields: ['send', 'status', 'nextAttemptAt'] }, { fields: ['send', 'language', 'status'] }],
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, admin: readOnly },
    { name: 'send', type: 'relationship', relationTo: 'newsletter-sends', required: true, index: true, admin: readOnly },
    { name: 'subscriber', type: 'relationship', relationTo: 'subscribers', required: true, index: true, admin: readOnly },
    { name: 'email', type: 'text', required: true, admin: readOnly },
    { name: 'language', type: 'text', required: true, admin: { ...readOnly, description: "The subscriber's language." } },
    { name: 'renderedIn', type: 'text', admin: { ...readOnly, description: 'The language the email was written in (the fallback when the translation was late).' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: DELIVERY_STATUSES.map((status) => ({ label: status[0].toUpperCase() + status.slice(1), value: status })),
      admin: readOnly,
    },
    { name: 'attempts', type: 'number', defaultValue: 0, admin: readOnly },
    { name: 'nextAttemptAt', type: 'date', admin: readOnly },
    { name: 'claimedBy', type: 'text', admin: readOnly },
    { name: 'claimExpiresAt', type: 'date', admin: readOnly },
    {
      name: 'ambiguousAttempts',
      type: 'number',
      defaultValue: 0,
      admin: { ...readOnly, description: 'Attempts cut off by a crash after the message was handed to the server: each may have arrived twice.' },
    },
    {
      name: 'digestUpdates',
      type: 'json',
      admin: { ...readOnly, description: "A digest's row: the updates it lists for this reader, each with the language it is written in." },
    },
    {
      name: 'throttledAttempts',
      type: 'number',
      defaultValue: 0,
      admin: { ...readOnly, description: 'Times the mail server asked to slow down instead of taking this email; not counted as attempts.' },
    },
    { name: 'messageId', type: 'text', admin: readOnly },
    { name: 'smtpResponse', type: 'text', admin: readOnly },
    { name: 'sentAt', type: 'date', admin: readOnly },
    { name: 'failureCode', type: 'text', admin: readOnly },
    { name: 'failureReason', type: 'text', admin: readOnly },
    // Payload's own `updatedAt`, without the index it gives it by default: the column changes on every write.
    { name: 'updatedAt', type: 'date', index: false, label: ({ t }) => t('general:updatedAt'), admin: { hidden: true, disableBulkEdit: true } },
  ],
}
