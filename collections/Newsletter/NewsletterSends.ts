import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '../../src/access/isEditorOrAdmin'
import { SEND_STATUSES } from '../../src/newsletter/vocabulary'

/**
 * One update email campaign: an article revision that a clinical or editorial publish made news.
 * Its recipients and their progress are the rows of `newsletter-deliveries`.
 */
export const NewsletterSends: CollectionConfig<'newsletter-sends'> = {
  slug: 'newsletter-sends',
  admin: {
    useAsTitle: 'key',
    defaultColumns: ['article', 'revision', 'changeKind', 'status', 'createdAt'],
    group: 'Newsletter',
    description: 'Update emails, one per published clinical or editorial change. Open one to see its progress, resume or cancel it.',
  },
  access: { read: isEditorOrAdmin, create: () => false, update: () => false, delete: () => false },
  fields: [
    {
      name: 'progress',
      type: 'ui',
      admin: { components: { Field: '/src/newsletter/admin/SendProgress#SendProgress' } },
    },
    { name: 'key', type: 'text', required: true, unique: true, admin: { description: 'article id and revision: one send per update.' } },
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    { name: 'revision', type: 'number', required: true },
    {
      name: 'changeKind',
      type: 'select',
      required: true,
      options: [
        { label: 'Clinical', value: 'clinical' },
        { label: 'Editorial', value: 'editorial' },
      ],
    },
    { name: 'workflowEvent', type: 'text', admin: { description: 'The workflow event of the publish that made this send.' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'sending',
      options: SEND_STATUSES.map((status) => ({ label: status[0].toUpperCase() + status.slice(1), value: status })),
    },
    { name: 'graceUntil', type: 'date', admin: { description: 'Languages without an approved translation by then get the fallback language.' } },
    {
      name: 'languages',
      type: 'json',
      admin: { description: 'Per language: when its emails were released and in which language they were written.' },
    },
    { name: 'completedAt', type: 'date' },
    { name: 'cancelledAt', type: 'date' },
    { name: 'cancelledBy', type: 'relationship', relationTo: 'users' },
  ],
}
