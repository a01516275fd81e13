import type { WorkflowRole, WorkflowState } from './states'

/** What a person does when they take a transition; buttons and logs name it. */
export type TransitionAction = 'submit' | 'approve' | 'requestChanges' | 'publish' | 'unpublish' | 'archive' | 'reopen'

export interface TransitionRule {
  from: WorkflowState
  to: WorkflowState
  action: TransitionAction
  /** Any one of these roles may take the transition; admins are not reviewers unless they also hold that role. */
  roles: readonly WorkflowRole[]
}

const EDITORS = ['editor', 'admin'] as const
const REVIEWERS = ['reviewer'] as const

/**
 * Every transition a person can ask for. Anything not listed is refused. The one transition no
 * person asks for, `approved` → `in_review`, happens when the source content is edited after
 * approval (see `stateAfterSourceEdit`).
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'draft', to: 'in_review', action: 'submit', roles: EDITORS },
  { from: 'changes_requested', to: 'in_review', action: 'submit', roles: EDITORS },
  { from: 'in_review', to: 'approved', action: 'approve', roles: REVIEWERS },
  { from: 'in_review', to: 'changes_requested', action: 'requestChanges', roles: REVIEWERS },
  { from: 'approved', to: 'published', action: 'publish', roles: EDITORS },
  { from: 'published', to: 'unpublished', action: 'unpublish', roles: EDITORS },
  { from: 'published', to: 'archived', action: 'archive', roles: EDITORS },
  { from: 'unpublished', to: 'archived', action: 'archive', roles: EDITORS },
  { from: 'unpublished', to: 'draft', action: 'reopen', roles: EDITORS },
  { from: 'archived', to: 'draft', action: 'reopen', roles: EDITORS },
]

export type TransitionDecision =
  | { allowed: true; rule: TransitionRule }
  | {
      allowed: false
      /** `role`: none of the person's roles may ever make this move (403); `state`: not from the current state (409). */
      reason: 'role' | 'state'
      from: WorkflowState
      to: WorkflowState
      /** The states the article can move to from its current state, whoever asks. */
      allowedNextStates: WorkflowState[]
      /** The roles that may move an article to `to`. */
      rolesForTarget: WorkflowRole[]
    }

const holdsOneOf = (roles: readonly string[], allowed: readonly WorkflowRole[]) => allowed.some((role) => roles.includes(role))

/** The states reachable from `from`, in table order, whoever asks. */
export function nextStates(from: WorkflowState): WorkflowState[] {
  return TRANSITIONS.filter((rule) => rule.from === from).map((rule) => rule.to)
}

/**
 * Whether a person with `roles` may move an article from `from` to `to`. The role is judged
 * first, so a translator or an editor asking to approve hears "not your role" whatever the state.
 */
export function decideTransition(from: WorkflowState, to: WorkflowState, roles: readonly string[]): TransitionDecision {
  const rulesForTarget = TRANSITIONS.filter((rule) => rule.to === to)
  const rolesForTarget = [...new Set(rulesForTarget.flatMap((rule) => rule.roles))]
  const refusal = (reason: 'role' | 'state') => ({ allowed: false as const, reason, from, to, allowedNextStates: nextStates(from), rolesForTarget })
  if (!holdsOneOf(roles, rolesForTarget)) return refusal('role')
  const rule = TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === to)
  if (!rule) return refusal('state')
  if (!holdsOneOf(roles, rule.roles)) return refusal('role')
  return { allowed: true, rule }
}

/** The transitions a person with `roles` may take from `from`: what the admin shows as buttons. */
export function availableTransitions(from: WorkflowState, roles: readonly string[]): TransitionRule[] {
  return TRANSITIONS.filter((rule) => rule.from === from && holdsOneOf(roles, rule.roles))
}

/**
 * The state after someone edits the source content. An approval covers exactly the content that
 * was approved, so an edit after it needs review again; an edit to a published, unpublished or
 * archived article begins a new change while the live version stays as it is.
 */
export function stateAfterSourceEdit(state: WorkflowState): { state: WorkflowState; startsNewChange: boolean } {
  switch (state) {
    case 'approved':
      return { state: 'in_review', startsNewChange: false }
    case 'published':
    case 'unpublished':
    case 'archived':
      return { state: 'draft', startsNewChange: true }
    default:
      return { state, startsNewChange: false }
  }
}
