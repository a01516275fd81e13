import type { Payload } from 'payload'

import { articleUnits } from '../../src/localization/articleUnits'
import { readArticleInAllLocales } from '../../src/localization/translationRecords'
import { translationStatus } from '../../src/localization/localeTranslationStatus'
import { saveTranslationDraft } from '../../src/localization/translationDraft'
import type { User } from '../../src/payload-types'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { formattedParagraph } from './support/builders'
import { richText } from '../support/richText'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { articleData } from '../workflow/builders'

let library: TestLibrary
let payload: Payload
let editor: User
let translatorHi: User
let articleId: string

const person = async (email: string) => (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1 })).docs[0]

/** The article's units in a locale, by what they are: `title`, `s1.p1` (section 1, paragraph 1), `s2.explanation`. */
async function unitIds(locale: string): Promise<Record<string, string>> {
  const article = await readArticleInAllLocales(payload, articleId)
  const units = articleUnits(article!, locale)
  const [s1, s2] = (article!.sections ?? []).map((section) => String(section.id))
  const find = (predicate: (id: string) => boolean) => units.find((unit) => predicate(unit.id))?.id as string
  return {
    title: 'title',
    s1: s1,
    s2: s2,
    's1.heading': find((id) => id === `s.${s1}.heading`),
    's1.p1': find((id) => id.startsWith(`s.${s1}.`) && id.endsWith('.p1')),
    's2.heading': find((id) => id === `s.${s2}.heading`),
    's2.term': find((id) => id.startsWith(`s.${s2}.`) && id.endsWith('.term')),
    's2.explanation': find((id) => id.startsWith(`s.${s2}.`) && id.endsWith('.explanation')),
  }
}

const hindiDraft = () => payload.findByID({ collection: 'articles', id: articleId, draft: true, locale: 'hi', fallbackLocale: false, depth: 0, overrideAccess: true })

beforeAll(async () => {
  library = await startPayload('admin-translation-draft')
  payload = library.payload
  await seedLibrary(payload)
  editor = await person('editor@vitalpress.example')
  translatorHi = await person('translator.hi@vitalpress.example')
  const specialty = (await payload.find({ collection: 'specialties', limit: 1 })).docs[0]
  const created = await payload.create({
    collection: 'articles',
    draft: true,
    data: articleData(String(specialty.id), {
      sections: [
        { heading: 'Symptoms', content: [{ blockType: 'prose', body: richText(formattedParagraph()) }] },
        { heading: 'Causes', content: [{ blockType: 'termList', items: [{ term: 'Primary cancer', explanation: 'Where it started.' }] }] },
      ],
    }) as never,
    user: editor,
    overrideAccess: false,
  })
  articleId = String(created.id)
})

afterAll(async () => stopPayload(library))

describe('saving a translation from the side-by-side editor', () => {
  it('when the hi translator saves a paragraph with its tags, then hi holds the text with the bold and the source link, and the section counts as translated', async () => {
    const ids = await unitIds('hi')

    const result = await saveTranslationDraft(payload, {
      articleId,
      locale: 'hi',
      user: translatorHi,
      confirmed: [],
      units: {
        [ids.title]: 'ऑस्टियोपोरोसिस को समझना',
        [ids['s1.heading']]: 'लक्षण',
        [ids['s1.p1']]: 'हड्डी का दर्द <b>सबसे आम</b> लक्षण है; देखें <l1><i>दर्द से राहत</i></l1><br/>अपने डॉक्टर से पूछें।',
      },
    })

    const body = (await hindiDraft()).sections[0].content[0] as unknown as { body: { root: { children: Array<{ children: Array<Record<string, unknown>> }> } } }
    const inline = body.body.root.children[0].children
    expect(result.written).toBe(3)
    expect(inline.find((node) => node.text === 'सबसे आम')).toMatchObject({ format: 1 })
    expect(inline.find((node) => node.type === 'link')).toMatchObject({ fields: { url: 'https://example.org/pain' } })
    expect(result.status.state).toBe('in_progress')
    expect(result.status.untranslatedSections).toEqual([ids.s2])
  })

  it('when a text has an unclosed tag or typed HTML, then every problem is listed and nothing is saved', async () => {
    const ids = await unitIds('hi')

    const saving = saveTranslationDraft(payload, {
      articleId,
      locale: 'hi',
      user: translatorHi,
      confirmed: [],
      units: { [ids.title]: 'नया <script>alert(1)</script>', [ids['s1.p1']]: '<b>अधूरा टैग' },
    })

    await expect(saving).rejects.toMatchObject({ status: 422, details: { problems: [{ code: 'UNIT_RAW_HTML' }, { code: 'MARKUP_UNBALANCED' }] } })
    expect((await hindiDraft()).title).toBe('ऑस्टियोपोरोसिस को समझना')
  })

  it('when the hi translator saves Tamil texts, then the access rules refuse it and Tamil stays empty', async () => {
    const ids = await unitIds('ta')

    const saving = saveTranslationDraft(payload, { articleId, locale: 'ta', user: translatorHi, confirmed: [], units: { [ids.title]: 'ஆஸ்டியோபோரோசிஸ்' } })

    await expect(saving).rejects.toMatchObject({ status: 403 })
    const tamil = await payload.findByID({ collection: 'articles', id: articleId, draft: true, locale: 'ta', fallbackLocale: false, depth: 0, overrideAccess: true })
    expect(tamil.title ?? null).toBeNull()
  })

  it('when the English of a translated section changes and the translator ticks it as still correct, then it is no longer outdated', async () => {
    const ids = await unitIds('hi')
    await saveTranslationDraft(payload, {
      articleId,
      locale: 'hi',
      user: translatorHi,
      confirmed: [],
      units: { [ids['s2.heading']]: 'कारण', [ids['s2.term']]: 'प्राथमिक कैंसर', [ids['s2.explanation']]: 'जहाँ यह शुरू हुआ।' },
    })
    const english = await payload.findByID({ collection: 'articles', id: articleId, draft: true, locale: 'en', depth: 0, overrideAccess: true })
    english.sections[1].heading = 'Causes and risks'
    await payload.update({ collection: 'articles', id: articleId, draft: true, locale: 'en', data: { sections: english.sections }, user: editor, overrideAccess: false })

    const before = await translationStatus(payload, articleId, 'hi')

    const confirmed = await saveTranslationDraft(payload, { articleId, locale: 'hi', user: translatorHi, confirmed: [ids.s2], units: {} })

    expect(before.outdatedSections).toEqual([ids.s2])
    expect(confirmed.written).toBe(0)
    expect(confirmed.status.outdatedSections).toEqual([])
  })
})
