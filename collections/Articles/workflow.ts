import type { Field } from 'payload'

import { staffOnly, workflowWritesOnly } from '../../src/workflow/access'
import { CHANGE_KINDS, WORKFLOW_STATES } from '../../src/workflow/states'

const label = (value: string) => value[0].toUpperCase() + value.slice(1).replace(/_/g, ' ')

/** Written by workflow transitions only; shown read-only in the sidebar. */
const byWorkflow = { create: workflowWritesOnly, update: workflowWritesOnly }
/** As above, and hidden from readers of the published article. */
const byWorkflowForStaff = { ...byWorkflow, read: staffOnly }

/**
 * The review workflow's state of the article's source-language content, its approval and its
 * dates. The names are a contract: publishing and the newsletter read them from published versions.
 */
export const workflowFields: Field[] = [
  {
    // Shows nothing: after a save or a transition it renders the sidebar's panels again in place.
    name: 'sidebarRefresh',
    type: 'ui',
    admin: { position: 'sidebar', components: { Field: '/src/admin/ui/RefreshOnDocumentChange#RefreshOnDocumentChange' } },
  },
  {
    name: 'workflowActions',
    type: 'ui',
    admin: { position: 'sidebar', components: { Field: '/src/workflow/admin/WorkflowPanel#WorkflowPanel' } },
  },
  {
    name: 'translationStates',
    type: 'ui',
    admin: { position: 'sidebar', components: { Field: '/src/localization/admin/TranslationStates#TranslationStates' } },
  },
  {
    name: 'workflowHistory',
    type: 'ui',
    admin: { position: 'sidebar', components: { Field: '/src/workflow/admin/WorkflowHistory#WorkflowHistory' } },
  },
  {
    name: 'workflowState',
    type: 'select',
    index: true,
    defaultValue: 'draft',
    options: WORKFLOW_STATES.map((value) => ({ label: label(value), value })),
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: 'Where the source-language content stands in review.' },
  },
  {
    name: 'changeKind',
    type: 'select',
    options: CHANGE_KINDS.map((value) => ({ label: label(value), value })),
    access: byWorkflow,
    admin: {
      position: 'sidebar',
      readOnly: true,
      description: 'Of the pending change, or of the published one: clinical and editorial changes move "Last updated"; cosmetic ones do not.',
    },
  },
  {
    name: 'submittedBy',
    type: 'relationship',
    relationTo: 'users',
    access: byWorkflowForStaff,
    admin: { position: 'sidebar', readOnly: true, description: 'Who submitted the pending change for review.' },
  },
  {
    name: 'reviewNote',
    type: 'textarea',
    access: byWorkflowForStaff,
    admin: { position: 'sidebar', readOnly: true, description: 'The note of the last transition, such as the changes a reviewer asked for.' },
  },
  {
    name: 'revision',
    type: 'number',
    defaultValue: 0,
    min: 0,
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: 'Goes up by one with every publication.' },
  },
  {
    name: 'clinicalRevision',
    type: 'number',
    min: 0,
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: 'The revision of the latest clinical change published.' },
  },
  {
    name: 'lastUpdated',
    type: 'date',
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: 'Set when a clinical or editorial change is published.' },
  },
  {
    name: 'lastReviewed',
    type: 'date',
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: 'When a reviewer last approved the content.' },
  },
  {
    name: 'reviewedBy',
    type: 'relationship',
    relationTo: 'users',
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: 'The reviewer who last approved the content.' },
  },
  {
    name: 'evidenceCheckedOn',
    type: 'date',
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: 'When a reviewer approving a change last confirmed that the references were re-checked.' },
  },
  {
    name: 'nextReviewDue',
    type: 'date',
    index: true,
    access: byWorkflow,
    admin: { position: 'sidebar', readOnly: true, description: "The last review plus the specialty's review interval." },
  },
  {
    name: 'approvedVersionId',
    type: 'text',
    access: byWorkflowForStaff,
    admin: { position: 'sidebar', readOnly: true, description: 'The version whose content the reviewer approved.' },
  },
  {
    name: 'approvedFingerprint',
    type: 'text',
    access: byWorkflowForStaff,
    admin: { hidden: true },
  },
  {
    name: 'sourceFingerprint',
    type: 'text',
    access: byWorkflowForStaff,
    admin: { hidden: true },
  },
  {
    name: 'changeAuthors',
    type: 'relationship',
    relationTo: 'users',
    hasMany: true,
    access: byWorkflowForStaff,
    admin: { hidden: true },
  },
]
