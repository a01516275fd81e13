'use client'

import { Button, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'

import { useHydrated } from './hydrated'

interface Props {
  /** The action's endpoint; it is POSTed with the session cookie. */
  url: string
  label: string
  /** Shown after the action succeeded. */
  done: string
  /** Asked before acting, for actions that cannot be taken back. */
  confirm?: string
  buttonStyle?: 'primary' | 'secondary'
}

/** One row action of a read-only list (redeliver, resume, cancel): posts, tells the outcome, refreshes the list. */
export function ActionButton({ url, label, done, confirm, buttonStyle = 'secondary' }: Props) {
  const router = useRouter()
  const hydrated = useHydrated()
  const [busy, setBusy] = useState(false)
  const act = async () => {
    if (confirm && !window.confirm(confirm)) return
    setBusy(true)
    try {
      const response = await fetch(url, { method: 'POST', credentials: 'include' })
      const body = (await response.json().catch(() => ({}))) as { message?: string; errors?: { message: string }[] }
      if (!response.ok) {
        toast.error(body.message ?? body.errors?.[0]?.message ?? `${response.status}`)
        return
      }
      toast.success(done)
      router.refresh()
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button buttonStyle={buttonStyle} size="small" margin={false} disabled={!hydrated || busy} onClick={() => void act()}>
      {label}
    </Button>
  )
}
