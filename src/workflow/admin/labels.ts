import { createInstance, type TFunction } from 'i18next'

import { loadBundles, loadLanguages, SOURCE_LOCALE } from '../../languages/registry'

/** The `admin` namespace of the language folder matching the admin's language, else the source language's. */
export async function adminLabels(language: string | undefined): Promise<{ t: TFunction; language: string }> {
  const codes = loadLanguages().map((entry) => entry.code)
  const code = language && codes.includes(language) ? language : SOURCE_LOCALE
  const resources = Object.fromEntries(
    [...new Set([code, SOURCE_LOCALE])].map((lng) => [lng, { admin: loadBundles(lng).admin ?? {} }]),
  )
  const i18n = createInstance()
  await i18n.init({
    lng: code,
    fallbackLng: SOURCE_LOCALE,
    ns: ['admin'],
    defaultNS: 'admin',
    resources,
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  return { t: i18n.t.bind(i18n) as TFunction, language: code }
}
