import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { hasRole } from '../../access/roles'
import { sharedFieldChanges } from './guardTranslatorWrites'

/**
 * A translator changes an image's alt text in their language (the access rule already checked the
 * locale) and nothing else: not the file, not the credit or any other field every language shares.
 */
export const guardTranslatorMediaWrites: CollectionBeforeValidateHook = ({ data, originalDoc, req, collection }) => {
  const user = req.user
  if (!user || !data || hasRole(user, 'admin', 'editor', 'reviewer') || !hasRole(user, 'translator')) return data
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
