import fs from 'node:fs'
import path from 'node:path'

import { LanguageConfigError, loadBundles, loadLanguages, SOURCE_LOCALE, translationsDir } from './registry'

/** Right-to-left scripts' languages, for Node versions whose `Intl.Locale` cannot say. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi'])
const PLURAL_SUFFIX = /_(ordinal_)?(zero|one|two|few|many|other)$/
const LOCALE_CODE = /^[a-z]{2,3}(?:-[A-Z][a-zA-Z0-9]{1,7})?$/

export interface LanguageScaffoldOptions {
  /** BCP 47 code, the folder's name: `mr`, `ur`, `pt-BR`. */
  code: string
  /** The language's name in itself ("मराठी"). */
  name: string
  /** The name in English; defaults to what `Intl.DisplayNames` calls it. */
  englishName?: string
  /** Text direction; defaults to the script's direction. */
  dir?: 'ltr' | 'rtl'
  /** The language readers get while a translation is missing; defaults to the source language. */
  fallback?: string
  /** The translations folder; defaults to `translations/` (or TRANSLATIONS_DIR). */
  root?: string
}

export interface LanguageScaffold {
  folder: string
  files: string[]
  /** Per namespace, the keys still holding the source language's text. */
  untranslated: Record<string, string[]>
}

export function textDirection(code: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(code) as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } }
  const direction = locale.getTextInfo?.().direction ?? locale.textInfo?.direction
  if (direction === 'rtl' || direction === 'ltr') return direction
  return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr'
}

/**
 * One namespace for a new language: every key of the source language, with the plural forms the
 * new language's rules need (each holding the source's "other" form), all still in the source's words.
 */
function scaffoldNamespace(source: Record<string, string>, code: string): Record<string, string> {
  const bundle: Record<string, string> = {}
  const done = new Set<string>()
  for (const [key, text] of Object.entries(source)) {
    const match = key.match(PLURAL_SUFFIX)
    if (!match) {
      bundle[key] = text
      continue
    }
    const ordinal = Boolean(match[1])
    const base = key.slice(0, -match[0].length)
    if (done.has(base)) continue
    done.add(base)
    const other = source[`${base}_${ordinal ? 'ordinal_' : ''}other`] ?? text
    const categories = new Intl.PluralRules(code, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions().pluralCategories
    for (const category of categories) bundle[`${base}_${ordinal ? 'ordinal_' : ''}${category}`] = source[`${base}_${ordinal ? 'ordinal_' : ''}${category}`] ?? other
  }
  return bundle
}

/**
 * Adds a language: a folder in `translations/` with its meta.json and every namespace of the
 * source language, every key marked untranslated in meta.json (`untranslated`). The language is
 * usable at once (readers see the source's labels until they are translated) and appears in the
 * admin, the localization config and the coverage matrix after a restart.
 */
export function scaffoldLanguage(options: LanguageScaffoldOptions): LanguageScaffold {
  const root = options.root ?? translationsDir()
  const { code } = options
  if (!LOCALE_CODE.test(code)) {
    throw new LanguageConfigError({ message: `"${code}" is not a language code: use a BCP 47 code such as "mr", "ur" or "pt-BR".` })
  }
  if (!options.name?.trim()) throw new LanguageConfigError({ message: `Give the language's name in itself: --name "मराठी".` })
  const folder = path.join(root, code)
  if (fs.existsSync(folder)) throw new LanguageConfigError({ message: `translations/${code} exists already; edit its files instead.` })
  const known = loadLanguages(root).map((language) => language.code)
  const fallback = options.fallback ?? SOURCE_LOCALE
  if (!known.includes(fallback)) throw new LanguageConfigError({ message: `The fallback "${fallback}" is not a language of the library (${known.join(', ')}).` })

  const untranslated: Record<string, string[]> = {}
  const bundles = Object.entries(loadBundles(SOURCE_LOCALE, root)).map(([namespace, source]) => {
    const bundle = scaffoldNamespace(source, code)
    untranslated[namespace] = Object.keys(bundle)
    return { namespace, bundle }
  })
  const meta = {
    name: options.name.trim(),
    englishName: options.englishName ?? new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code,
    dir: options.dir ?? textDirection(code),
    fallback,
    untranslated,
  }
  fs.mkdirSync(folder)
  const files = ['meta.json', ...bundles.map(({ namespace }) => `${namespace}.json`)]
  fs.writeFileSync(path.join(folder, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`)
  for (const { namespace, bundle } of bundles) fs.writeFileSync(path.join(folder, `${namespace}.json`), `${JSON.stringify(bundle, null, 2)}\n`)
  return { folder, files, untranslated }
}

/**
 * The keys a language still has in the source's words: listed in its meta.json by the scaffold,
 * less those whose text has since changed from the source's.
 */
export function untranslatedKeys(code: string, root: string = translationsDir()): Record<string, string[]> {
  const meta = JSON.parse(fs.readFileSync(path.join(root, code, 'meta.json'), 'utf8')) as { untranslated?: Record<string, string[]> }
  const bundles = loadBundles(code, root)
  const source = loadBundles(SOURCE_LOCALE, root)
  const result: Record<string, string[]> = {}
  for (const [namespace, keys] of Object.entries(meta.untranslated ?? {})) {
    const still = keys.filter((key) => {
      const text = bundles[namespace]?.[key]
      const base = key.replace(PLURAL_SUFFIX, '')
      const sourceTexts = Object.entries(source[namespace] ?? {})
        .filter(([sourceKey]) => sourceKey === key || sourceKey.replace(PLURAL_SUFFIX, '') === base)
        .map(([, sourceText]) => sourceText)
      return text !== undefined && sourceTexts.includes(text)
    })
    if (still.length > 0) result[namespace] = still
  }
  return result
}
