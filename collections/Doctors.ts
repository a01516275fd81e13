import type { CollectionConfig } from 'payload'

import { activeOrStaff } from '../src/access/activeOrStaff'
import { isEditorOrAdmin } from '../src/access/isEditorOrAdmin'
import type { Language } from '../src/languages/registry'

const EARLIEST_PRACTICE_YEAR = 1940

export const createDoctors = (languages: Language[]): CollectionConfig<'doctors'> => ({
  slug: 'doctors',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'specialty', 'practicingSince', 'clinic', 'active'],
    group: 'Directory',
  },
  access: { read: activeOrStaff, create: isEditorOrAdmin, update: isEditorOrAdmin, delete: isEditorOrAdmin },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'specialty', type: 'relationship', relationTo: 'specialties', required: true, index: true },
    {
      name: 'practicingSince',
      type: 'number',
      required: true,
      min: EARLIEST_PRACTICE_YEAR,
      validate: (value: number | null | undefined) => {
        const thisYear = new Date().getUTCFullYear()
        if (typeof value !== 'number' || !Number.isInteger(value)) return 'Give the year the doctor began practising, such as 2016.'
        if (value < EARLIEST_PRACTICE_YEAR || value > thisYear) {
          return `The year must lie between ${EARLIEST_PRACTICE_YEAR} and ${thisYear}.`
        }
        return true
      },
      admin: { description: 'The year the doctor began practising; years of experience are computed from it when published.' },
    },
    {
      name: 'qualifications',
      type: 'array',
      labels: { singular: 'Qualification', plural: 'Qualifications' },
      fields: [{ name: 'qualification', type: 'text', required: true }],
    },
    { name: 'clinic', type: 'relationship', relationTo: 'clinics', required: true },
    { name: 'photo', type: 'upload', relationTo: 'media' },
    {
      name: 'languagesSpoken',
      type: 'select',
      hasMany: true,
      options: languages.map((language) => ({ label: `${language.englishName} (${language.code})`, value: language.code })),
    },
    { name: 'registrationNumber', type: 'text', admin: { description: 'Medical council registration number.' } },
    { name: 'verifiedAt', type: 'date', admin: { description: 'When the registration and qualifications were last checked.' } },
    { name: 'active', type: 'checkbox', defaultValue: true, index: true },
  ],
})
