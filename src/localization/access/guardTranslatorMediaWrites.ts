import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { writesTextsOnly } from '../translationWriters'
import { sharedFieldChanges } from './guardTranslatorWrites'

/**
 * A translator changes an image's alt text in their language (the access rule already checked the
 * locale) and nothing else: not the file, not the credit or any other field every language shares.
 */
export const guardTranslatorMediaWrites: CollectionBeforeValidateHook = ({ data, originalDoc, operation, req, collection }) => {
  const user = req.user
  // Uploading is the creators' rule alone (editors and reviewers), in whatever language the admin shows.
  if (!user || !data || operation !== 'update' || !writesTextsOnly(user, req.locale)) return data
  const changes = [...(req.file ? ['file'] : []), ...sharedFieldChanges(collection.flattenedFields, data, (originalDoc ?? {}) as Record<string, unknown>)]
  if (changes.length > 0) {
    throw new APIError(
      `Translators change only an image's alt text in their language; these belong to editors: ${changes.join(', ')}.`,
      403,
      { code: 'TRANSLATOR_SHARED_FIELD', fields: changes },
      true,
    )
  }
  return data
}
