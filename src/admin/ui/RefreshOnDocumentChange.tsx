'use client'

import { useDocumentInfo, useFormModified } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import { useEffect, useRef } from 'react'

import { DOCUMENT_CHANGED, type DocumentChangedDetail } from './documentChanged'

/**
 * Keeps a document screen's server-rendered panels (an article's translations and history) in
 * step with the document: after a save of its form, or when something on the screen announces that
 * it changed, the screen's server part is rendered again in place, without a page reload.
 * A form with unsaved edits is left alone; its next save brings the panels up to date.
 */
export function RefreshOnDocumentChange() {
  const router = useRouter()
  const { id, savedDocumentData } = useDocumentInfo()
  const modified = useFormModified()
  const modifiedNow = useRef(modified)
  modifiedNow.current = modified
  const savedAt = savedDocumentData?.updatedAt as string | undefined
  const lastSavedAt = useRef(savedAt)
  // Set while a refresh asked for by an announcement is on its way, whose new data is not a new save.
  const refreshing = useRef(false)

  useEffect(() => {
    if (savedAt === lastSavedAt.current) return
    lastSavedAt.current = savedAt
    if (refreshing.current) {
      refreshing.current = false
      return
    }
    if (!modifiedNow.current) router.refresh()
  }, [savedAt, router])

  useEffect(() => {
    if (!id) return
    const refresh = (event: Event) => {
      if ((event as CustomEvent<DocumentChangedDetail>).detail?.id !== String(id)) return
      refreshing.current = true
      router.refresh()
    }
    window.addEventListener(DOCUMENT_CHANGED, refresh)
    return () => window.removeEventListener(DOCUMENT_CHANGED, refresh)
  }, [id, router])

  return null
}
