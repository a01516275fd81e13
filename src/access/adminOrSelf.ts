import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Admins manage every account; everyone else only their own. */
export const adminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  return { id: { equals: user.id } }
}

/**
 * A field of an account that only its holder and admins read. With no record at hand (a `where`
 * that filters another collection through a relationship, say `reviewedBy.email`) only admins
 * pass, so nobody can test guesses of someone else's value.
 */
export const adminOrSelfField: FieldAccess = ({ req: { user }, doc, id }) => {
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  const recordId = doc?.id ?? id
  return recordId !== undefined && String(recordId) === String(user.id)
}
