import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isEditorOrAdmin } from '../src/access/isEditorOrAdmin'
import { readEnvironment } from '../src/environment/readEnvironment'
import { localeWriters } from '../src/localization/access/localeWriters'
import { guardUploads } from '../src/media/guardUploads'
import { ACCEPTED_IMAGE_TYPES } from '../src/media/imageLimits'
import { editorsAndReviewers } from '../src/workflow/access'

/** The widths downstream sites ask for, each written as WebP. */
export const MEDIA_WIDTHS = [320, 768, 1536] as const

export const Media: CollectionConfig<'media'> = {
  slug: 'media',
  admin: { useAsTitle: 'alt', group: 'Content' },
  // Alt texts in a translation language are written by whoever may write that translation (the translation workflow saves them here).
  access: { read: anyone, create: editorsAndReviewers, update: localeWriters(editorsAndReviewers), delete: isEditorOrAdmin },
  hooks: { beforeOperation: [guardUploads] },
  upload: {
    staticDir: readEnvironment().media.dir,
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
