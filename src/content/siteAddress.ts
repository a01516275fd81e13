/**
 * Where a downstream site shows an article: the address pattern read from the environment, and
 * one article's address in one language. Emails link to it; the published files list it as each
 * language's alternate and in the sitemaps.
 */

export class SiteAddressConfigError extends Error {
  readonly code = 'SITE_URL_INVALID'
}

/**
 * The downstream site's article address. `SITE_URL` is the site's origin; a pattern with
 * `{locale}` and `{slug}` belongs in `SITE_ARTICLE_URL`, so a pattern given as `SITE_URL` would
 * otherwise grow a second path behind the first in every email.
 */
export function articleUrlPatternFromEnv(env: Record<string, string | undefined> = process.env): string {
  const siteUrl = (env.SITE_URL || 'http://localhost:4000').replace(/\/$/, '')
  if (siteUrl.includes('{')) {
    throw new SiteAddressConfigError(
      `SITE_URL is "${env.SITE_URL}", but it takes the downstream site's origin only (such as https://health.example.org). ` +
        'Put an address pattern with {locale} and {slug} in SITE_ARTICLE_URL instead (such as https://health.example.org/{locale}/articles/{slug}).',
    )
  }
  try {
    new URL(siteUrl)
  } catch {
    throw new SiteAddressConfigError(`SITE_URL is "${env.SITE_URL}", which is not a web address: give the downstream site's origin, such as https://health.example.org.`)
  }
  const pattern = env.SITE_ARTICLE_URL || `${siteUrl}/{locale}/articles/{slug}`
  if (!pattern.includes('{slug}')) {
    throw new SiteAddressConfigError(`SITE_ARTICLE_URL is "${pattern}", which has no {slug}: every article would get the same link. Write it like https://health.example.org/{locale}/articles/{slug}.`)
  }
  return pattern
}

/** The address of one article in one language, from the pattern (`{locale}` and `{slug}` filled wherever they appear). */
export function articleUrl(pattern: string, locale: string, slug: string): string {
  return pattern.replaceAll('{locale}', encodeURIComponent(locale)).replaceAll('{slug}', encodeURIComponent(slug))
}
