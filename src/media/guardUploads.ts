import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { readEnvironment } from '../environment/readEnvironment'
import { assertImageWithinLimits } from './imageLimits'

/** A name a browser sends for a chosen file: no folders, no control characters (NUL included). */
const UNSAFE_FILE_NAME = /[/\\\u0000-\u001f\u007f]|^\.\.?$/

export class UploadRefusedError extends APIError {
  constructor(
    message: string,
    readonly code: 'MEDIA_FILE_NAME_INVALID' | 'MEDIA_URL_UPLOAD_REFUSED',
  ) {
    super(message, 400, { code }, true)
  }
}

/**
 * Checks an upload before Payload reads or stores it: the file name must be a plain name, the
 * image must be readable and within the pixel limit (so a decompression bomb is refused before
 * anything decodes it), and a document is never made from a URL the server would have to fetch:
 * that would reach addresses only the server can (and skip the image checks).
 */
export const guardUploads: CollectionBeforeOperationHook<'media'> = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (file) {
    if (UNSAFE_FILE_NAME.test(file.name)) {
      throw new UploadRefusedError(
        `The file name "${file.name.replace(/[\u0000-\u001f\u007f]/g, '?')}" contains a folder separator, ".." or a control character. Rename the file (letters, digits, hyphens) and upload it again.`,
        'MEDIA_FILE_NAME_INVALID',
      )
    }
    // Payload keeps small uploads in memory (`tempFilePath` is then empty) and large ones in a temporary file.
    await assertImageWithinLimits(file.tempFilePath || file.data, readEnvironment().media.maxPixels)
    return args
  }
  // Payload takes the address off the document before hooks see it, but the request body still has it.
  const url = (req.data as { url?: unknown } | undefined)?.url ?? (args as { data?: { url?: unknown } }).data?.url
  const duplicating = Boolean((args as { duplicateFromID?: unknown }).duplicateFromID)
  if (operation === 'create' && !duplicating && typeof url === 'string' && url !== '') {
    throw new UploadRefusedError('Images are uploaded as files; the server does not fetch them from an address. Download the image and upload the file.', 'MEDIA_URL_UPLOAD_REFUSED')
  }
  return args
}
