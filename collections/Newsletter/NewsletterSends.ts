import type { CollectionConfig } from 'payload'

import { isEditorOrAdmin } from '../../src/access/isEditorOrAdmin'
import { DIGEST_WINDOWS } from '../../src/newsletter/digestWindows'
import { SEND_KINDS, SEND_STATUSES } from '../../src/newsletter/vocabulary'

/**
 * One email campaign: an article revision that a clinical or editorial publish made news, or the
 * digest of one week or month. Its recipients and their progress are the rows of
 * `newsletter-deliveries`.
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
    { name: 'key', type: 'text', required: true, unique: true, admin: { description: 'article id and revision: one send per update; digest and window for a digest.' } },
    {
      name: 'kind',
      type: 'select',
      defaultValue: 'update',
      index: true,
      options: SEND_KINDS.map((kind) => ({ label: kind[0].toUpperCase() + kind.slice(1), value: kind })),
      admin: { description: 'The email of one update, or a digest of the updates of a week or month. Empty counts as an update.' },
    },
    { name: 'article', type: 'relationship', relationTo: 'articles', index: true, admin: { condition: (data) => data?.kind !== 'digest' } },
    { name: 'revision', type: 'number', admin: { condition: (data) => data?.kind !== 'digest' } },
    {
      name: 'changeKind',
      type: 'select',
      admin: { condition: (data) => data?.kind !== 'digest' },
      options: [
        { label: 'Clinical', value: 'clinical' },
        { label: 'Editorial', value: 'editorial' },
      ],
    },
    {
      name: 'digest',
      type: 'group',
      admin: { condition: (data) => data?.kind === 'digest', description: 'The window a digest covers, in UTC.' },
      fields: [
        { name: 'window', type: 'select', options: DIGEST_WINDOWS.map((window) => ({ label: window[0].toUpperCase() + window.slice(1), value: window })) },
        { name: 'windowKey', type: 'text', admin: { description: 'weekly:2026-W49, monthly:2026-12' } },
        { name: 'windowStart', type: 'date' },
        { name: 'windowEnd', type: 'date' },
        { name: 'updates', type: 'number', admin: { description: 'Updates published in the window.' } },
        { name: 'preparedAt', type: 'date', admin: { description: 'When every recipient had been added; the digest goes out only after.' } },
      ],
    },
    { name: 'workflowEvent', type: 'text', admin: { description: 'The workflow event of the publish that made this send.' } },
    {
      name: 'preparing',
      type: 'checkbox',
      admin: {
        condition: (data) => data?.kind !== 'digest',
        description: 'Recipients are still being added, page by page, while those already added are emailed; the send completes only after the last page.',
      },
    },
    {
      name: 'preparedThrough',
      type: 'date',
      admin: { condition: (data) => data?.kind !== 'digest', description: 'Followers who subscribed up to this moment have been added.' },
    },
    { name: 'preparedAt', type: 'date', admin: { condition: (data) => data?.kind !== 'digest', description: 'When every recipient had been added.' } },
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
