import type { Plugin } from 'payload'

import { extendCollections, extendRoot } from '../../plugins/extendConfig'
import { languageCookieOnLogin } from './language/adminLanguage'

/** The admin's frame around every concern: the work links atop the navigation and the admin language that follows a person. */
export const adminShellPlugin = (): Plugin => (config) => ({
  ...config,
  ...extendRoot(config, {
    components: {
      beforeNavLinks: ['/src/admin/ui/nav/WorkNavLinks#WorkNavLinks'],
      providers: ['/src/admin/ui/language/AdminLanguageSync#AdminLanguageSync'],
    },
  }),
  collections: extendCollections(config.collections, {
    users: { hooks: { afterLogin: [languageCookieOnLogin] } },
  }),
})
