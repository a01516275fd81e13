import type { Payload, PayloadRequest } from 'payload'

import { hasRole, localesOf } from '../../access/roles'
import type { User } from '../../payload-types'
import { articleUnits, HERO_ALT_UNIT, sourceFingerprints, translationUpdate, type ArticleInAllLocales, type ArticleUnit } from '../articleUnits'
import { LocalizationError } from '../errors'
import { factsFromRecord, findFacts, readArticleInAllLocales, readHeroAlt, relationId, sourceSnapshot } from '../translationRecords'
import { canonicalInline, isBlank, type Inline } from '../inlineContent'
import { loadLanguages, SOURCE_LOCALE, type Language } from '../../languages/registry'
import { deriveLocaleState, type TranslationFacts } from '../localeState'
import { recordTranslationWrite } from '../recordTranslation'
import { transitionLocale, type LocaleTransitionResult } from '../transitionLocale'
import { inlineFromFile } from './convert'
import { XLIFF_FILE_PREFIX } from './export'
import { XliffImportError, type XliffProblem } from './problems'
import { readXliff, type XliffFile } from './read'

/** The largest file an import reads; a real article's file is a few hundred kilobytes. */
export const DEFAULT_XLIFF_MAX_BYTES = 5 * 1024 * 1024

export interface XliffImportOptions {
  xml: string
  /** The person importing: a translator of the file's language, an editor or an admin. */
  user: User
  /** The article the import is for (the endpoint's :id); without it, the file's `<file id>` names it. */
  articleId?: string
  /** The locale the caller expects; the file's trgLang must match it. */
  locale?: string
  /** Files larger than this are refused unread. */
  maxBytes?: number
}

export interface XliffImportResult {
  articleId: string
  locale: string
  /** How many units carried a translation and were written. */
  units: number
  transition: LocaleTransitionResult
}

/** The translations a valid file carries, ready to write. */
export interface ValidatedImport {
  targets: Map<string, Inline[]>
  /** The groups (title, summary, section ids) the file translates. */
  groups: string[]
}

export function articleIdOfFile(file: XliffFile): string | null {
  const id = file.fileIds[0] ?? ''
  return id.startsWith(XLIFF_FILE_PREFIX) ? id.slice(XLIFF_FILE_PREFIX.length) : null
}

/** Reads the file and checks what does not depend on the article: size, XML, version, languages. */
export function readImportFile(xml: string, options: { maxBytes?: number; locale?: string; languages?: Language[] } = {}): { file: XliffFile; locale: string } {
  const maxBytes = options.maxBytes ?? DEFAULT_XLIFF_MAX_BYTES
  const bytes = Buffer.byteLength(xml)
  if (bytes > maxBytes) {
    throw new XliffImportError(
      [{ code: 'XLIFF_TOO_LARGE', message: `The file is ${(bytes / 1048576).toFixed(1)} MB; an article's XLIFF file may be at most ${(maxBytes / 1048576).toFixed(1)} MB. Export one article per file.` }],
      413,
    )
  }
  const { file, problems } = readXliff(xml)
  if (!file) throw new XliffImportError(problems)
  const languages = (options.languages ?? loadLanguages()).filter((language) => language.code !== SOURCE_LOCALE)
  if (file.srcLang !== SOURCE_LOCALE) {
    problems.push({
      code: 'XLIFF_WRONG_SOURCE_LANGUAGE',
      message: `The file's source language is "${file.srcLang ?? ''}"; articles are translated from "${SOURCE_LOCALE}". Export the file from the library again.`,
    })
  }
  const locale = file.trgLang ?? ''
  if (!languages.some((language) => language.code === locale)) {
    problems.push({
      code: 'XLIFF_WRONG_TARGET_LANGUAGE',
      message: `The file's target language is "${locale}", which is not a language of the library (${languages.map((language) => language.code).join(', ')}).`,
    })
  } else if (options.locale && options.locale !== locale) {
    problems.push({
      code: 'XLIFF_WRONG_TARGET_LANGUAGE',
      message: `The file translates into "${locale}", but it is being imported as "${options.locale}". Import it as ${locale}, or export the ${options.locale} file.`,
    })
  }
  if (file.fileIds.length !== 1 || !articleIdOfFile(file)) {
    problems.push({
      code: 'XLIFF_WRONG_ARTICLE',
      message: `The file must hold exactly one <file id="${XLIFF_FILE_PREFIX}…"> naming the article; it holds ${file.fileIds.map((id) => `"${id}"`).join(', ') || 'none'}.`,
    })
  }
  if (problems.length > 0) throw new XliffImportError(problems)
  return { file, locale }
}

