import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { checkBundles } from '../../src/languages/bundleCheck'
import { loadLanguages } from '../../src/languages/registry'

function languageFolders(files: Record<string, Record<string, unknown>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-bundles-'))
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), JSON.stringify(content))
  }
  return dir
}

describe('translation bundles', () => {
  it('when the shipped languages are checked, then every one has every key of en with the same variables', () => {
    expect(checkBundles()).toEqual([])
  })

  it('when the shipped languages are read, then en, hi and ta are there with en first and hi/ta falling back to en', () => {
    const languages = loadLanguages()
    expect(languages.map((language) => language.code).slice(0, 1)).toEqual(['en'])
    expect(languages.map((language) => language.code)).toEqual(expect.arrayContaining(['en', 'hi', 'ta']))
    expect(languages.find((language) => language.code === 'hi')?.fallback).toBe('en')
  })

  it('when a language lacks a key, has an extra one, or changes a variable, then each is reported', () => {
    const dir = languageFolders({
      'en/meta.json': { name: 'English', dir: 'ltr' },
      'en/site.json': { writtenBy: 'Written by {{name}}', lastUpdated: 'Last updated on {{date}}', years_one: '{{count}} Year', years_other: '{{count}} Years' },
      'xx/meta.json': { name: 'Test', dir: 'rtl', fallback: 'en' },
      'xx/site.json': { writtenBy: 'By {{author}}', extra: 'surplus', years_one: '{{count}}', years_other: '{{count}}' },
    })
    const problems = checkBundles(dir)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ language: 'xx', key: 'lastUpdated', problem: 'missing' }),
        expect.objectContaining({ language: 'xx', key: 'extra', problem: 'unknown' }),
        expect.objectContaining({ language: 'xx', key: 'writtenBy', problem: 'variables' }),
      ]),
    )
    expect(problems).toHaveLength(3)
  })

  it('when a language needs a plural form its bundle lacks, then the missing form is reported', () => {
    const dir = languageFolders({
      'en/meta.json': { name: 'English', dir: 'ltr' },
      'en/site.json': { years_one: '{{count}} Year', years_other: '{{count}} Years' },
      'ru/meta.json': { name: 'Русский', dir: 'ltr' },
      'ru/site.json': { years_one: '{{count}} год', years_other: '{{count}} года' },
    })
    expect(checkBundles(dir)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ language: 'ru', key: 'years_few', problem: 'plural-form-missing' }),
        expect.objectContaining({ language: 'ru', key: 'years_many', problem: 'plural-form-missing' }),
      ]),
    )
  })

  it('when a folder is not a language code or names a missing fallback, then loading says which and how to fix it', () => {
    expect(() => loadLanguages(languageFolders({ 'en/meta.json': { name: 'English', dir: 'ltr' }, 'English/meta.json': { name: 'x', dir: 'ltr' } }))).toThrow(
      /not language codes: English/,
    )
    expect(() =>
      loadLanguages(languageFolders({ 'en/meta.json': { name: 'English', dir: 'ltr' }, 'hi/meta.json': { name: 'हिन्दी', dir: 'ltr', fallback: 'mr' } })),
    ).toThrow(/fallback "mr", which has no folder/)
  })
})
