import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isEditorOrAdmin } from '../src/access/isEditorOrAdmin'

export const Clinics: CollectionConfig<'clinics'> = {
  slug: 'clinics',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'city'], group: 'Directory' },
  access: { read: anyone, create: isEditorOrAdmin, update: isEditorOrAdmin, delete: isEditorOrAdmin },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'city', type: 'text', required: true, localized: true, admin: { description: 'The city as readers of each language write it.' } },
  ],
}
