import { js2xliff } from 'xliff'
import type { Payload, PayloadRequest } from 'payload'

import { articleUnits, type ArticleUnit } from '../articleUnits'
import { LocalizationError } from '../errors'
import { readArticleInAllLocales, readHeroAlt } from '../translationRecords'
import { SOURCE_LOCALE } from '../../languages/registry'
import { assertTranslationLocale, translationStatus } from '../localeTranslationStatus'
import { toXliffValue } from './convert'

export const XLIFF_FILE_PREFIX = 'article.'

export interface XliffExportOptions {
  articleId: string
  locale: string
  /** Only the units of sections (and title, summary) changed in the source since they were translated, or never translated. */
  outdatedOnly?: boolean
}

export interface XliffExport {
  xml: string
  slug: string
  units: number
}

/** Line breaks between the structural elements only: inside `<source>` and `<target>` every space counts. */
function layOut(xml: string): string {
  const depth: Record<string, number> = { file: 1, unit: 2, notes: 3, segment: 3, note: 4, source: 4, target: 4 }
  const laidOut = xml.replace(/<(\/?)(file|unit|notes|segment|note|source|target)\b/g, (tag: string, slash: string, name: string) =>
    slash && (name === 'note' || name === 'source' || name === 'target') ? tag : `\n${'  '.repeat(depth[name])}${tag}`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n${laidOut.replace(/<\/xliff>$/, '\n</xliff>')}\n`
}

/**
 * An article as an XLIFF 2.0 file for one locale: every translatable unit with its source and, where
 * there is one, the current translation. Unit ids are stable (built from row ids), so any tool can
 * translate the file and the import can match every unit back.
 */
export async function exportXliff(payload: Payload, options: XliffExportOptions, req?: Partial<PayloadRequest>): Promise<XliffExport> {
  assertTranslationLocale(options.locale)
  const article = await readArticleInAllLocales(payload, options.articleId, req)
  if (!article) throw new LocalizationError('ARTICLE_NOT_FOUND', 404, `No article has the id ${options.articleId}.`)
  let units = articleUnits(article, options.locale, await readHeroAlt(payload, article, req))
  if (options.outdatedOnly) {
    const status = await translationStatus(payload, options.articleId, options.locale, req)
    const wanted = new Set([...status.outdatedSections, ...status.untranslatedSections, ...status.outdatedFields])
    units = units.filter((unit) => (unit.group !== null && wanted.has(unit.group)) || (unit.group === null && unit.target === null))
  }
  const resources: Record<string, unknown> = {}
  for (const unit of units) resources[unit.id] = xliffUnit(unit)
  const xml = await js2xliff(
    { sourceLanguage: SOURCE_LOCALE, targetLanguage: options.locale, resources: { [`${XLIFF_FILE_PREFIX}${article.id}`]: resources } },
    { indent: '' },
  )
  return { xml: layOut(xml), slug: String(article.slug ?? article.id), units: units.length }
}

function xliffUnit(unit: ArticleUnit): Record<string, unknown> {
  return {
    note: `${unit.label}${unit.rich ? '; keep the inline formatting elements' : ''}`,
    source: toXliffValue(unit.source),
    ...(unit.target ? { target: toXliffValue(unit.target) } : {}),
  }
}
