import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { checkBundles } from '../../src/languages/bundleCheck'
import { loadLanguages } from '../../src/languages/registry'
import { scaffoldLanguage, untranslatedKeys } from '../../src/languages/scaffold'
import { api } from '../support/http'
import { startServer, type RunningServer } from '../support/server'
import { seedArticle, signInStaff } from './support/library'

/** A copy of the shipped translations folder, so tests can add languages to it. */
function translationsCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-languages-'))
  fs.cpSync(path.resolve('translations'), dir, { recursive: true })
  return dir
}

describe('scaffolding a language', () => {
  it('when mr is added, then its folder has every key of en, passes the bundle check and lists every key as untranslated', () => {
    const root = translationsCopy()

    const scaffold = scaffoldLanguage({ code: 'mr', name: 'मराठी', root })

    const mr = loadLanguages(root).find((language) => language.code === 'mr')
    expect(mr).toEqual({ code: 'mr', name: 'मराठी', englishName: 'Marathi', dir: 'ltr', fallback: 'en' })
    expect(checkBundles(root)).toEqual([])
    expect(untranslatedKeys('mr', root)).toEqual(scaffold.untranslated)
    expect(scaffold.untranslated.site).toEqual(expect.arrayContaining(['writtenBy', 'yearsOfExperience_one', 'yearsOfExperience_other']))
  })

  it('when a scaffolded label is translated, then it is no longer listed as untranslated', () => {
    const root = translationsCopy()
    scaffoldLanguage({ code: 'mr', name: 'मराठी', root })
    const site = JSON.parse(fs.readFileSync(path.join(root, 'mr', 'site.json'), 'utf8'))
    site.writtenBy = 'लेखक: {{name}}'
    fs.writeFileSync(path.join(root, 'mr', 'site.json'), JSON.stringify(site))

    expect(untranslatedKeys('mr', root).site).not.toContain('writtenBy')
    expect(untranslatedKeys('mr', root).site).toContain('lastUpdated')
  })

  it('when ur is added, then it is right-to-left without being told', () => {
    const root = translationsCopy()

    scaffoldLanguage({ code: 'ur', name: 'اردو', root })

    expect(loadLanguages(root).find((language) => language.code === 'ur')?.dir).toBe('rtl')
  })

  it('when the language exists already or the code is not a language code, then scaffolding refuses and says why', () => {
    const root = translationsCopy()

    expect(() => scaffoldLanguage({ code: 'hi', name: 'हिन्दी', root })).toThrow(/translations\/hi exists already/)
    expect(() => scaffoldLanguage({ code: 'Marathi', name: 'मराठी', root })).toThrow(/not a language code/)
    expect(fs.existsSync(path.join(root, 'Marathi'))).toBe(false)
  })
})

describe('a new language after a restart', () => {
  let server: RunningServer
  let root: string

  beforeAll(async () => {
    root = translationsCopy()
    scaffoldLanguage({ code: 'mr', name: 'मराठी', root })
    scaffoldLanguage({ code: 'ur', name: 'اردو', root })
    server = await startServer('l10n-languages', { TRANSLATIONS_DIR: root })
  }, 900_000)

  afterAll(async () => server?.stop())

  it('when the server starts with mr and ur folders, then the coverage matrix has both, ur right-to-left, and the article missing in each', async () => {
    const { editor } = await signInStaff(server.baseURL)

    const coverage = await api(server.baseURL, '/api/translations/coverage', { token: editor })

    expect(coverage.status).toBe(200)
    expect(coverage.body.locales).toEqual(
      expect.arrayContaining([
        { code: 'mr', name: 'मराठी', englishName: 'Marathi', dir: 'ltr' },
        { code: 'ur', name: 'اردو', englishName: 'Urdu', dir: 'rtl' },
      ]),
    )
    expect(coverage.body.articles[0].locales).toMatchObject({ mr: { state: 'missing' }, ur: { state: 'missing' } })
  })

  it('when a ur translator is added, then they can write ur texts, and the status publishing reads says rtl', async () => {
    const { admin, editor } = await signInStaff(server.baseURL)
    const article = await seedArticle(server.baseURL, editor)
    const created = await api(server.baseURL, '/api/users', {
      token: admin,
      body: { email: 'translator.ur@vitalpress.example', name: 'Urdu translator', roles: ['translator'], languages: ['ur'], password: 'vitalpress-staff' },
    })
    expect(created.status).toBe(201)
    const { login } = await import('../support/http')
    const translatorUr = await login(server.baseURL, 'translator.ur@vitalpress.example', 'vitalpress-staff')

    const saved = await api(server.baseURL, `/api/articles/${article.id}?locale=ur&draft=true`, { method: 'PATCH', token: translatorUr, body: { title: 'ہڈیوں میں کینسر کا پھیلاؤ' } })
    const translations = await api(server.baseURL, `/api/articles/${article.id}/translations`, { token: translatorUr })

    expect(saved.status).toBe(200)
    expect(translations.body.locales.find((status: { locale: string }) => status.locale === 'ur')).toMatchObject({ dir: 'rtl', state: 'in_progress' })
  })
})

describe('the admin of a library with ur', () => {
  it('when the Payload config is built with a ur folder, then ur is a locale marked right-to-left', async () => {
    const root = translationsCopy()
    scaffoldLanguage({ code: 'ur', name: 'اردو', root })
    process.env.TRANSLATIONS_DIR = root
    const { startPayload, stopPayload } = await import('../support/payload')
    const library = await startPayload('l10n-rtl')
    try {
      const locales = (library.payload.config.localization as { locales: Array<{ code: string; rtl?: boolean; fallbackLocale?: string }> }).locales

      expect(locales.find((locale) => locale.code === 'ur')).toMatchObject({ rtl: true, fallbackLocale: 'en' })
      expect(locales.find((locale) => locale.code === 'hi')?.rtl).toBe(false)
    } finally {
      await stopPayload(library)
      delete process.env.TRANSLATIONS_DIR
    }
  })
})
