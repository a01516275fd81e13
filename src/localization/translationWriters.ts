import { SOURCE_LOCALE } from '../languages/registry'
import { LocalizationError } from './errors'

/** The person saving: their roles and the languages on their user record. */
export interface TranslationWriter {
  roles?: readonly string[] | null
  languages?: readonly string[] | null
}

/**
 * What a permitted writer may change in the language: `article`, everything, including what every
 * language shares (editors and admins own the article); `texts`, only the localized texts, saved
 * as drafts (translators).
 */
export type TranslationWriteScope = 'article' | 'texts'

export type TranslationWriteAnswer =
  | { allowed: true; scope: TranslationWriteScope }
  | { allowed: false; code: 'UNAUTHENTICATED' | 'LOCALE_UNKNOWN' | 'TRANSLATION_NOT_PERMITTED'; status: 401 | 400 | 403; message: string }

/** Whether `locale` names one language's translation, not the source or every locale at once. */
export function isTranslationLocale(locale: string | null | undefined, sourceLocale = SOURCE_LOCALE): locale is string {
  return Boolean(locale) && locale !== 'all' && locale !== sourceLocale
}

/**
 * Who may write a language's translation, whichever way it is saved (the article form, the
 * side-by-side editor, an XLIFF import) and whoever submits it for review: editors and admins in
 * every language, translators in the languages on their record. A reviewer signs translations off
 * and does not write them unless they are also a translator of that language: the approval is the
 * clinician's independent check of someone else's translation, so a reviewer who finds a fault
 * sends it back with a note. The source language is never a translation; its texts follow the
 * article workflow.
 */
export function mayWriteTranslation(writer: TranslationWriter | null | undefined, locale: string, sourceLocale = SOURCE_LOCALE): TranslationWriteAnswer {
  if (!writer) return { allowed: false, code: 'UNAUTHENTICATED', status: 401, message: 'Sign in first: translations are saved by the editorial team.' }
  if (!isTranslationLocale(locale, sourceLocale)) {
    return { allowed: false, code: 'LOCALE_UNKNOWN', status: 400, message: `${sourceLocale} is the source language, not a translation; its workflow is the article's own.` }
  }
  const roles = writer.roles ?? []
  if (roles.includes('admin') || roles.includes('editor')) return { allowed: true, scope: 'article' }
  if (roles.includes('translator') && (writer.languages ?? []).includes(locale)) return { allowed: true, scope: 'texts' }
  if (roles.includes('reviewer')) {
    return {
      allowed: false,
      code: 'TRANSLATION_NOT_PERMITTED',
      status: 403,
      message: `Reviewers sign translations off and do not write them; only translators of ${locale} (and editors) save ${locale} texts. To correct the translation, a reviewer of ${locale} sends it back to its translator with a note saying what to change.`,
    }
  }
  return {
    allowed: false,
    code: 'TRANSLATION_NOT_PERMITTED',
    status: 403,
    message: `You cannot write the ${locale} translation: only translators of ${locale} (and editors) can. Ask an admin to add ${locale} to your languages.`,
  }
}

/**
 * Whether a save in `locale` may change only the localized texts, as a draft: in a translation
 * language, for everyone but the article's owners. Access decides who saves at all; this decides
 * what their save may touch.
 */
export function writesTextsOnly(writer: TranslationWriter | null | undefined, locale: string | null | undefined): boolean {
  if (!writer || !isTranslationLocale(locale)) return false
  const answer = mayWriteTranslation(writer, locale)
  return !(answer.allowed && answer.scope === 'article')
}

/** Refuses, before anything is read or written, a person the rule does not let write the language. */
export function assertMayWriteTranslation(writer: TranslationWriter | null | undefined, locale: string): void {
  const answer = mayWriteTranslation(writer, locale)
  if (!answer.allowed) throw new LocalizationError(answer.code, answer.status, answer.message)
}
