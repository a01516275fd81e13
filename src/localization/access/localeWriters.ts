import type { Access } from 'payload'

import { isTranslationLocale, mayWriteTranslation } from '../translationWriters'

/**
 * An update rule that depends on the language being saved: in the source language the
 * collection's own rule (`sourceWriters`) decides; in a translation language, `mayWriteTranslation`
 * does, as it does for the side-by-side editor and XLIFF imports. A save of every locale at once
 * needs both. What a translator may change in their language is checked by `guardTranslatorWrites`.
 */
export const localeWriters =
  (sourceWriters: Access): Access =>
  async (args) => {
    const { user, locale, payload } = args.req
    if (locale === 'all') {
      const allowed = await sourceWriters(args)
      const translations = (payload.config.localization ? payload.config.localization.localeCodes : []).filter((code) => isTranslationLocale(code))
      return translations.every((code) => mayWriteTranslation(user, code).allowed) ? allowed : false
    }
    if (!isTranslationLocale(locale)) return sourceWriters(args)
    return mayWriteTranslation(user, locale).allowed
  }
