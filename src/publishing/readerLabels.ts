import i18next, { type TFunction } from 'i18next'

import { loadBundles, type Language } from '../languages/registry'

/**
 * The words around an article in one reader's language: "Last updated on 3rd Jul, 2025",
 * "Consult Top Orthopaedicians", "9 Years". Texts come from the language's i18next bundles;
 * month names, digits and language names come from `Intl` in that language's conventions.
 */
export interface LocaleLabels {
  locale: string
  /** A calendar date ("2025-07-03…") as the language writes it: "3rd Jul, 2025" in `en`. */
  date: (iso: string) => string
  writtenBy: (name: string) => string
  lastUpdated: (iso: string) => string
  lastReviewed: (iso: string) => string
  reviewedBy: (name: string) => string
  nextReviewDue: (iso: string) => string
  consultTop: (specialtyPlural: string) => string
  yearsOfExperience: (years: number) => string
  references: () => string
  accessedOn: (iso: string) => string
  evidenceCheckedOn: (iso: string) => string
  translationReviewedOn: (iso: string) => string
  translationReviewedBy: (name: string) => string
  /** The notice shown when this language's readers get another language's text. */
  fallbackNotice: (contentLocale: string) => string
}

function displayName(readerLocale: string, code: string, languages: Language[]): string {
  try {
    const name = new Intl.DisplayNames([readerLocale], { type: 'language' }).of(code)
    if (name && name !== code) return name
  } catch {
    // an unknown code falls back to the language's own name below
  }
  return languages.find((language) => language.code === code)?.name ?? code
}

/** Builds the labels of every language at once, from the same bundles the admin and emails use. */
export function createLabels(languages: Language[], bundlesOf: (code: string) => Record<string, Record<string, string>> = loadBundles): Map<string, LocaleLabels> {
  const resources: Record<string, Record<string, Record<string, string>>> = {}
  for (const language of languages) resources[language.code] = bundlesOf(language.code)
  const instance = i18next.createInstance()
  void instance.init({
    resources,
    initAsync: false,
    fallbackLng: false,
    ns: ['site'],
    defaultNS: 'site',
    // The values are data for JSON, escaped by whoever renders them.
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  const labels = new Map<string, LocaleLabels>()
  for (const language of languages) labels.set(language.code, labelsFor(language.code, instance.getFixedT(language.code, 'site'), languages))
  return labels
}

/**
 * The same words for the same value, worked out once: a full rebuild asks for "9 Years" and
 * "Last updated on 3rd Jul, 2025" thousands of times, and each answer costs i18next and Intl work.
 */
function remembered<T extends string | number>(compute: (value: T) => string): (value: T) => string {
  const known = new Map<T, string>()
  return (value) => {
    let text = known.get(value)
    if (text === undefined) {
      text = compute(value)
      known.set(value, text)
    }
    return text
  }
}

/** The UTC calendar day of a moment, `YYYY-MM-DD`: what a dated label shows of it. */
const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10)

/**
 * Like `remembered`, for labels of a moment: keyed by its calendar day, since saves stamp times to
 * the millisecond and nearly every article's moment differs while its day is shared.
 */
function rememberedByDay(compute: (day: string) => string): (iso: string) => string {
  const byDay = remembered(compute)
  return (iso) => byDay(dayOf(iso))
}

function labelsFor(locale: string, t: TFunction, languages: Language[]): LocaleLabels {
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })
  const number = new Intl.NumberFormat(locale, { useGrouping: false })
  const date = rememberedByDay((calendarDay) => {
    const value = new Date(calendarDay)
    const day = t('dayOrdinal', { count: value.getUTCDate(), ordinal: true, replace: { count: number.format(value.getUTCDate()) } })
    return t('date', { day, month: month.format(value), year: number.format(value.getUTCFullYear()) })
  })
  return {
    locale,
    date,
    writtenBy: remembered((name) => t('writtenBy', { name })),
    lastUpdated: rememberedByDay((day) => t('lastUpdated', { date: date(day) })),
    lastReviewed: rememberedByDay((day) => t('lastReviewed', { date: date(day) })),
    reviewedBy: remembered((name) => t('reviewedBy', { name })),
    nextReviewDue: rememberedByDay((day) => t('nextReviewDue', { date: date(day) })),
    consultTop: remembered((specialty) => t('consultTop', { specialty })),
    yearsOfExperience: remembered((years: number) => t('yearsOfExperience', { count: years, replace: { count: number.format(years) } })),
    references: () => t('references'),
    accessedOn: rememberedByDay((day) => t('accessedOn', { date: date(day) })),
    evidenceCheckedOn: rememberedByDay((day) => t('evidenceCheckedOn', { date: date(day) })),
    translationReviewedOn: rememberedByDay((day) => t('translationReviewedOn', { date: date(day) })),
    translationReviewedBy: remembered((name) => t('translationReviewedBy', { name })),
    fallbackNotice: remembered((contentLocale) =>
      t('fallbackNotice', { language: displayName(locale, locale, languages), fallbackLanguage: displayName(locale, contentLocale, languages) }),
    ),
  }
}
