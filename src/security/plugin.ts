import type { Plugin } from 'payload'

import { extendCollections } from '../plugins/extendConfig'
import { limitAuthAttempts, type LoginProtectionOptions } from './loginProtection'
import { explainMalformedBody } from './requestBody'

/** Sign-in attempts limited per address and per account; malformed request bodies answered in plain words. */
export const securityPlugin =
  (options: { loginProtection: LoginProtectionOptions }): Plugin =>
  (config) => ({
    ...config,
    hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), explainMalformedBody] },
    collections: extendCollections(config.collections, {
      users: { guards: { beforeOperation: [limitAuthAttempts(options.loginProtection)] } },
    }),
  })
