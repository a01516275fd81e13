import type { WorkflowEvent } from '../../payload-types'
import { relationId } from '../../content/relations'

/**
 * One line of an article's audit trail, as a standards review reads it: every change of state of
 * the source text or of one language's translation, who made it and what they recorded.
 * People appear by name only; no email address or account detail leaves the library.
 */
export interface AuditEntry {
  at: string
  /** The language whose text moved: the source language, or a translation's. */
  language: string
  part: 'source' | 'translation'
  from: string
  to: string
  /** Who asked for the transition; null for one the library made itself. */
  by: string | null
  changeKind: string | null
  note: string | null
  /** The clinician whose decision this is, on an approval or a request for changes. */
  reviewer: string | null
  /** On an approval of the source: whether the reviewer confirmed the references were re-checked. */
  referencesChecked: boolean | null
  revision: number | null
  versionId: string | null
}

export const AUDIT_COLUMNS = ['at', 'language', 'part', 'from', 'to', 'by', 'changeKind', 'note', 'reviewer', 'referencesChecked', 'revision', 'versionId'] as const

const REVIEW_DECISIONS = new Set(['approved', 'changes_requested'])

/** The trail of an article's Workflow Events, oldest first; `names` maps user ids to names. */
export function auditEntries(events: readonly WorkflowEvent[], names: ReadonlyMap<string, string>, sourceLocale: string): AuditEntry[] {
  return [...events]
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .map((event) => {
      const actorId = event.actor ? relationId(event.actor) : null
      const by = actorId ? (names.get(actorId) ?? null) : null
      const translation = Boolean(event.locale)
      return {
        at: event.createdAt,
        language: event.locale || sourceLocale,
        part: translation ? 'translation' : 'source',
        from: event.from,
        to: event.to,
        by,
        changeKind: event.changeKind ?? null,
        note: event.note ?? null,
        reviewer: REVIEW_DECISIONS.has(event.to) ? by : null,
        referencesChecked: !translation && event.to === 'approved' ? event.referencesChecked === true : null,
        revision: event.revision ?? null,
        versionId: event.versionId ?? null,
      }
    })
}
