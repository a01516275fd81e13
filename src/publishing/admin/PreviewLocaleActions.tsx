'use client'

import { Button, toast, useConfig } from '@payloadcms/ui'
import React, { useState } from 'react'

import { announceDocumentChanged } from '../../admin/ui/documentChanged'
import { useHydrated } from '../../admin/ui/hydrated'

export interface PreviewLocaleAction {
  to: 'in_review' | 'approved' | 'in_progress'
  /** Why the move cannot be taken yet (an outdated translation's pending sections); null when it can. */
  blockedBy: string | null
}

export interface PreviewLocaleActionsLabels {
  title: string
  state: string
  actions: Record<PreviewLocaleAction['to'], string>
  note: string
  noteHint: string
  moved: string
  failed: string
  working: string
}

/**
 * The moves of one language's translation offered beside its preview (approve, send back with a
 * note, submit), posted to the translation's transition endpoint, which judges them again; the
 * screen then shows the translation's new state.
 */
export function PreviewLocaleActions({ articleId, locale, actions, labels }: { articleId: string; locale: string; actions: PreviewLocaleAction[]; labels: PreviewLocaleActionsLabels }) {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const [note, setNote] = useState('')
  const hydrated = useHydrated()
  const [busy, setBusy] = useState(false)

  const move = async (action: PreviewLocaleAction) => {
    setBusy(true)
    try {
      const response = await fetch(`${serverURL}${api}/articles/${articleId}/locales/${locale}/transition`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: action.to, ...(note.trim() ? { note: note.trim() } : {}) }),
      })
      const body = (await response.json().catch(() => ({}))) as { message?: string }
      if (!response.ok) {
        toast.error(body.message ?? labels.failed)
        return
      }
      setNote('')
      toast.success(labels.moved)
      announceDocumentChanged(articleId)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="vp-panel" data-testid="preview-locale-actions">
      <h4>{labels.title}</h4>
      <p>{labels.state}</p>
      {actions.some((action) => action.to === 'in_progress') && (
        <label style={{ display: 'block', marginBottom: 'calc(var(--base) * 0.5)' }}>
          {labels.note}
          <textarea className="vp-preview__note" rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
          <small style={{ color: 'var(--theme-elevation-500)' }}>{labels.noteHint}</small>
        </label>
      )}
      <div className="vp-actions">
        {actions.map((action) => (
          <Button
            key={action.to}
            buttonStyle={action.to === 'in_progress' ? 'secondary' : 'primary'}
            size="small"
            margin={false}
            disabled={!hydrated || busy || action.blockedBy !== null || (action.to === 'in_progress' && !note.trim())}
            tooltip={action.blockedBy ?? undefined}
            onClick={() => void move(action)}
          >
            {busy ? labels.working : labels.actions[action.to]}
          </Button>
        ))}
      </div>
    </div>
  )
}
