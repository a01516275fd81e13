'use client'

import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import { useHydrated } from '../../admin/ui/hydrated'

/** On a delivery's page: sends it again with the same event id, as a new round of attempts. */
export function RedeliverButton() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [message, setMessage] = useState<string | null>(null)
  const hydrated = useHydrated()
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const redeliver = async () => {
    setBusy(true)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/webhook-deliveries/${id}/redeliver`, { method: 'POST', credentials: 'include' })
      const body = (await response.json()) as { message?: string; errors?: { message: string }[]; round?: number }
      setMessage(response.ok ? `Queued again (round ${body.round}). Reload to see the attempt.` : (body.message ?? body.errors?.[0]?.message ?? `Failed with ${response.status}.`))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div style={{ marginBottom: '1.5rem' }}>
      <Button buttonStyle="secondary" disabled={!hydrated || busy} onClick={redeliver}>
        Redeliver
      </Button>
      {message ? <p>{message}</p> : null}
    </div>
  )
}
