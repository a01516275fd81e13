import type { CollectionConfig } from 'payload'

import { isStaff } from '../src/access/isStaff'

/**
 * The audit trail of the review workflow, and the events the rest of the pipeline reacts to:
 * one record per transition of an article's source content (locale empty) or of one translation.
 * Records are written only by the server's workflow code; nobody edits or deletes them.
 */
export const WorkflowEvents: CollectionConfig<'workflow-events'> = {
  slug: 'workflow-events',
  admin: {
    useAsTitle: 'to',
    defaultColumns: ['article', 'locale', 'from', 'to', 'changeKind', 'actor', 'createdAt'],
    group: 'Workflow',
    description: 'Every workflow transition, in order. Read-only.',
  },
  access: { read: isStaff, create: () => false, update: () => false, delete: () => false },
  fields: [
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    { name: 'locale', type: 'text', index: true, admin: { description: 'Empty for the source content; else the translation it concerns.' } },
    { name: 'from', type: 'text', required: true },
    { name: 'to', type: 'text', required: true, index: true },
    {
      name: 'changeKind',
      type: 'select',
      options: [
        { label: 'Clinical', value: 'clinical' },
        { label: 'Editorial', value: 'editorial' },
        { label: 'Cosmetic', value: 'cosmetic' },
      ],
    },
    { name: 'note', type: 'textarea' },
    {
      name: 'referencesChecked',
      type: 'checkbox',
      admin: { description: 'On an approval: whether the reviewer confirmed that the references were re-checked.' },
    },
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    { name: 'revision', type: 'number', admin: { description: "The article's content revision after this transition." } },
    { name: 'versionId', type: 'text', admin: { description: 'The article version the transition concerns.' } },
  ],
}
