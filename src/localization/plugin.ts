import type { Plugin } from 'payload'

import { extendCollections, extendRoot } from '../plugins/extendConfig'
import { guardTranslatorMediaWrites } from './access/guardTranslatorMediaWrites'
import { guardTranslatorWrites } from './access/guardTranslatorWrites'
import { availableLocales } from './admin/availableLocales'
import { articleTranslationEndpoints, coverageEndpoint } from './endpoints'
import { trackTranslation } from './hooks/trackTranslation'
import { translationDraftEndpoint } from './translationDraft'

/**
 * The translation workflow: translators write only their languages, each language's state follows
 * the source (outdated after a clinical change), translations are exchanged as XLIFF or edited side
 * by side, and the coverage view shows every language at once.
 */
export const localizationPlugin = (): Plugin => (config) => ({
  ...config,
  ...extendRoot(config, { endpoints: [coverageEndpoint] }),
  collections: extendCollections(config.collections, {
    articles: {
      guards: { beforeValidate: [guardTranslatorWrites] },
      hooks: { afterChange: [trackTranslation] },
      endpoints: [...articleTranslationEndpoints(), translationDraftEndpoint],
      components: {
        views: {
          coverage: { Component: '/src/localization/admin/CoverageView#CoverageView', path: '/coverage' },
          edit: {
            translate: {
              Component: '/src/localization/admin/TranslateView#TranslateView',
              path: '/translate',
              tab: { Component: '/src/admin/ui/DocumentTabs#TranslateTab', order: 160 },
            },
          },
        },
      },
    },
    media: { hooks: { beforeValidate: [guardTranslatorMediaWrites] } },
  }),
  localization: config.localization && { ...config.localization, filterAvailableLocales: availableLocales },
})
