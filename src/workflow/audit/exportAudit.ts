import type { Payload, PayloadRequest, Where } from 'payload'

import { SOURCE_LOCALE } from '../../languages/registry'
import type { User } from '../../payload-types'
import { relationId } from '../../content/relations'
import { WorkflowError } from '../errors'
import { AUDIT_COLUMNS, auditEntries, type AuditEntry } from './auditTrail'
import { toCsv } from './csv'

/** An article's whole history for a standards review: the JSON file's content. */
export interface AuditExport {
  article: { id: string; slug: string; title: string }
  exportedAt: string
  entries: AuditEntry[]
}

export type ArticleRef = { id: string } | { slug: string }

/**
 * Gathers an article's audit trail: every Workflow Events record of it, with people by name.
 * With a `user`, reads as that person (staff only); without one, as the command line does.
 */
export async function exportAudit(payload: Payload, article: ArticleRef, { user, req, now = new Date() }: { user?: User; req?: PayloadRequest; now?: Date } = {}): Promise<AuditExport> {
  const byIdOrSlug: Where = 'id' in article ? { id: { equals: article.id } } : { slug: { equals: article.slug } }
  const articleQuery = {
    collection: 'articles',
    where: byIdOrSlug,
    draft: true,
    depth: 0,
    limit: 1,
    locale: SOURCE_LOCALE,
    select: { slug: true, title: true },
    req,
  } as const
  const { docs } = user ? await payload.find({ ...articleQuery, overrideAccess: false, user }) : await payload.find({ ...articleQuery, overrideAccess: true })
  const found = docs[0]
  if (!found) {
    const named = 'id' in article ? `the id "${article.id}"` : `the slug "${article.slug}"`
    throw new WorkflowError({ code: 'WORKFLOW_ARTICLE_NOT_FOUND', status: 404, message: `No article has ${named}, or you may not read it; check it in the list of articles.` })
  }
  const eventsQuery = { collection: 'workflow-events', where: { article: { equals: found.id } }, sort: 'createdAt', depth: 0, pagination: false, req } as const
  const events = user ? await payload.find({ ...eventsQuery, overrideAccess: false, user }) : await payload.find({ ...eventsQuery, overrideAccess: true })
  const actorIds = [...new Set(events.docs.map((event) => (event.actor ? relationId(event.actor) : null)).filter((id): id is string => Boolean(id)))]
  // Names only: staff may not read each other's accounts, and a trail handed to auditors carries no addresses.
  const people = actorIds.length
    ? await payload.find({ collection: 'users', where: { id: { in: actorIds } }, select: { name: true }, depth: 0, pagination: false, overrideAccess: true, req })
    : { docs: [] }
  const names = new Map(people.docs.map((person) => [String(person.id), person.name]))
  return {
    article: { id: String(found.id), slug: found.slug, title: found.title },
    exportedAt: now.toISOString(),
    entries: auditEntries(events.docs, names, SOURCE_LOCALE),
  }
}

/** The audit as CSV, one transition a line, for a spreadsheet. */
export function auditCsv(audit: AuditExport): string {
  return toCsv(AUDIT_COLUMNS, audit.entries)
}

/** The audit as JSON, the article named once above its entries. */
export function auditJson(audit: AuditExport): string {
  return `${JSON.stringify(audit, null, 2)}\n`
}
