import i18next, { type TFunction } from 'i18next'

import { loadBundles, loadLanguages, type Language } from '../../languages/registry'

/** The words of one language for emails and pages, with its own date conventions. */
export interface EmailTexts {
  language: Language
  t: TFunction
  /** "3rd Jul, 2025" in English, "3 जुल॰ 2025" in Hindi: the library's display date. */
  displayDate(date: Date | string): string
  /** A language's name in this language ("Hindi" in English, "हिन्दी" in Hindi). */
  languageName(code: string): string
}

/**
 * Loads every language's bundles once (the `email` namespace, plus `site` for the "Last updated"
 * line, so emails and published pages say it the same way).
 */
export class EmailTextCatalog {
  private readonly byCode = new Map<string, EmailTexts>()

  constructor(readonly languages: Language[] = loadLanguages()) {
    const resources = Object.fromEntries(languages.map((language) => [language.code, loadBundles(language.code)]))
    for (const language of languages) {
      const instance = i18next.createInstance()
      void instance.init({
        resources,
        lng: language.code,
        fallbackLng: language.fallback ?? false,
        ns: ['email', 'site'],
        defaultNS: 'email',
        initAsync: false,
        // Values are escaped where they enter HTML (the templates), not here, so the plain-text part stays plain.
        interpolation: { escapeValue: false },
      })
      const t = instance.t.bind(instance) as TFunction
      const month = new Intl.DateTimeFormat(language.code, { month: 'short', timeZone: 'UTC' })
      const names = new Intl.DisplayNames([language.code], { type: 'language' })
      this.byCode.set(language.code, {
        language,
        t,
        displayDate: (value) => {
          const date = new Date(value)
          return t('site:date', {
            day: t('site:dayOrdinal', { count: date.getUTCDate(), ordinal: true }),
            month: month.format(date),
            year: date.getUTCFullYear(),
          })
        },
        languageName: (code) => languages.find((other) => other.code === code && other.code === language.code)?.name ?? names.of(code) ?? code,
      })
    }
  }

  has(code: string): boolean {
    return this.byCode.has(code)
  }

  for(code: string): EmailTexts {
    const texts = this.byCode.get(code)
    if (!texts) throw Object.assign(new Error(`No language "${code}" in translations/.`), { code: 'NEWSLETTER_LOCALE_UNKNOWN' })
    return texts
  }
}
