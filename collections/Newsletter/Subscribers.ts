import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../src/access/isAdmin'
import { isEditorOrAdmin } from '../../src/access/isEditorOrAdmin'
import type { Language } from '../../src/languages/registry'
import { SUBSCRIBER_STATUSES } from '../../src/newsletter/vocabulary'

const hidden = { hidden: true } as const
/** Internal fields: server code reads them with access overridden; no API caller ever does. */
const internal = { read: () => false, create: () => false, update: () => false }

/**
 * People who asked for update emails. Created only through the public subscribe endpoint; admins
 * and editors can look them up, and nothing about them is ever published.
 */
export const createSubscribers = (languages: Language[]): CollectionConfig<'subscribers'> => ({
  slug: 'subscribers',
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'language', 'status', 'specialties', 'updatedAt'],
    group: 'Newsletter',
    description: 'Readers who subscribed to update emails. Addresses are private and never published.',
  },
  access: { read: isEditorOrAdmin, create: () => false, update: isEditorOrAdmin, delete: isAdmin },
  fields: [
    { name: 'email', type: 'email', required: true, unique: true, index: true },
    {
      name: 'language',
      type: 'select',
      required: true,
      options: languages.map((language) => ({ label: `${language.englishName} (${language.code})`, value: language.code })),
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'pending',
      options: SUBSCRIBER_STATUSES.map((status) => ({ label: status[0].toUpperCase() + status.slice(1), value: status })),
      admin: { position: 'sidebar' },
    },
    { name: 'specialties', type: 'relationship', relationTo: 'specialties', hasMany: true, admin: { description: 'Topics followed.' } },
    { name: 'articles', type: 'relationship', relationTo: 'articles', hasMany: true, admin: { description: 'Single articles followed.' } },
    {
      name: 'consent',
      type: 'group',
      admin: { description: 'The record of consent: when it was asked for and given, from which form.' },
      fields: [
        { name: 'requestedAt', type: 'date', admin: { readOnly: true } },
        { name: 'confirmedAt', type: 'date', admin: { readOnly: true } },
        { name: 'source', type: 'text', admin: { readOnly: true, description: 'The form or site the request came from.' } },
        { name: 'ipHash', type: 'text', admin: { readOnly: true, description: 'Keyed hash of the requesting IP address; the address itself is not kept.' } },
      ],
    },
    { name: 'unsubscribedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'bouncedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'bounceReason', type: 'text', admin: { readOnly: true, position: 'sidebar' } },
    // Only a hash of the confirmation token is kept, so a leaked database confirms nobody.
    { name: 'confirmationTokenHash', type: 'text', index: true, access: internal, admin: hidden },
    { name: 'confirmationExpiresAt', type: 'date', access: internal, admin: hidden },
    { name: 'confirmationWindowStartedAt', type: 'date', access: internal, admin: hidden },
    { name: 'confirmationsInWindow', type: 'number', defaultValue: 0, access: internal, admin: hidden },
  ],
})
