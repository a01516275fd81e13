import { isWorkflowState, type WorkflowState } from './states'
import { availableTransitions, type TransitionAction } from './transitions'
import { relationId } from '../content/relations'

/** One button of the article's workflow panel. */
export interface WorkflowAction {
  to: WorkflowState
  action: TransitionAction
  /** A note must be given (a request for changes). */
  needsNote: boolean
  /** The kind of change must be stated (a first submission). */
  needsChangeKind: boolean
  /** The kind of change may be stated or raised (any submission, an approval). */
  takesChangeKind: boolean
}

/** The parts of an article and a person the choice of actions depends on. */
export interface ActionSubject {
  workflowState?: string | null
  changeKind?: string | null
  submittedBy?: unknown
  changeAuthors?: unknown[] | null
}

/** True when the person submitted or edited the pending change, and so may not review it. */
export function isOwnChange(article: ActionSubject, userId: string): boolean {
  return relationId(article.submittedBy) === userId || (article.changeAuthors ?? []).map(relationId).includes(userId)
}

/**
 * The transitions this person can take on this article now: the table's, less the reviews of
 * their own change. The admin shows exactly these as buttons; the server checks them again.
 */
export function availableActions(article: ActionSubject, user: { id: string; roles?: readonly string[] | null }): WorkflowAction[] {
  const state = isWorkflowState(article.workflowState) ? article.workflowState : 'draft'
  const ownChange = isOwnChange(article, String(user.id))
  return availableTransitions(state, user.roles ?? [])
    .filter((rule) => !(ownChange && (rule.action === 'approve' || rule.action === 'requestChanges')))
    .map((rule) => ({
      to: rule.to,
      action: rule.action,
      needsNote: rule.action === 'requestChanges',
      needsChangeKind: rule.action === 'submit' && !article.changeKind,
      takesChangeKind: rule.action === 'submit' || rule.action === 'approve',
    }))
}
