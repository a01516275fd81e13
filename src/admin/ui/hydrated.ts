'use client'

import { useSyncExternalStore } from 'react'

const neverChanges = () => () => {}

/**
 * False while the server's HTML is on screen and React has not yet taken it over, true after.
 * A button rendered on the server does nothing when pressed in that moment: the press is lost
 * without a word. Action buttons stay disabled until this is true, so a press either acts or
 * cannot be made.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  )
}
