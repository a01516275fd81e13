'use client'

import { Button } from '@payloadcms/ui'
import React, { useState } from 'react'

import { useHydrated } from '../../admin/ui/hydrated'

export interface RotateSecretLabels {
  title: string
  intro: string
  rotate: string
  confirm: string
  working: string
  newSecret: string
  shownOnce: string
  failed: string
}

/**
 * Asks for a new signing secret and shows it in this page only: it is kept in this component's
 * state, never in the form, so leaving or reloading the page loses it for good.
 */
export function RotateSecretButton({ url, labels }: { url: string; labels: RotateSecretLabels }) {
  const [secret, setSecret] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const hydrated = useHydrated()
  const [busy, setBusy] = useState(false)

  const rotate = async () => {
    if (!window.confirm(labels.confirm)) return
    setBusy(true)
    setProblem(null)
    try {
      const response = await fetch(url, { method: 'POST', credentials: 'include' })
      const body = (await response.json().catch(() => ({}))) as { secret?: string; message?: string }
      if (!response.ok || !body.secret) {
        setSecret(null)
        setProblem(body.message ?? `${labels.failed} (${response.status})`)
        return
      }
      setSecret(body.secret)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="vp-panel" data-testid="rotate-secret">
      <h4>{labels.title}</h4>
      <p className="vp-list__meta">{labels.intro}</p>
      <Button buttonStyle="secondary" size="small" disabled={!hydrated || busy} onClick={() => void rotate()}>
        {busy ? labels.working : labels.rotate}
      </Button>
      {secret && (
        <div role="status" data-testid="new-secret">
          <p>{labels.newSecret}</p>
          <code style={{ display: 'block', padding: 'calc(var(--base) * 0.4)', background: 'var(--theme-elevation-50)', wordBreak: 'break-all', userSelect: 'all' }}>{secret}</code>
          <p className="vp-list__note">{labels.shownOnce}</p>
        </div>
      )}
      {problem && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {problem}
        </p>
      )}
    </div>
  )
}
