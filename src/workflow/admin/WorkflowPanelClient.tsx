'use client'

import { Button, toast, useConfig, useDocumentInfo, useFormModified } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import { announceDocumentChanged } from '../../admin/ui/documentChanged'
import type { WorkflowAction } from '../availableActions'

export interface WorkflowPanelLabels {
  title: string
  stateLabel: string
  states: Record<string, string>
  changeKindLabel: string
  changeKindChoose: string
  changeKinds: Record<string, string>
  actions: Record<string, string>
  noteLabel: string
  noteHint: string
  referencesChecked: string
  noActions: string
  saveFirst: string
  unsavedChanges: string
  working: string
  transitionFailed: string
  /** With `{{language}}`, `{{grade}}` and `{{target}}` left for the warning's details. */
  readabilityWarning: string
}

interface TransitionWarning {
  code: string
  message: string
  details?: { languageName?: string; grade?: number; targetGrade?: number }
}

/** A warning in the admin's language when its code has a label, else the server's own words. */
function warningText(labels: WorkflowPanelLabels, warning: TransitionWarning): string {
  if (warning.code !== 'READABILITY_ABOVE_TARGET' || !warning.details) return warning.message
  const values: Record<string, string> = {
    language: warning.details.languageName ?? '',
    grade: warning.details.grade?.toFixed(1) ?? '',
    target: String(warning.details.targetGrade ?? ''),
  }
  return labels.readabilityWarning.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '')
}

interface PanelState {
  workflowState: string
  changeKind: string | null
  actions: WorkflowAction[]
}

const box: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m, 4px)',
  padding: 'calc(var(--base) * 0.75)',
  marginBottom: 'var(--base)',
}
const input: React.CSSProperties = {
  width: '100%',
  padding: 'calc(var(--base) * 0.4)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-text)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s, 3px)',
  fontFamily: 'inherit',
}

/**
 * Shows the article's state and one button per action the signed-in person may take, as the
 * server reports them; a click posts the transition, then the panel and the rest of the screen
 * show the new state without a page reload.
 */
export function WorkflowPanelClient({ labels }: { labels: WorkflowPanelLabels }) {
  const { id, savedDocumentData } = useDocumentInfo()
  const modified = useFormModified()
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const endpoint = id ? `${serverURL}${api}/articles/${id}/transition` : null
  const [panel, setPanel] = useState<PanelState | null>(null)
  const [note, setNote] = useState('')
  const [changeKind, setChangeKind] = useState('')
  const [referencesChecked, setReferencesChecked] = useState(false)
  const [busy, setBusy] = useState(false)
  const [warnings, setWarnings] = useState<string[]>([])

  const load = useCallback(async () => {
    if (!endpoint) return
    const response = await fetch(endpoint, { credentials: 'include' })
    if (response.ok) setPanel((await response.json()) as PanelState)
  }, [endpoint])

  // A save can move the state (an edit after approval goes back to review): ask again after each.
  const savedAt = savedDocumentData?.updatedAt
  useEffect(() => {
    void load()
  }, [load, savedAt])

  const take = async (action: WorkflowAction) => {
    if (!endpoint || !id) return
    setBusy(true)
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          to: action.to,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(action.takesChangeKind && changeKind ? { changeKind } : {}),
          ...(action.action === 'approve' && referencesChecked ? { referencesChecked } : {}),
        }),
      })
      const body = (await response.json().catch(() => ({}))) as { message?: string; warnings?: TransitionWarning[] }
      if (!response.ok) {
        toast.error(body.message ?? labels.transitionFailed)
        return
      }
      const said = (body.warnings ?? []).map((warning) => warningText(labels, warning))
      setWarnings(said)
      for (const text of said) toast.warning(text)
      setNote('')
      setChangeKind('')
      setReferencesChecked(false)
      await load()
      // The sidebar's fields, translations and history change with the state: the screen shows them afresh.
      announceDocumentChanged(id)
    } finally {
      setBusy(false)
    }
  }

  if (!id) return <div style={box}>{labels.saveFirst}</div>
  if (!panel) return <div style={box}>{labels.title}</div>

  const takesKind = panel.actions.some((action) => action.takesChangeKind)
  const takesNote = panel.actions.length > 0
  const approves = panel.actions.some((action) => action.action === 'approve')
  return (
    <div style={box}>
      <h4 style={{ margin: '0 0 calc(var(--base) * 0.5)' }}>{labels.title}</h4>
      <p style={{ margin: '0 0 calc(var(--base) * 0.5)' }}>
        {labels.stateLabel}: <strong>{labels.states[panel.workflowState] ?? panel.workflowState}</strong>
        {panel.changeKind ? ` · ${labels.changeKinds[panel.changeKind] ?? panel.changeKind}` : ''}
      </p>
      {warnings.map((text) => (
        <p key={text} data-testid="workflow-warning" role="status" style={{ color: 'var(--theme-warning-500)', margin: '0 0 calc(var(--base) * 0.5)' }}>
          {text}
        </p>
      ))}
      {panel.actions.length === 0 && <p style={{ margin: 0 }}>{labels.noActions}</p>}
      {modified && panel.actions.length > 0 && <p style={{ color: 'var(--theme-warning-500)' }}>{labels.unsavedChanges}</p>}
      {takesKind && (
        <label style={{ display: 'block', marginBottom: 'calc(var(--base) * 0.5)' }}>
          {labels.changeKindLabel}
          <select style={input} value={changeKind} onChange={(event) => setChangeKind(event.target.value)}>
            <option value="">{labels.changeKindChoose}</option>
            {Object.entries(labels.changeKinds).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      {takesNote && (
        <label style={{ display: 'block', marginBottom: 'calc(var(--base) * 0.5)' }}>
          {labels.noteLabel}
          <textarea style={input} rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
          <small style={{ color: 'var(--theme-elevation-500)' }}>{labels.noteHint}</small>
        </label>
      )}
      {approves && (
        <label style={{ display: 'flex', gap: 'calc(var(--base) * 0.4)', alignItems: 'baseline', marginBottom: 'calc(var(--base) * 0.5)' }}>
          <input type="checkbox" checked={referencesChecked} onChange={(event) => setReferencesChecked(event.target.checked)} />
          {labels.referencesChecked}
        </label>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 'calc(var(--base) * 0.5)' }}>
        {panel.actions.map((action) => (
          <Button
            key={action.to}
            buttonStyle={action.action === 'requestChanges' || action.action === 'unpublish' || action.action === 'archive' ? 'secondary' : 'primary'}
            size="small"
            margin={false}
            disabled={busy || modified || (action.needsNote && !note.trim()) || (action.needsChangeKind && !changeKind)}
            onClick={() => void take(action)}
          >
            {busy ? labels.working : labels.actions[action.action]}
          </Button>
        ))}
      </div>
    </div>
  )
}
