/**
 * The words of the review workflow. An article's workflow state describes its source-language
 * (en) content; whether a version is live is Payload's own `_status`.
 */
export const WORKFLOW_STATES = ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived'] as const
export type WorkflowState = (typeof WORKFLOW_STATES)[number]

/**
 * What a change means for readers, least to most significant: `cosmetic` (typo, layout),
 * `editorial` (wording), `clinical` (meaning changed).
 */
export const CHANGE_KINDS = ['cosmetic', 'editorial', 'clinical'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

/** The roles that can move the workflow; translators and readers move nothing. */
export const WORKFLOW_ROLES = ['admin', 'editor', 'reviewer', 'translator'] as const
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number]

export function isWorkflowState(value: unknown): value is WorkflowState {
  return typeof value === 'string' && (WORKFLOW_STATES as readonly string[]).includes(value)
}

export function isChangeKind(value: unknown): value is ChangeKind {
  return typeof value === 'string' && (CHANGE_KINDS as readonly string[]).includes(value)
}

/** True when `next` lowers the significance of `current` ("clinical" to "editorial", say). */
export function lowersChangeKind(current: ChangeKind | null | undefined, next: ChangeKind): boolean {
  if (!current) return false
  return CHANGE_KINDS.indexOf(next) < CHANGE_KINDS.indexOf(current)
}

/** Whether publishing a change of this kind moves the "Last updated on" date readers see. */
export function changeKindUpdatesDate(kind: ChangeKind): boolean {
  return kind !== 'cosmetic'
}
