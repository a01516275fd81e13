import { articleUrl } from '../../content/siteAddress'
import type { PublishedAlternate, PublishedPageAddress } from '../publishedJson'
import { articlePath } from '../layout'

/** Whether a language's page of an article shows that language's own approved text. */
export interface LanguageServing {
  locale: string
  servedInOwnLanguage: boolean
}

/**
 * Every language's page of one article, in the order of the languages. The same list goes into
 * every language's file, so the alternates of an article always agree with each other.
 */
export function alternatesOf(slug: string, serving: LanguageServing[], urlPattern: string): PublishedAlternate[] {
  return serving.map(({ locale, servedInOwnLanguage }) => ({
    locale,
    path: articlePath(locale, slug),
    url: articleUrl(urlPattern, locale, slug),
    servedInOwnLanguage,
  }))
}

/**
 * The page search engines should index for a reader's page: itself when it shows its own
 * language, the source language's page when it is a fallback (the same text in another folder).
 */
export function canonicalOf(alternates: PublishedAlternate[], readerLocale: string, sourceLocale: string): PublishedPageAddress {
  const own = alternates.find((alternate) => alternate.locale === readerLocale)
  const chosen = own?.servedInOwnLanguage ? own : alternates.find((alternate) => alternate.locale === sourceLocale)
  if (!chosen) throw new Error(`The alternates of a page have no source-language page (${sourceLocale}).`)
  return { locale: chosen.locale, path: chosen.path, url: chosen.url }
}

/** The languages an article is served in its own text: its hreflang set, the source included. */
export const ownLanguagesOf = (alternates: PublishedAlternate[]): string[] =>
  alternates.filter((alternate) => alternate.servedInOwnLanguage).map((alternate) => alternate.locale)
