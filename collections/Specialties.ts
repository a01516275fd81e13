import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isEditorOrAdmin } from '../src/access/isEditorOrAdmin'
import { uniqueSlug } from '../src/content/slug'

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12

export const Specialties: CollectionConfig<'specialties'> = {
  slug: 'specialties',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug', 'reviewIntervalMonths'], group: 'Directory' },
  access: { read: anyone, create: isEditorOrAdmin, update: isEditorOrAdmin, delete: isEditorOrAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true },
    { name: 'slug', type: 'text', required: true, unique: true, index: true, validate: uniqueSlug('specialties') },
    {
      name: 'doctorTitle',
      type: 'group',
      admin: { description: 'What a doctor of this specialty is called, as in "Consult Top Orthopaedicians".' },
      fields: [
        { name: 'singular', type: 'text', required: true, localized: true },
        { name: 'plural', type: 'text', required: true, localized: true },
      ],
    },
    {
      name: 'reviewIntervalMonths',
      type: 'number',
      min: 1,
      max: 60,
      defaultValue: DEFAULT_REVIEW_INTERVAL_MONTHS,
      admin: { description: 'How often articles of this specialty are reviewed by a clinician.' },
    },
  ],
}
