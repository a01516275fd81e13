import type { Access, FieldAccess, PayloadRequest } from 'payload'

import { hasRole } from '../access/roles'

/**
 * Set on nested writes made by the workflow itself (`context: WORKFLOW_WRITE`), so the workflow
 * fields and the live version can change only through a transition.
 */
export const WORKFLOW_WRITE = { workflowTransition: true } as const

/** Whether this request is the workflow's own write, or the seed's. */
export function isWorkflowWrite(context: PayloadRequest['context'] | undefined): boolean {
  return Boolean(context?.workflowTransition || context?.seeding)
}

/** Workflow fields are written by transitions (and the seed) only; people see them read-only. */
export const workflowWritesOnly: FieldAccess = ({ req }) => isWorkflowWrite(req.context)

/** Review notes, fingerprints and who-did-what are for the editorial team, not for readers. */
export const staffOnly: FieldAccess = ({ req: { user } }) => Boolean(user)

/**
 * Editors write articles; reviewers may edit too (a clinician's correction), which makes the
 * change partly theirs, so another reviewer must approve it.
 */
export const editorsAndReviewers: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor', 'reviewer')
