import type { CollectionAfterChangeHook } from 'payload'

import type { Article } from '../../payload-types'
import { isWorkflowWrite } from '../access'
import { latestVersionId, recordWorkflowEvent } from '../recordWorkflowEvent'
import type { WorkflowState } from '../states'

const EDIT_NOTES: Partial<Record<WorkflowState, string>> = {
  in_review: 'The source content was edited after approval; it needs review again.',
  draft: 'The source content was edited; a new change has begun.',
}

/**
 * Records the transitions that an edit causes (an approved article back to review, a published
 * one to a new draft), so the audit trail holds every change of state, not only the requested ones.
 */
export const recordEditTransitions: CollectionAfterChangeHook<Article> = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || isWorkflowWrite(req.context)) return doc
  const from = previousDoc?.workflowState
  const to = doc.workflowState
  if (!from || !to || from === to) return doc
  await recordWorkflowEvent(req, {
    article: String(doc.id),
    from,
    to,
    changeKind: doc.changeKind,
    note: EDIT_NOTES[to] ?? null,
    actor: req.user?.id ? String(req.user.id) : null,
    revision: doc.revision,
    versionId: await latestVersionId(req, String(doc.id)),
  })
  return doc
}
