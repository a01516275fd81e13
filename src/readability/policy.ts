import type { Payload, PayloadRequest } from 'payload'

import { relationId } from '../content/relations'
import { readabilityPolicyOf, type ReadabilityPolicy } from './targets'

/** The readability policy of an article's specialty (the defaults when it has none, or it is gone). */
export async function specialtyReadabilityPolicy(payload: Payload, specialty: unknown, req?: PayloadRequest): Promise<ReadabilityPolicy> {
  const id = relationId(specialty)
  if (!id) return readabilityPolicyOf(null)
  const found = await payload.findByID({ collection: 'specialties', id, depth: 0, overrideAccess: true, disableErrors: true, ...(req ? { req } : {}) })
  return readabilityPolicyOf(found)
}
