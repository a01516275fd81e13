import type { Plugin } from 'payload'

import { extendCollections } from '../plugins/extendConfig'
import { scoreOnSave } from './scoreOnSave'

/**
 * Readability: every save of an article scores the language saved, by that language's own
 * measure; the sidebar shows each language's grade against the specialty's target. The workflow
 * holds submissions to the target; publishing scores the texts it serves.
 */
export const readabilityPlugin = (): Plugin => (config) => ({
  ...config,
  collections: extendCollections(config.collections, {
    articles: { hooks: { beforeChange: [scoreOnSave] } },
  }),
})
