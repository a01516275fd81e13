/**
 * One article's address on the downstream site, from the pattern the environment gives
 * (`SITE_ARTICLE_URL`, src/environment). Emails link to it; the published files list it as each
 * language's alternate and in the sitemaps.
 */
export function articleUrl(pattern: string, locale: string, slug: string): string {
  return pattern.replaceAll('{locale}', encodeURIComponent(locale)).replaceAll('{slug}', encodeURIComponent(slug))
}