/**
 * Checks every unit of a file against the article as it is now, collecting every problem: unknown
 * and repeated unit ids, sources that no longer match (a stale file), empty or malformed targets,
 * and translations the import would still leave missing or clinically out of date.
 */
export function validateUnits(file: XliffFile, units: ArticleUnit[], facts: TranslationFacts | null, article: ArticleInAllLocales): ValidatedImport {
  const problems: XliffProblem[] = []
  const byId = new Map(units.map((unit) => [unit.id, unit]))
  const seen = new Set<string>()
  const targets = new Map<string, Inline[]>()
  for (const fileUnit of file.units) {
    const unit = byId.get(fileUnit.id)
    const where = `Unit ${fileUnit.id} (line ${fileUnit.line})`
    if (!unit) {
      problems.push({ code: 'XLIFF_UNKNOWN_UNIT', unit: fileUnit.id, line: fileUnit.line, message: `${where}: the article has no such unit. The file may belong to another version of the article; export it again.` })
      continue
    }
    if (seen.has(unit.id)) {
      problems.push({ code: 'XLIFF_DUPLICATE_UNIT', unit: unit.id, line: fileUnit.line, message: `${where}: the unit appears more than once; keep one.` })
      continue
    }
    seen.add(unit.id)
    const sourceProblems: XliffProblem[] = []
    const source = inlineFromFile(fileUnit.source, unit, 'source', sourceProblems)
    if (sourceProblems.length > 0 || canonicalInline(source) !== canonicalInline(unit.source)) {
      problems.push({
        code: 'XLIFF_STALE_SOURCE',
        unit: unit.id,
        line: fileUnit.line,
        message: `${where}, ${unit.label}: the source text in the file no longer matches the article (it changed since the export). Export the article again and carry your translation over.`,
      })
      continue
    }
    if (fileUnit.target === null) continue
    const target = inlineFromFile(fileUnit.target, unit, 'target', problems)
    if (isBlank(target)) {
      if (unit.required) problems.push({ code: 'XLIFF_EMPTY_TARGET', unit: unit.id, line: fileUnit.line, message: `${where}, ${unit.label}: the translation is empty, and this field is required. Translate it or leave the unit out of the file.` })
      continue
    }
    targets.set(unit.id, target)
  }
  if (problems.length === 0 && targets.size === 0) {
    problems.push({ code: 'XLIFF_NOTHING_TO_IMPORT', message: 'The file holds no translations (no unit has a <target>). Translate it first.' })
  }
  if (problems.length === 0) {
    const missing = units.filter((unit) => unit.required && !targets.has(unit.id) && !unit.target)
    if (missing.length > 0) {
      problems.push({
        code: 'XLIFF_INCOMPLETE',
        message: `The translation would still lack ${missing.length} required unit${missing.length === 1 ? '' : 's'}, so it cannot go to review: ${missing.map((unit) => `${unit.id} (${unit.label})`).join(', ')}.`,
      })
    }
  }
  const groups = [...new Set([...targets.keys()].map((id) => byId.get(id)?.group).filter((group): group is string => Boolean(group)))]
  if (problems.length === 0 && facts) {
    const source = sourceSnapshot(article, units)
    const fingerprints = { ...facts.sourceFingerprints }
    for (const group of groups) fingerprints[group] = sourceFingerprints(units)[group]
    const after = deriveLocaleState({ ...facts, stage: 'in_progress', sourceFingerprints: fingerprints }, source)
    const pending = [...after.outdatedFields, ...after.outdatedSections]
    if (after.state === 'outdated' && pending.length > 0) {
      problems.push({
        code: 'XLIFF_INCOMPLETE',
        message: `The source changed clinically in ${pending.join(', ')}, which this file does not translate. Export with --outdated-only (or the whole article) and translate those parts too.`,
      })
    }
  }
  if (problems.length > 0) throw new XliffImportError(problems)
  return { targets, groups }
}

