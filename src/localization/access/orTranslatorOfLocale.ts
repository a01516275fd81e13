import type { Access } from 'payload'

import { hasRole, localesOf } from '../../access/roles'

/**
 * Extends an update rule to translators, in the locales on their user record only (what they may
 * change there is checked by `guardTranslatorWrites`). A translator outside their locales, or in
 * the source locale, gets 403.
 */
export const orTranslatorOfLocale =
  (base: Access): Access =>
  async (args) => {
    const allowed = await base(args)
    if (allowed) return allowed
    const { user, locale } = args.req
    if (!hasRole(user, 'translator') || !locale || locale === 'all') return false
    return localesOf(user).includes(locale)
  }
