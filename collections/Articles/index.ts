import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../src/access/isAdmin'
import { isEditorOrAdmin } from '../../src/access/isEditorOrAdmin'
import { publishedOrStaff } from '../../src/access/publishedOrStaff'
import { refuseUnsafeLinks } from '../../src/content/linkAddresses'
import { doiProblem, identifierField, pmidProblem, refuseMalformedIdentifiers } from '../../src/content/referenceIdentifiers'
import { enforceSlugOnDrafts, uniqueSlug } from '../../src/content/slug'
import { localeWriters } from '../../src/localization/access/localeWriters'
import { editorsAndReviewers, staffOnly } from '../../src/workflow/access'
import { sectionFields } from './sections'
import { workflowFields } from './workflow'

export const Articles: CollectionConfig<'articles'> = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', 'specialty', 'workflowState', 'lastUpdated', 'nextReviewDue', '_status'],
    group: 'Content',
  },
  access: {
    read: publishedOrStaff,
    readVersions: editorsAndReviewers,
    create: isEditorOrAdmin,
    update: localeWriters(editorsAndReviewers),
    delete: isAdmin,
  },
  versions: { drafts: true, maxPerDoc: 100 },
  // Slugs, links and reference identifiers are the article's own rules; each concern adds its hooks, endpoints and views in its plugin (src/<concern>/plugin.ts).
  hooks: { beforeValidate: [enforceSlugOnDrafts('articles'), refuseUnsafeLinks, refuseMalformedIdentifiers] },
  fields: [
    { name: 'title', type: 'text', required: true, localized: true },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: uniqueSlug('articles'),
      admin: { position: 'sidebar', description: 'The same in every language; used in URLs and file names.' },
    },
    { name: 'summary', type: 'textarea', required: true, localized: true },
    {
      name: 'condition',
      type: 'text',
      admin: {
        position: 'sidebar',
        description: 'The condition the article is about, by its English medical name (such as "Bone metastases"); search engines read it as the page\'s subject.',
      },
    },
    { name: 'specialty', type: 'relationship', relationTo: 'specialties', required: true, index: true, admin: { position: 'sidebar' } },
    {
      name: 'author',
      type: 'relationship',
      relationTo: 'users',
      admin: { position: 'sidebar', description: 'The member of staff who wrote the article.' },
    },
    {
      name: 'byline',
      type: 'text',
      admin: { position: 'sidebar', description: 'The author as printed, when the author is not a user of the admin.' },
    },
    { name: 'heroImage', type: 'upload', relationTo: 'media' },
    {
      name: 'sections',
      type: 'array',
      required: true,
      minRows: 1,
      labels: { singular: 'Section', plural: 'Sections' },
      admin: { description: 'The article body, in reading order. Each section has a heading and its content.' },
      fields: sectionFields,
    },
    {
      name: 'references',
      type: 'array',
      labels: { singular: 'Reference', plural: 'References' },
      fields: [
        { name: 'citation', type: 'text', required: true },
        {
          name: 'doi',
          type: 'text',
          validate: identifierField(doiProblem),
          admin: { description: 'The Digital Object Identifier alone, such as 10.1056/NEJMoa2034577; published as a link to doi.org.' },
        },
        {
          name: 'pmid',
          type: 'text',
          validate: identifierField(pmidProblem),
          admin: { description: 'The PubMed id, digits only, such as 33301246; published as a link to PubMed.' },
        },
        { name: 'url', type: 'text', validate: httpUrl },
        { name: 'accessed', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } } },
      ],
    },
    {
      name: 'featuredDoctors',
      type: 'relationship',
      relationTo: 'doctors',
      hasMany: true,
      admin: { description: "Doctors shown under the article; when empty, the active doctors of the article's specialty." },
    },
    {
      name: 'changelogNote',
      type: 'textarea',
      localized: true,
      admin: { description: 'What changed for readers, in a sentence; required for a clinical change.' },
    },
    {
      name: 'translation',
      type: 'json',
      virtual: true,
      admin: { hidden: true },
      // Filled for readers by serveApprovedTexts: per language, whose texts are served and whether as a fallback.
    },
    {
      name: 'readability',
      type: 'json',
      localized: true,
      // Written only by the save hook; readers get the score of the text they are served in the published files, not the latest draft's.
      access: { read: staffOnly, create: () => false, update: () => false },
      admin: { hidden: true },
      // Scored from this language's text on every save (src/readability); shown by the sidebar's readability panel.
    },
    {
      name: 'readabilityPanel',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/readability/admin/ReadabilityPanel#ReadabilityPanel' } },
    },
    ...workflowFields,
  ],
}

function httpUrl(value: unknown): true | string {
  if (value === undefined || value === null || value === '') return true
  try {
    const url = new URL(String(value))
    if (url.protocol === 'https:' || url.protocol === 'http:') return true
  } catch {
    // falls through to the message below
  }
  return 'Give a full web address starting with https://.'
}
