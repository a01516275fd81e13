import type { CollectionConfig, TextFieldSingleValidation } from 'payload'

import { isAdmin } from '../src/access/isAdmin'
import type { Language } from '../src/languages/registry'
import { endpointUrlProblem } from '../src/webhooks/addressPolicy'
import { WEBHOOK_EVENT_TYPES } from '../src/webhooks/events'
import { secretShownOnce } from '../src/webhooks/secret'
import { privateAddressesAllowed } from '../src/webhooks/settings'

/** Checked when an endpoint is saved; the address it resolves to is checked again at every delivery. */
const validateEndpointUrl: TextFieldSingleValidation = async (value, { req }) =>
  endpointUrlProblem(String(value ?? ''), await privateAddressesAllowed(req.payload, req)) ?? true

export const createWebhookEndpoints = (languages: Language[]): CollectionConfig<'webhook-endpoints'> => ({
  slug: 'webhook-endpoints',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'url', 'events', 'languages', 'active'],
    group: 'Webhooks',
    description: 'Downstream sites told of published changes by signed requests (Standard Webhooks).',
  },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'url',
      type: 'text',
      required: true,
      validate: validateEndpointUrl,
      admin: { description: 'Where events are sent (POST). Public addresses only, unless allowed in Webhook settings.' },
    },
    {
      name: 'secret',
      type: 'text',
      access: { read: secretShownOnce, update: () => false },
      admin: {
        readOnly: true,
        description:
          'The receiver verifies each request’s signature with it. It is shown once, in the answer to the request that creates the endpoint; for a new one, use Rotate secret below (or POST /api/webhook-endpoints/:id/rotate-secret).',
      },
    },
    {
      name: 'rotateSecret',
      type: 'ui',
      admin: { components: { Field: '/src/webhooks/admin/RotateSecretField#RotateSecretField' } },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      options: WEBHOOK_EVENT_TYPES.map((type) => ({ label: type, value: type })),
    },
    {
      // Not "locales": the SQL adapter keeps localized values in a `<table>_locales` table.
      name: 'languages',
      type: 'select',
      hasMany: true,
      options: languages.map((language) => ({ label: `${language.englishName} (${language.code})`, value: language.code })),
      admin: { description: 'Languages of article.locale.published events to send; empty for all.' },
    },
    { name: 'active', type: 'checkbox', defaultValue: true, index: true },
    { name: 'disabledReason', type: 'text', admin: { readOnly: true, description: 'Why deliveries stopped, when the receiver said the endpoint is gone.' } },
    { name: 'disabledAt', type: 'date', admin: { readOnly: true } },
  ],
})
