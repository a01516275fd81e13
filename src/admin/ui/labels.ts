import { createInstance, type TFunction } from 'i18next'

import { loadBundles, loadLanguages, SOURCE_LOCALE } from '../../languages/registry'

export type ViewLabels = { t: TFunction; language: string; dir: 'ltr' | 'rtl' }

/**
 * The labels of the admin's own views: the `adminViews` namespace of the language folder that
 * matches the admin's interface language (else the source language's), falling back to the
 * `admin` namespace for the words the workflow panel already defines (state names, actions).
 */
export async function viewLabels(language: string | undefined): Promise<ViewLabels> {
  const languages = loadLanguages()
  const code = language && languages.some((entry) => entry.code === language) ? language : SOURCE_LOCALE
  const resources = Object.fromEntries(
    [...new Set([code, SOURCE_LOCALE])].map((lng) => {
      const bundles = loadBundles(lng)
      return [lng, { adminViews: bundles.adminViews ?? {}, admin: bundles.admin ?? {} }]
    }),
  )
  const i18n = createInstance()
  await i18n.init({
    lng: code,
    fallbackLng: SOURCE_LOCALE,
    ns: ['adminViews', 'admin'],
    defaultNS: 'adminViews',
    fallbackNS: 'admin',
    resources,
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  const dir = languages.find((entry) => entry.code === code)?.dir ?? 'ltr'
  return { t: i18n.t.bind(i18n) as TFunction, language: code, dir }
}

/** Dates in the admin's language, as a medical editor reads them ("3 Jul 2025"). */
export function dateFormatter(language: string, withTime = false): (value: string | null | undefined) => string {
  const format = new Intl.DateTimeFormat(language, withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' })
  return (value) => (value ? format.format(new Date(value)) : '')
}
