import { mayWriteTranslation, writesTextsOnly, type TranslationWriter } from '../../src/localization/translationWriters'

const PEOPLE: Record<string, TranslationWriter> = {
  admin: { roles: ['admin'], languages: [] },
  editor: { roles: ['editor'], languages: [] },
  'reviewer of en and hi': { roles: ['reviewer'], languages: ['en', 'hi'] },
  'translator of hi': { roles: ['translator'], languages: ['hi'] },
  'translator of ta': { roles: ['translator'], languages: ['ta'] },
  'reviewer who also translates hi': { roles: ['reviewer', 'translator'], languages: ['hi'] },
  'translator with en on their record': { roles: ['translator'], languages: ['en', 'hi'] },
}

/** Every person × the source language and a translation language: who may write it, and what. */
const EXPECTED: Array<[string, string, 'article' | 'texts' | 'TRANSLATION_NOT_PERMITTED' | 'LOCALE_UNKNOWN']> = [
  ['admin', 'hi', 'article'],
  ['admin', 'en', 'LOCALE_UNKNOWN'],
  ['editor', 'hi', 'article'],
  ['editor', 'en', 'LOCALE_UNKNOWN'],
  ['reviewer of en and hi', 'hi', 'TRANSLATION_NOT_PERMITTED'],
  ['reviewer of en and hi', 'ta', 'TRANSLATION_NOT_PERMITTED'],
  ['reviewer of en and hi', 'en', 'LOCALE_UNKNOWN'],
  ['translator of hi', 'hi', 'texts'],
  ['translator of hi', 'ta', 'TRANSLATION_NOT_PERMITTED'],
  ['translator of hi', 'en', 'LOCALE_UNKNOWN'],
  ['translator of ta', 'hi', 'TRANSLATION_NOT_PERMITTED'],
  ['translator of ta', 'en', 'LOCALE_UNKNOWN'],
  ['reviewer who also translates hi', 'hi', 'texts'],
  ['reviewer who also translates hi', 'ta', 'TRANSLATION_NOT_PERMITTED'],
  ['translator with en on their record', 'en', 'LOCALE_UNKNOWN'],
]

describe('who may write a translation', () => {
  it.each(EXPECTED)('when the %s writes %s, then the answer is %s', (person, locale, expected) => {
    const answer = mayWriteTranslation(PEOPLE[person], locale, 'en')

    if (expected === 'article' || expected === 'texts') expect(answer).toEqual({ allowed: true, scope: expected })
    else expect(answer).toMatchObject({ allowed: false, code: expected, status: expected === 'LOCALE_UNKNOWN' ? 400 : 403 })
  })

  it('when nobody is signed in, then the answer is 401 UNAUTHENTICATED', () => {
    expect(mayWriteTranslation(null, 'hi', 'en')).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED', status: 401 })
  })

  it('when a reviewer is refused, then the message points them to sending the translation back', () => {
    const answer = mayWriteTranslation(PEOPLE['reviewer of en and hi'], 'hi', 'en')

    expect(answer.allowed).toBe(false)
    expect(!answer.allowed && answer.message).toMatch(/sends it back to its translator with a note/)
  })

  it('when a translator of another language is refused, then the message says to ask an admin for the language', () => {
    const answer = mayWriteTranslation(PEOPLE['translator of ta'], 'hi', 'en')

    expect(!answer.allowed && answer.message).toMatch(/Ask an admin to add hi to your languages/)
  })
})

describe('what a save may touch', () => {
  it('when a translator saves in their language, then only the texts may change', () => {
    expect(writesTextsOnly(PEOPLE['translator of hi'], 'hi')).toBe(true)
  })

  it('when an editor or admin saves in a translation language, then the whole article may change', () => {
    expect([writesTextsOnly(PEOPLE.editor, 'hi'), writesTextsOnly(PEOPLE.admin, 'ta')]).toEqual([false, false])
  })

  it('when a reviewer who also translates saves the source language, then the article workflow decides, not the translation rule', () => {
    expect([writesTextsOnly(PEOPLE['reviewer who also translates hi'], 'en'), writesTextsOnly(PEOPLE['reviewer who also translates hi'], 'all')]).toEqual([false, false])
  })
})
