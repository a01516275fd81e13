import { isolateObjectProperty, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import { SOURCE_LOCALE } from '../../languages/registry'
import type { Article } from '../../payload-types'
import { isWorkflowWrite } from '../access'
import { fingerprintSource, type ContentField } from '../fingerprint'
import { isWorkflowState } from '../states'
import { stateAfterSourceEdit } from '../transitions'

/** The workflow fields that an edit carries over from the version it edits. */
const CARRIED_FIELDS = [
  'workflowState',
  'changeKind',
  'submittedBy',
  'reviewNote',
  'revision',
  'clinicalRevision',
  'lastUpdated',
  'lastReviewed',
  'reviewedBy',
  'nextReviewDue',
  'approvedVersionId',
  'approvedFingerprint',
  'changeAuthors',
] as const

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'object' && value !== null ? ((value as { id?: string }).id ?? undefined) : undefined

/** The latest version of the article in the source language, for a write made in another locale. */
async function sourceLanguageDraft(req: PayloadRequest, id: string): Promise<Record<string, unknown>> {
  const sourceReq = isolateObjectProperty(req, ['locale', 'fallbackLocale'])
  const doc = await req.payload.findByID({
    collection: 'articles',
    id,
    draft: true,
    depth: 0,
    locale: SOURCE_LOCALE,
    fallbackLocale: false,
    overrideAccess: true,
    showHiddenFields: true,
    req: sourceReq,
  })
  return doc as unknown as Record<string, unknown>
}

/**
 * Runs before every article write. It fingerprints the source-language content being saved and,
 * when that content changed, applies the workflow's rule for edits: an approved article goes back
 * to review, a published one starts a new change, and the editor becomes one of the change's
 * authors (who may not approve it). Workflow fields otherwise stay as the edited version had them.
 */
export const trackSourceEdits: CollectionBeforeChangeHook<Article> = async ({ data, originalDoc, operation, req, collection }) => {
  const fields = collection.fields as unknown as ContentField[]
  const locale = req.locale ?? SOURCE_LOCALE
  const sourceDoc =
    locale === SOURCE_LOCALE || !originalDoc?.id ? undefined : await sourceLanguageDraft(req, String(originalDoc.id))
  const fingerprint = fingerprintSource(fields, data as Record<string, unknown>, locale === SOURCE_LOCALE ? undefined : (sourceDoc ?? {}))
  data.sourceFingerprint = fingerprint

  if (isWorkflowWrite(req.context)) return data

  const userId = req.user?.id ? String(req.user.id) : undefined
  if (operation === 'create' || !originalDoc) {
    data.workflowState = 'draft'
    data.changeAuthors = userId ? [userId] : []
    return data
  }

  // A restored version brings its own (old) workflow fields; the article's current ones stay.
  const restoring = Boolean(req.context?.isRestoringVersion)
  for (const name of CARRIED_FIELDS) {
    if (restoring || data[name] === undefined) (data as Record<string, unknown>)[name] = originalDoc[name] ?? null
  }
  if (originalDoc.sourceFingerprint === fingerprint) return data

  const current = isWorkflowState(originalDoc.workflowState) ? originalDoc.workflowState : 'draft'
  const edit = stateAfterSourceEdit(current)
  data.workflowState = edit.state
  const authors = edit.startsNewChange ? [] : (originalDoc.changeAuthors ?? []).map(idOf).filter((id): id is string => Boolean(id))
  data.changeAuthors = userId && !authors.includes(userId) ? [...authors, userId] : authors
  if (edit.startsNewChange) {
    data.changeKind = null
    data.submittedBy = null
    data.reviewNote = null
  }
  return data
}
