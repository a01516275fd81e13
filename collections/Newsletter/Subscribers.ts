import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../src/access/isAdmin'
import { isEditorOrAdmin } from '../../src/access/isEditorOrAdmin'
import type { Language } from '../../src/languages/registry'
import { SUPPRESSION_REASONS } from '../../src/newsletter/suppression'
import { FREQUENCIES, SUBSCRIBER_STATUSES } from '../../src/newsletter/vocabulary'

const hidden = { hidden: true } as const
const FREQUENCY_LABELS = { 'every-update': 'Every update', 'clinical-only': 'Clinical updates only', weekly: 'Weekly digest', monthly: 'Monthly digest' }
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
  // A send adds its recipients a page at a time, confirmed subscribers in the order they
  // subscribed: with this index each page starts where the last one ended. With the status's
  // index alone, every page went through every confirmed subscriber (185 ms a page at 100,000).
  indexes: [{ fields: ['status', 'createdAt'] }],
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
    {
      name: 'frequency',
      type: 'select',
      defaultValue: 'every-update',
      index: true,
      options: FREQUENCIES.map((frequency) => ({ label: FREQUENCY_LABELS[frequency], value: frequency })),
      admin: { description: 'Every update as it is published, clinical updates only, or a weekly or monthly digest. Empty counts as every update.' },
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
        {
          name: 'afterSuppression',
          type: 'text',
          admin: { readOnly: true, description: 'Set when this consent was given again after the address was suppressed: when, and why it had been.' },
        },
      ],
    },
    { name: 'unsubscribedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'bouncedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'bounceReason', type: 'text', admin: { readOnly: true, position: 'sidebar' } },
    {
      name: 'suppression',
      type: 'group',
      admin: { description: 'Set when the mail provider reported a hard bounce, repeated soft bounces or a spam complaint: the address gets nothing until it confirms a new subscription or an admin lifts the suppression.' },
      fields: [
        {
          name: 'reason',
          type: 'select',
          index: true,
          options: SUPPRESSION_REASONS.map((reason) => ({ label: reason, value: reason })),
          admin: { readOnly: true },
        },
        { name: 'suppressedAt', type: 'date', admin: { readOnly: true } },
        { name: 'reportedBy', type: 'text', admin: { readOnly: true, description: 'The provider or mail that reported it: postmark, ses, bounce-mail.' } },
        { name: 'detail', type: 'text', admin: { readOnly: true, description: 'What the provider said.' } },
        {
          name: 'liftedAt',
          type: 'date',
          admin: { readOnly: true, description: 'When a suppression was last lifted, by an admin or by the reader confirming again. Problems reported as happening before then change nothing.' },
        },
      ],
    },
    // Soft bounces of the last window, for the rule that suppresses after several of them.
    { name: 'softBounces', type: 'json', access: internal, admin: hidden },
    // Only a hash of the confirmation token is kept, so a leaked database confirms nobody.
    { name: 'confirmationTokenHash', type: 'text', index: true, access: internal, admin: hidden },
    { name: 'confirmationExpiresAt', type: 'date', access: internal, admin: hidden },
    { name: 'confirmationWindowStartedAt', type: 'date', access: internal, admin: hidden },
    { name: 'confirmationsInWindow', type: 'number', defaultValue: 0, access: internal, admin: hidden },
  ],
})
