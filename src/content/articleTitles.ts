import type { Payload } from 'payload'

import type { User } from '../payload-types'

/**
 * The titles of the articles a list names, by id, as `user` may read them. Drafts count: a log
 * names an article that was unpublished or never reached readers by the title its editors know.
 */
export async function articleTitles(payload: Payload, user: User, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))]
  if (wanted.length === 0) return new Map()
  const articles = await payload.find({ collection: 'articles', where: { id: { in: wanted } }, select: { title: true }, draft: true, depth: 0, pagination: false, overrideAccess: false, user })
  return new Map(articles.docs.map((doc) => [String(doc.id), doc.title]))
}
