import fs from 'node:fs'
import path from 'node:path'

import { readEnvironment } from '../environment/readEnvironment'

/** One language of the library, read from its folder in `translations/`. */
export interface Language {
  /** BCP 47 code; the folder's name (`en`, `hi`, `ta`). */
  code: string
  /** The language's name in itself ("हिन्दी"), shown to readers and translators. */
  name: string
  /** The language's name in English, for admins. */
  englishName: string
  dir: 'ltr' | 'rtl'
  /** The language readers get while a translation is missing or withheld; null for the source language. */
  fallback: string | null
}

export const SOURCE_LOCALE = 'en'

const LOCALE_CODE = /^[a-z]{2,3}(?:-[A-Z][a-zA-Z0-9]{1,7})?$/

export class LanguageConfigError extends Error {
  readonly code = 'LANGUAGE_CONFIG_INVALID'
}

/** Where the language folders live: `TRANSLATIONS_DIR`, else `translations/` in the working directory. */
export function translationsDir(): string {
  return readEnvironment().languages.translationsDir
}

function readMeta(dir: string, code: string): Language {
  const file = path.join(dir, code, 'meta.json')
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new LanguageConfigError(
      `translations/${code}/meta.json cannot be read (${(error as Error).message}); every language folder needs a meta.json with "name", "dir" and "fallback".`,
    )
  }
  const meta = raw as Partial<Language>
  if (typeof meta.name !== 'string' || meta.name.trim() === '') {
    throw new LanguageConfigError(`translations/${code}/meta.json has no "name": give the language's name in itself.`)
  }
  if (meta.dir !== 'ltr' && meta.dir !== 'rtl') {
    throw new LanguageConfigError(`translations/${code}/meta.json: "dir" must be "ltr" or "rtl".`)
  }
  return {
    code,
    name: meta.name,
    englishName: typeof meta.englishName === 'string' ? meta.englishName : meta.name,
    dir: meta.dir,
    fallback: typeof meta.fallback === 'string' ? meta.fallback : null,
  }
}

/**
 * The languages of the library: one per folder of `translations/`, the source language first.
 * Adding a folder and restarting adds a language everywhere that reads this list.
 */
export function loadLanguages(dir: string = translationsDir()): Language[] {
  if (!fs.existsSync(dir)) {
    throw new LanguageConfigError(`No translations folder at ${dir}: it must hold one folder per language (en, hi, …).`)
  }
  const codes = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
  const invalid = codes.filter((code) => !LOCALE_CODE.test(code))
  if (invalid.length > 0) {
    throw new LanguageConfigError(
      `translations/ holds folders that are not language codes: ${invalid.join(', ')}. Name each folder by its BCP 47 code, such as "hi" or "pt-BR".`,
    )
  }
  if (!codes.includes(SOURCE_LOCALE)) {
    throw new LanguageConfigError(`translations/${SOURCE_LOCALE} is missing: the source language's labels are required.`)
  }
  const languages = codes.map((code) => readMeta(dir, code))
  for (const language of languages) {
    if (language.code === SOURCE_LOCALE) {
      language.fallback = null
    } else if (language.fallback === null) {
      language.fallback = SOURCE_LOCALE
    } else if (!codes.includes(language.fallback)) {
      throw new LanguageConfigError(
        `translations/${language.code}/meta.json names the fallback "${language.fallback}", which has no folder in translations/.`,
      )
    }
  }
  return [...languages.filter((l) => l.code === SOURCE_LOCALE), ...languages.filter((l) => l.code !== SOURCE_LOCALE)]
}

/** Reads the i18next bundles (namespaces) of one language: each `*.json` but meta.json. */
export function loadBundles(code: string, dir: string = translationsDir()): Record<string, Record<string, string>> {
  const folder = path.join(dir, code)
  const bundles: Record<string, Record<string, string>> = {}
  for (const file of fs.readdirSync(folder).sort()) {
    if (!file.endsWith('.json') || file === 'meta.json') continue
    const namespace = file.slice(0, -'.json'.length)
    try {
      bundles[namespace] = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, string>
    } catch (error) {
      throw new LanguageConfigError(`translations/${code}/${file} is not valid JSON: ${(error as Error).message}`)
    }
  }
  return bundles
}