function assertMayTranslate(user: User, locale: string): void {
  if (hasRole(user, 'admin', 'editor')) return
  if (hasRole(user, 'translator') && localesOf(user).includes(locale)) return
  throw new LocalizationError(
    'TRANSLATION_NOT_PERMITTED',
    403,
    `You cannot import a ${locale} translation: only translators of ${locale} (and editors) can. Ask an admin to add ${locale} to your languages.`,
  )
}

/**
 * Imports a translated XLIFF file: the whole file is checked first and refused with every problem
 * listed, writing nothing; a valid file's translations are saved as a draft of the article (as
 * the importing person, with their access rules), and the translation goes to review.
 */
export async function importXliff(payload: Payload, options: XliffImportOptions, req?: Partial<PayloadRequest>): Promise<XliffImportResult> {
  const languages = loadLanguages()
  const { file, locale } = readImportFile(options.xml, { maxBytes: options.maxBytes, locale: options.locale, languages })
  const fileArticleId = articleIdOfFile(file) as string
  if (options.articleId && options.articleId !== fileArticleId) {
    throw new XliffImportError([
      { code: 'XLIFF_WRONG_ARTICLE', message: `The file is for article ${fileArticleId}, not ${options.articleId}. Import it on its own article.` },
    ])
  }
  assertMayTranslate(options.user, locale)
  const article = await readArticleInAllLocales(payload, fileArticleId, req)
  if (!article) {
    throw new XliffImportError([{ code: 'XLIFF_WRONG_ARTICLE', message: `The file is for article ${fileArticleId}, which does not exist here.` }])
  }
  const heroAlt = await readHeroAlt(payload, article, req)
  const units = articleUnits(article, locale, heroAlt)
  const record = await findFacts(payload, fileArticleId, locale, req)
  const { targets, groups } = validateUnits(file, units, factsFromRecord(record), article)

  const dir = languages.find((language) => language.code === locale)?.dir ?? 'ltr'
  await payload.update({
    collection: 'articles',
    id: fileArticleId,
    locale: locale as never,
    draft: true,
    data: translationUpdate(article, locale, targets, dir) as never,
    user: options.user,
    overrideAccess: false,
    depth: 0,
    req,
  })
  const alt = targets.get(HERO_ALT_UNIT)
  const heroId = relationId(article.heroImage)
  if (alt && heroId) {
    await payload.update({
      collection: 'media',
      id: heroId,
      locale: locale as never,
      data: { alt: alt.map((part) => (part.kind === 'text' ? part.text : '')).join('') },
      user: options.user,
      overrideAccess: false,
      depth: 0,
      req,
    })
  }
  // Units whose translation the file repeats unchanged are confirmed as following the current source too.
  await recordTranslationWrite(payload, { articleId: fileArticleId, locale, touchedGroups: groups, actorId: String(options.user.id) }, req)
  const transition = await transitionLocale(payload, { articleId: fileArticleId, locale, to: 'in_review', user: options.user }, req)
  payload.logger.info({ event: 'translation.imported', articleId: fileArticleId, locale, units: targets.size, actor: options.user.id, msg: `XLIFF import: ${targets.size} units into ${locale}` })
  return { articleId: fileArticleId, locale, units: targets.size, transition }
}
