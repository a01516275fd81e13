import type { FileKind } from './publishedJson'

/**
 * Where each file lives under the publish root. Slugs are checked to be file-name safe when
 * saved (src/content/slug.ts), so they are used as they are.
 */
export const MANIFEST_PATH = 'manifest.json'

export const articlePath = (locale: string, slug: string) => `${locale}/articles/${slug}.json`
export const articleIndexPath = (locale: string) => `${locale}/articles/index.json`
export const doctorDirectoryPath = (locale: string) => `${locale}/doctors/index.json`
export const specialtyPath = (locale: string, slug: string) => `${locale}/specialties/${slug}.json`
export const schemaPath = (kind: Exclude<FileKind, 'schema'> | 'manifest') => `schemas/${kind}.schema.json`

/** The locale folder a path belongs to, or null for the top-level files (manifest, schemas). */
export function localeOfPath(path: string): string | null {
  const first = path.split('/')[0]
  return first === 'schemas' || !path.includes('/') ? null : first
}
