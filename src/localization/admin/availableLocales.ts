import type { Locale, PayloadRequest } from 'payload'

import { hasRole, localesOf } from '../../access/roles'
import { SOURCE_LOCALE } from '../../languages/registry'

/**
 * The languages the admin's locale switch offers: a translator (and nobody else) sees only the
 * source and their own languages, so another language's fields are not a click away. The server
 * refuses their writes elsewhere anyway; this keeps the screen honest about what they may do.
 */
export function availableLocales({ locales, req }: { locales: Locale[]; req: PayloadRequest }): Locale[] {
  const user = req.user
  if (!user || !hasRole(user as never, 'translator') || hasRole(user as never, 'admin', 'editor', 'reviewer')) return locales
  const own = localesOf(user as never)
  return locales.filter((locale) => locale.code === SOURCE_LOCALE || own.includes(locale.code))
}
