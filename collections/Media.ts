import path from 'node:path'
import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isStaff } from '../src/access/isStaff'
import { isEditorOrAdmin } from '../src/access/isEditorOrAdmin'
import { ACCEPTED_IMAGE_TYPES, assertImageWithinLimits, maxImagePixelsFromEnv } from '../src/media/imageLimits'

/** The widths downstream sites ask for, each written as WebP. */
export const MEDIA_WIDTHS = [320, 768, 1536] as const

const refuseOversizedImages: CollectionBeforeOperationHook<'media'> = async ({ args, operation, req }) => {
  if ((operation === 'create' || operation === 'update') && req.file) {
    await assertImageWithinLimits(req.file.tempFilePath ?? req.file.data, maxImagePixelsFromEnv())
  }
  return args
}

export const Media: CollectionConfig<'media'> = {
  slug: 'media',
  admin: { useAsTitle: 'alt', group: 'Content' },
  access: { read: anyone, create: isStaff, update: isStaff, delete: isEditorOrAdmin },
  hooks: { beforeOperation: [refuseOversizedImages] },
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
