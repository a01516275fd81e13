import { availableActions } from '../../src/workflow/availableActions'
import { WORKFLOW_STATES, type WorkflowState } from '../../src/workflow/states'
import { availableTransitions, decideTransition, stateAfterSourceEdit } from '../../src/workflow/transitions'

/** The specification of issue 3, written out independently of the table it checks. */
const ALLOWED: [WorkflowState, WorkflowState, string[]][] = [
  ['draft', 'in_review', ['editor', 'admin']],
  ['changes_requested', 'in_review', ['editor', 'admin']],
  ['in_review', 'approved', ['reviewer']],
  ['in_review', 'changes_requested', ['reviewer']],
  ['approved', 'published', ['editor', 'admin']],
  ['published', 'unpublished', ['editor', 'admin']],
  ['published', 'archived', ['editor', 'admin']],
  ['unpublished', 'archived', ['editor', 'admin']],
  ['unpublished', 'draft', ['editor', 'admin']],
  ['archived', 'draft', ['editor', 'admin']],
]

const ROLES = ['admin', 'editor', 'reviewer', 'translator', 'no role'] as const

function expected(from: WorkflowState, to: WorkflowState, role: string): 'allowed' | 'role' | 'state' {
  if (ALLOWED.some(([f, t, roles]) => f === from && t === to && roles.includes(role))) return 'allowed'
  const roleMayReachTarget = ALLOWED.some(([, t, roles]) => t === to && roles.includes(role))
  return roleMayReachTarget ? 'state' : 'role'
}

const combinations = WORKFLOW_STATES.flatMap((from) => WORKFLOW_STATES.flatMap((to) => ROLES.map((role) => [from, to, role, expected(from, to, role)] as const)))

describe('the transition table', () => {
  it('when every combination is listed, then there are 7 states × 7 targets × 5 roles of them', () => {
    expect(combinations).toHaveLength(245)
  })

  it.each(combinations)('when a %s article is moved to %s by %s, then the answer is %s', (from, to, role, outcome) => {
    const decision = decideTransition(from, to, role === 'no role' ? [] : [role])
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(outcome)
  })

  it('when a transition is refused for the state, then the refusal names the states reachable from it', () => {
    const decision = decideTransition('draft', 'published', ['editor'])
    expect(decision).toMatchObject({ allowed: false, reason: 'state', from: 'draft', allowedNextStates: ['in_review'] })
  })

  it('when an editor asks to approve, then the refusal is for the role whatever the state', () => {
    for (const from of WORKFLOW_STATES) {
      expect(decideTransition(from, 'approved', ['editor'])).toMatchObject({ allowed: false, reason: 'role', rolesForTarget: ['reviewer'] })
    }
  })

  it('when a person holds the editor and reviewer roles, then they may both submit and approve', () => {
    expect(decideTransition('draft', 'in_review', ['editor', 'reviewer']).allowed).toBe(true)
    expect(decideTransition('in_review', 'approved', ['editor', 'reviewer']).allowed).toBe(true)
  })

  it('when a translator looks for transitions from any state, then there are none', () => {
    for (const from of WORKFLOW_STATES) expect(availableTransitions(from, ['translator'])).toEqual([])
  })
})

describe('the state after an edit of the source content', () => {
  it.each([
    ['draft', 'draft', false],
    ['in_review', 'in_review', false],
    ['changes_requested', 'changes_requested', false],
    ['approved', 'in_review', false],
    ['published', 'draft', true],
    ['unpublished', 'draft', true],
    ['archived', 'draft', true],
  ] as const)('when a %s article is edited, then it is %s (a new change: %s)', (state, next, startsNewChange) => {
    expect(stateAfterSourceEdit(state)).toEqual({ state: next, startsNewChange })
  })
})

describe('the actions offered to a person', () => {
  const reviewer = { id: 'reviewer-1', roles: ['reviewer'] }

  it('when a reviewer opens an article in review that someone else changed, then approve and request changes are offered', () => {
    const actions = availableActions({ workflowState: 'in_review', submittedBy: 'editor-1', changeAuthors: ['editor-1'] }, reviewer)
    expect(actions.map((action) => action.action)).toEqual(['approve', 'requestChanges'])
    expect(actions.find((action) => action.action === 'requestChanges')?.needsNote).toBe(true)
  })

  it('when a reviewer opens an article in review that they edited, then nothing is offered', () => {
    const actions = availableActions({ workflowState: 'in_review', submittedBy: 'editor-1', changeAuthors: [{ id: 'reviewer-1' }] }, reviewer)
    expect(actions).toEqual([])
  })

  it('when an editor opens a draft with no kind of change yet, then submitting asks for the kind', () => {
    const [submit] = availableActions({ workflowState: 'draft', changeKind: null }, { id: 'editor-1', roles: ['editor'] })
    expect(submit).toMatchObject({ to: 'in_review', action: 'submit', needsChangeKind: true, takesChangeKind: true })
  })
})
