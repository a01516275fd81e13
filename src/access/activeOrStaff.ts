import type { Access } from 'payload'

/** Readers see the doctors who are listed as active; the editorial team sees every record. */
export const activeOrStaff: Access = ({ req: { user } }) => {
  if (user) return true
  return { active: { equals: true } }
}
