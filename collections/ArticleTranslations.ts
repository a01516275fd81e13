import type { CollectionConfig } from 'payload'

import { isStaff } from '../src/access/isStaff'
import { TRANSLATION_STAGES } from '../src/localization/localeState'

/**
 * What is known about one article's translation into one locale: where translator and reviewer
 * have got to, what source it was made from (a fingerprint of each section) and the approved
 * texts, which readers are served. The state shown to people (missing, outdated, …) is
 * derived from these facts and the current source; only the server's localization code writes them.
 */
export const ArticleTranslations: CollectionConfig<'article-translations'> = {
  slug: 'article-translations',
  admin: {
    useAsTitle: 'key',
    defaultColumns: ['article', 'locale', 'stage', 'translator', 'reviewer', 'approvedAt'],
    group: 'Workflow',
    description: 'Translation progress per article and language. Read-only: translators and reviewers act from the article.',
  },
  access: { read: isStaff, create: () => false, update: () => false, delete: () => false },
  fields: [
    {
      name: 'key',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      admin: { description: 'The article id and locale; one record per pair.' },
    },
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    { name: 'locale', type: 'text', required: true, index: true },
    {
      name: 'stage',
      type: 'select',
      required: true,
      options: TRANSLATION_STAGES.map((stage) => ({ label: stage.replace('_', ' '), value: stage })),
    },
    {
      name: 'sourceFingerprints',
      type: 'json',
      required: true,
      admin: { description: 'The fingerprint of each source part (title, summary, section id) when its translation was last written.' },
    },
    {
      name: 'basisClinicalRevision',
      type: 'number',
      required: true,
      defaultValue: 0,
      admin: { description: 'The clinical revision of the source the translation follows; a later clinical publish withholds it.' },
    },
    { name: 'translatedFromRevision', type: 'number', admin: { description: 'The source revision when the translation was last written.' } },
    { name: 'translatedFromVersionId', type: 'text', admin: { description: 'The article version saved with the last translation change.' } },
    { name: 'translator', type: 'relationship', relationTo: 'users', admin: { description: 'Who last wrote the translation.' } },
    { name: 'translatedAt', type: 'date' },
    { name: 'submittedAt', type: 'date' },
    { name: 'reviewer', type: 'relationship', relationTo: 'users', admin: { description: 'Who last approved or sent back the translation.' } },
    { name: 'reviewNote', type: 'textarea' },
    { name: 'approvedAt', type: 'date' },
    { name: 'approvedBy', type: 'relationship', relationTo: 'users', admin: { description: 'The reviewer who approved the translation readers are served.' } },
    { name: 'approvedVersionId', type: 'text', admin: { description: 'The article version the translation was approved in.' } },
    { name: 'approvedRevision', type: 'number' },
    { name: 'approvedClinicalRevision', type: 'number' },
    {
      name: 'approvedContent',
      type: 'json',
      admin: {
        readOnly: true,
        description: 'The texts of this language as approved (title, summary, changelog note, sections): what readers are served, whatever happens to old versions.',
      },
    },
  ],
}
