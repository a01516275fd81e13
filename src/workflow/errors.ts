import { DomainError, type DomainErrorOptions } from '../errors/domainError'
import type { WorkflowState } from './states'

/** Stable codes of workflow refusals; clients branch on these, never on the message. */
export type WorkflowErrorCode =
  | 'WORKFLOW_UNAUTHENTICATED'
  | 'WORKFLOW_BODY_INVALID'
  | 'WORKFLOW_NOTE_REQUIRED'
  | 'WORKFLOW_CHANGE_KIND_REQUIRED'
  | 'WORKFLOW_ARTICLE_NOT_FOUND'
  | 'WORKFLOW_ROLE_FORBIDDEN'
  | 'WORKFLOW_OWN_CHANGE'
  | 'WORKFLOW_TRANSITION_INVALID'
  | 'WORKFLOW_CHANGE_KIND_LOWERED'
  | 'WORKFLOW_CHANGELOG_NOTE_REQUIRED'
  | 'WORKFLOW_APPROVAL_STALE'
  | 'WORKFLOW_REFERENCES_UNCHECKED'
  | 'WORKFLOW_READABILITY_ABOVE_TARGET'
  | 'WORKFLOW_ARTICLE_INVALID'
  | 'WORKFLOW_LIVE_WRITE_FORBIDDEN'
  | 'WORKFLOW_REVIEW_DUE_FORBIDDEN'

export interface WorkflowErrorDetails {
  currentState?: WorkflowState
  allowedNextStates?: WorkflowState[]
  [key: string]: unknown
}

/** A refusal by the workflow, with the HTTP status it answers with and a message a person can act on. */
export class WorkflowError extends DomainError<WorkflowErrorCode> {
  declare readonly details?: WorkflowErrorDetails

  constructor(options: DomainErrorOptions<WorkflowErrorCode> & { status: 400 | 401 | 403 | 404 | 409; details?: WorkflowErrorDetails }) {
    super(options)
  }
}
