import { WorkflowError } from './errors'
import { CHANGE_KINDS, isChangeKind, isWorkflowState, WORKFLOW_STATES, type ChangeKind, type WorkflowState } from './states'

/** What a person asks for: `POST /api/articles/:id/transition` with this body. */
export interface TransitionRequest {
  to: WorkflowState
  note?: string
  changeKind?: ChangeKind
  /** On an approval: the reviewer confirms the article's references were re-checked. */
  referencesChecked?: boolean
}

const ACCEPTED_KEYS = ['to', 'note', 'changeKind', 'referencesChecked']

const invalid = (message: string) => new WorkflowError({ code: 'WORKFLOW_BODY_INVALID', status: 400, message })

/**
 * Checks a transition request's body as it arrived (parsed JSON, or the text that failed to
 * parse) and says exactly what is wrong with it. Rules that need the article come later.
 */
export function parseTransitionRequest(body: unknown, { maxNoteLength }: { maxNoteLength: number }): TransitionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('Send a JSON object such as {"to": "in_review", "changeKind": "editorial", "note": "…"}.')
  }
  const fields = body as Record<string, unknown>
  const unknown = Object.keys(fields).filter((key) => !ACCEPTED_KEYS.includes(key))
  if (unknown.length > 0) {
    throw invalid(`Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; a transition accepts only "to", "note", "changeKind" and "referencesChecked".`)
  }
  if (!isWorkflowState(fields.to)) {
    throw invalid(`"to" must be one of ${WORKFLOW_STATES.join(', ')}; got ${JSON.stringify(fields.to ?? null)}.`)
  }
  if (fields.note !== undefined && fields.note !== null && typeof fields.note !== 'string') {
    throw invalid('"note" must be text.')
  }
  const note = typeof fields.note === 'string' && fields.note.trim() !== '' ? fields.note.trim() : undefined
  if (note && note.length > maxNoteLength) {
    throw invalid(`"note" is ${note.length} characters long; keep it to ${maxNoteLength}.`)
  }
  if (fields.changeKind !== undefined && fields.changeKind !== null && !isChangeKind(fields.changeKind)) {
    throw invalid(`"changeKind" must be one of ${CHANGE_KINDS.join(', ')}; got ${JSON.stringify(fields.changeKind)}.`)
  }
  const changeKind = isChangeKind(fields.changeKind) ? fields.changeKind : undefined
  if (changeKind && fields.to !== 'in_review' && fields.to !== 'approved') {
    throw invalid('"changeKind" is stated when submitting for review (to "in_review") or raised when approving (to "approved"), not otherwise.')
  }
  if (fields.referencesChecked !== undefined && fields.referencesChecked !== null && typeof fields.referencesChecked !== 'boolean') {
    throw invalid(`"referencesChecked" must be true or false; got ${JSON.stringify(fields.referencesChecked)}.`)
  }
  const referencesChecked = fields.referencesChecked === true
  if (referencesChecked && fields.to !== 'approved') {
    throw invalid('"referencesChecked" is confirmed by the reviewer when approving (to "approved"), not otherwise.')
  }
  if (fields.to === 'changes_requested' && !note) {
    throw new WorkflowError({ code: 'WORKFLOW_NOTE_REQUIRED', status: 400, message: 'A request for changes needs a "note" that tells the editor what to change.' })
  }
  return { to: fields.to, ...(note ? { note } : {}), ...(changeKind ? { changeKind } : {}), ...(referencesChecked ? { referencesChecked } : {}) }
}
