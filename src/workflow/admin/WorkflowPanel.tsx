import React from 'react'

import { CHANGE_KINDS, WORKFLOW_STATES } from '../states'
import type { TransitionAction } from '../transitions'
import { adminLabels } from './labels'
import { WorkflowPanelClient, type WorkflowPanelLabels } from './WorkflowPanelClient'

const ACTIONS: TransitionAction[] = ['submit', 'approve', 'requestChanges', 'publish', 'unpublish', 'archive', 'reopen']

/**
 * The article's review panel in the edit view's sidebar: the labels come from the `admin`
 * bundle of the admin's language; the client part asks the server which actions to offer.
 */
export async function WorkflowPanel({ i18n }: { i18n?: { language?: string } }) {
  const { t } = await adminLabels(i18n?.language)
  const labels: WorkflowPanelLabels = {
    title: t('workflowPanelTitle'),
    stateLabel: t('workflowStateLabel'),
    states: Object.fromEntries(WORKFLOW_STATES.map((state) => [state, t(`workflowState_${state}`)])),
    changeKindLabel: t('changeKindLabel'),
    changeKindChoose: t('changeKindChoose'),
    changeKinds: Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, t(`changeKind_${kind}`)])),
    actions: Object.fromEntries(ACTIONS.map((action) => [action, t(`action_${action}`)])),
    noteLabel: t('noteLabel'),
    noteHint: t('noteHint'),
    referencesChecked: t('referencesChecked'),
    noActions: t('noActions'),
    saveFirst: t('saveFirst'),
    unsavedChanges: t('unsavedChanges'),
    working: t('working'),
    transitionFailed: t('transitionFailed'),
    // Filled in by the client from each warning's details; the interpolation marks stay for it.
    readabilityWarning: t('readabilityWarning', { skipInterpolation: true }),
  }
  return <WorkflowPanelClient labels={labels} />
}
