import type { FileKind } from './publishedJson'

/**
 * Where each file lives under the publish root. Slugs are checked to be file-name safe when
 * saved (src/content/slug.ts), so they are used as they are.
 */
export const MANIFEST_PATH = 'manifest.json'
/** One part of the manifest, listed by `manifest.json`. */
export const manifestPartPath = (part: number) => `manifest/${String(part).padStart(2, '0')}.json`

export const articlePath = (locale: string, slug: string) => `${locale}/articles/${slug}.json`
export const articleIndexPath = (locale: string) => `${locale}/articles/index.json`
/** One shard of a language's article index. */
export const articleIndexShardPath = (locale: string, shard: number) => `${locale}/articles/index/${String(shard).padStart(2, '0')}.json`
export const doctorDirectoryPath = (locale: string) => `${locale}/doctors/index.json`
export const specialtyPath = (locale: string, slug: string) => `${locale}/specialties/${slug}.json`
/** One shard of a specialty's article list. */
export const specialtyArticlesPath = (locale: string, slug: string, shard: number) => `${locale}/specialties/${slug}/${String(shard).padStart(2, '0')}.json`
/** The sitemap index a site submits; it lists every language's sitemap files. */
export const SITEMAP_INDEX_PATH = 'sitemap.xml'
/** One language's sitemap index, for a site that submits each language on its own (a property per language). */
export const languageSitemapIndexPath = (locale: string) => `${locale}/sitemap.xml`
export const LANGUAGE_SITEMAP_INDEX_PATH = /^[^/]+\/sitemap\.xml$/
/** One shard of a language's sitemap; a shard past 50,000 pages continues in `-2`, `-3` … */
export const sitemapPath = (locale: string, shard: number, part = 1) =>
  `${locale}/sitemaps/${String(shard).padStart(2, '0')}${part > 1 ? `-${part}` : ''}.xml`
export const SITEMAP_PATH = /^[^/]+\/sitemaps\/\d+(?:-\d+)?\.xml$/
export const searchIndexPath = (locale: string) => `${locale}/search/index.json`
export const searchShardPath = (locale: string, shard: number) => `${locale}/search/${String(shard).padStart(2, '0')}.json`
export const schemaPath = (kind: Exclude<FileKind, 'schema'> | 'manifest') => `schemas/${kind}.schema.json`

/** The change feed: its head, and its segments named by their first sequence (zero-padded, so they sort). */
export const CHANGES_HEAD_PATH = 'changes/head.json'
export const changeSegmentPath = (firstSequence: number) => `changes/${String(firstSequence).padStart(12, '0')}.json`

/** The article a file is one language's copy of, by slug; null for indexes and every other file. */
export function articleSlugOfPath(path: string): string | null {
  const match = /^[^/]+\/articles\/([^/]+)\.json$/.exec(path)
  return match && match[1] !== 'index' ? match[1] : null
}

/** The locale folder a path belongs to, or null for the top-level files (manifest, schemas). */
export function localeOfPath(path: string): string | null {
  const first = path.split('/')[0]
  return first === 'schemas' || !path.includes('/') ? null : first
}
