'use client'

import { useAuth, useConfig, usePreferences, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useEffect, useRef } from 'react'

import { ADMIN_LANGUAGE_PREFERENCE } from './preference'

/** The language Payload's cookie names, as this browser holds it. */
function cookieLanguage(cookiePrefix: string): string | null {
  const entry = document.cookie.split('; ').find((cookie) => cookie.startsWith(`${cookiePrefix}-lng=`))
  return entry ? decodeURIComponent(entry.slice(entry.indexOf('=') + 1)) : null
}

/**
 * Keeps the signed-in person's admin language with their account: when they switch language
 * (Account → Language), the choice is saved as a preference, and the next login, in any browser,
 * sets it again (the login answer sets the cookie; the page the login form moves to was laid out
 * in the login page's language, so it is refreshed once). The language shown at sign-in is not
 * saved, so one person's cookie never becomes another's choice on a shared computer.
 */
export function AdminLanguageSync({ children }: { children?: React.ReactNode }) {
  const { i18n } = useTranslation()
  const { user } = useAuth()
  const { setPreference } = usePreferences()
  const { config } = useConfig()
  const router = useRouter()
  const seen = useRef<{ userId: string; language: string } | null>(null)

  useEffect(() => {
    if (!user) {
      seen.current = null
      return
    }
    const userId = String(user.id)
    if (seen.current?.userId !== userId) {
      seen.current = { userId, language: i18n.language }
      const chosen = cookieLanguage(config.cookiePrefix || 'payload')
      if (chosen && chosen !== i18n.language) {
        seen.current = { userId, language: chosen }
        router.refresh()
      }
      return
    }
    if (seen.current.language !== i18n.language) {
      seen.current = { userId, language: i18n.language }
      void setPreference(ADMIN_LANGUAGE_PREFERENCE, i18n.language)
    }
  }, [user, i18n.language, setPreference, config.cookiePrefix, router])

  return <>{children}</>
}
