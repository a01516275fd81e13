import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isEditorOrAdmin } from '../src/access/isEditorOrAdmin'
import { orTranslatorOfLocale } from '../src/localization/access/orTranslatorOfLocale'
import { guardUploads } from '../src/media/guardUploads'
import { ACCEPTED_IMAGE_TYPES } from '../src/media/imageLimits'
import { editorsAndReviewers } from '../src/workflow/access'

/** The widths downstream sites ask for, each written as WebP. */
export const MEDIA_WIDTHS = [320, 768, 1536] as const

export const Media: CollectionConfig<'media'> = {
  slug: 'media',
  admin: { useAsTitle: 'alt', group: 'Content' },
  // Translators write alt texts in their own languages only (the translation workflow saves them here).
  access: { read: anyone, create: editorsAndReviewers, update: orTranslatorOfLocale(editorsAndReviewers), delete: isEditorOrAdmin },
  hooks: { beforeOperation: [guardUploads] },
  upload: {
    staticDir: path.resolve(process.env.MEDIA_DIR || './data/media'),
    mimeTypes: ACCEPTED_IMAGE_TYPES,
    imageSizes: MEDIA_WIDTHS.map((width) => ({
      name: `w${width}`,
      width,
      withoutEnlargement: true,
      formatOptions: { format: 'webp', options: { quality: 80 } },
    })),
    adminThumbnail: 'w320',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      localized: true,
      admin: { description: 'What the image shows, for readers who cannot see it.' },
    },
    { name: 'credit', type: 'text' },
  ],
}
