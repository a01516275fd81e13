import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../src/access/isAdmin'
import { isEditorOrAdmin } from '../../src/access/isEditorOrAdmin'
import { publishedOrStaff } from '../../src/access/publishedOrStaff'
import { hasRole } from '../../src/access/roles'
import { refuseUnsafeLinks } from '../../src/content/linkAddresses'
import { enforceSlugOnDrafts, uniqueSlug } from '../../src/content/slug'
import { readEnvironment } from '../../src/environment/readEnvironment'
import { guardTranslatorWrites } from '../../src/localization/access/guardTranslatorWrites'
import { orTranslatorOfLocale } from '../../src/localization/access/orTranslatorOfLocale'
import { articleTranslationEndpoints } from '../../src/localization/endpoints'
import { trackTranslation } from '../../src/localization/hooks/trackTranslation'
import { translationDraftEndpoint } from '../../src/localization/translationDraft'
import { serveApprovedTexts } from '../../src/publishing/readerView'
import { editorsAndReviewers } from '../../src/workflow/access'
import { workflowEndpoints } from '../../src/workflow/endpoints'
import { guardLiveWrites } from '../../src/workflow/hooks/guardLiveWrites'
import { recordEditTransitions } from '../../src/workflow/hooks/recordEditTransitions'
import { trackSourceEdits } from '../../src/workflow/hooks/trackSourceEdits'
import { workflowOptions } from '../../src/workflow/options'
import { sectionFields } from './sections'
import { workflowFields } from './workflow'

const workflow = workflowOptions(readEnvironment().workflow)

export const Articles: CollectionConfig<'articles'> = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', 'specialty', 'workflowState', 'lastUpdated', 'nextReviewDue', '_status'],
    group: 'Content',
    components: {
      beforeListTable: ['/src/workflow/admin/ReviewDueLink#ReviewDueLink'],
      edit: {
        PublishButton: '/src/workflow/admin/LiveWritesThroughWorkflow#LiveWritesThroughWorkflow',
        UnpublishButton: '/src/workflow/admin/LiveWritesThroughWorkflow#LiveWritesThroughWorkflow',
      },
      views: {
        reviewDue: { Component: '/src/workflow/admin/ReviewDueView#ReviewDueView', path: '/review-due' },
        coverage: { Component: '/src/localization/admin/CoverageView#CoverageView', path: '/coverage' },
        edit: {
          review: {
            Component: '/src/workflow/admin/ReviewView#ReviewView',
            path: '/review',
            tab: { Component: '/src/admin/ui/DocumentTabs#ReviewTab', order: 150, condition: ({ req }) => hasRole(req.user, 'admin', 'editor', 'reviewer') },
          },
          translate: {
            Component: '/src/localization/admin/TranslateView#TranslateView',
            path: '/translate',
            tab: { Component: '/src/admin/ui/DocumentTabs#TranslateTab', order: 160 },
          },
        },
      },
    },
  },
  access: {
    read: publishedOrStaff,
    readVersions: editorsAndReviewers,
    create: isEditorOrAdmin,
    update: orTranslatorOfLocale(editorsAndReviewers),
    delete: isAdmin,
  },
  versions: { drafts: true, maxPerDoc: 100 },
  hooks: {
    beforeOperation: [guardLiveWrites],
    beforeValidate: [guardTranslatorWrites, enforceSlugOnDrafts('articles'), refuseUnsafeLinks],
    beforeChange: [trackSourceEdits],
    afterChange: [trackTranslation, recordEditTransitions],
    afterRead: [serveApprovedTexts],
  },
  endpoints: [...workflowEndpoints(workflow), ...articleTranslationEndpoints(), translationDraftEndpoint],
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
