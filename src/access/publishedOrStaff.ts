import type { Access } from 'payload'

/** Readers see published documents only; the editorial team sees drafts too. */
export const publishedOrStaff: Access = ({ req: { user } }) => {
  if (user) return true
  return { _status: { equals: 'published' } }
}
