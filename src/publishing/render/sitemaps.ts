import { createHash } from 'node:crypto'

import { articleUrl } from '../../content/siteAddress'
import type { ArticleIndexEntry } from '../publishedJson'

/**
 * Sitemaps per sitemaps.org 0.9 with Google's hreflang alternates. Each language's pages are split
 * over a fixed number of shards by a hash of the slug, so publishing one article rewrites one
 * shard per language however large the library grows; a shard that passes the protocol's 50,000
 * URLs continues in a second file.
 */
export const SITEMAP_SHARDS = 64
export const SITEMAP_URL_LIMIT = 50_000

const shardBySlug = new Map<string, number>()

/** The shard an article's pages are listed in; stable for a slug, in every language. */
export function sitemapShardOf(slug: string): number {
  let shard = shardBySlug.get(slug)
  if (shard === undefined) {
    shard = createHash('sha256').update(slug).digest().readUInt32BE(0) % SITEMAP_SHARDS
    if (shardBySlug.size > 200_000) shardBySlug.clear()
    shardBySlug.set(slug, shard)
  }
  return shard
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

/**
 * One language's pages in one shard, sorted by slug, as one or more `<urlset>` documents. Only
 * pages that show their own language are listed: a fallback page repeats the source's text and is
 * nobody's alternate. Each page names every own-language page of its article (itself included)
 * and the source language's page as `x-default`, so every link is returned by the page it names.
 */
export function renderSitemaps(entries: ArticleIndexEntry[], locale: string, urlPattern: string, sourceLocale: string): string[] {
  const pages = entries.filter((entry) => !entry.fallback && entry.ownLanguages.includes(locale)).sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  const documents: string[] = []
  for (let start = 0; start < pages.length; start += SITEMAP_URL_LIMIT) {
    const urls = pages.slice(start, start + SITEMAP_URL_LIMIT).map((entry) => {
      const links = entry.ownLanguages.map(
        (language) => `<xhtml:link rel="alternate" hreflang="${escapeXml(language)}" href="${escapeXml(articleUrl(urlPattern, language, entry.slug))}"/>`,
      )
      links.push(`<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(articleUrl(urlPattern, sourceLocale, entry.slug))}"/>`)
      const lastmod = entry.lastUpdated ? `<lastmod>${entry.lastUpdated.date}</lastmod>` : ''
      return `<url><loc>${escapeXml(articleUrl(urlPattern, locale, entry.slug))}</loc>${lastmod}${links.join('')}</url>`
    })
    documents.push(
      `${XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`,
    )
  }
  return documents
}

/** The sitemap index a site submits to search engines: every sitemap file, at the site's origin. */
export function renderSitemapIndex(paths: string[], siteOrigin: string): string {
  const sitemaps = [...paths].sort().map((path) => `<sitemap><loc>${escapeXml(`${siteOrigin}/${path}`)}</loc></sitemap>`)
  return `${XML_DECLARATION}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${sitemaps.join('\n')}\n</sitemapindex>\n`
}

/** The origin the sitemap files are addressed from: the downstream site's, where its articles are. */
export const siteOriginOf = (urlPattern: string): string => new URL(articleUrl(urlPattern, 'en', 'page')).origin
