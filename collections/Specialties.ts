import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isEditorOrAdmin } from '../src/access/isEditorOrAdmin'
import { uniqueSlug } from '../src/content/slug'
import { DEFAULT_READABILITY_MODE, DEFAULT_READABILITY_TARGET } from '../src/readability/targets'

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
    {
      name: 'readability',
      type: 'group',
      label: 'Readability',
      admin: { description: "How easy its articles must be to read, as a school grade; each language is measured in its own way and held to the same grade." },
      fields: [
        {
          name: 'targetGrade',
          type: 'number',
          label: 'Target grade',
          min: 1,
          max: 16,
          defaultValue: DEFAULT_READABILITY_TARGET,
          admin: { step: 0.5, description: 'The highest grade an article should read at (8 suits most patients).' },
        },
        {
          name: 'mode',
          type: 'select',
          label: 'Above the target',
          defaultValue: DEFAULT_READABILITY_MODE,
          options: [
            { label: 'Warn the editor and submit', value: 'warn' },
            { label: 'Block submission for review', value: 'block' },
          ],
          admin: { description: 'What happens when an article is submitted for review while it reads above the target.' },
        },
      ],
    },
  ],
}
