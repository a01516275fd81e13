import type { Language } from '../../src/languages/registry'
import { chooseServedContent } from '../../src/publishing/servedContent'

const language = (code: string, fallback: string | null): Language => ({ code, name: code, englishName: code, dir: 'ltr', fallback })
const en = language('en', null)
const hi = language('hi', 'en')
const ta = language('ta', 'en')
const mr = language('mr', 'hi')
const LANGUAGES = [en, hi, ta, mr]

const texts = (title: string) => ({ title, summary: `${title} summary`, sections: [{ heading: `${title} heading` }] })

describe('which texts a reader is served', () => {
  it('when the reader reads the source language, then the published source is served whatever the approvals', () => {
    const chosen = chooseServedContent(en, LANGUAGES, en, () => texts('anything'))

    expect(chosen).toEqual({ language: en, content: null })
  })

  it('when the language has complete approved texts, then they are served', () => {
    const chosen = chooseServedContent(hi, LANGUAGES, en, (code) => (code === 'hi' ? texts('हिन्दी') : null))

    expect(chosen).toEqual({ language: hi, content: texts('हिन्दी') })
  })

  it('when the language has no approved texts (missing, in progress, in review or outdated), then the source is served', () => {
    const chosen = chooseServedContent(ta, LANGUAGES, en, () => null)

    expect(chosen).toEqual({ language: en, content: null })
  })

  it('when the approved texts lack a section heading, then the language falls back', () => {
    const incomplete = { ...texts('हिन्दी'), sections: [{ heading: 'ok' }, { heading: ' ' }] }

    const chosen = chooseServedContent(hi, LANGUAGES, en, (code) => (code === 'hi' ? incomplete : null))

    expect(chosen.language).toBe(en)
  })

  it("when a language without approved texts falls back to another translation, then that language's approved texts are served", () => {
    const chosen = chooseServedContent(mr, LANGUAGES, en, (code) => (code === 'hi' ? texts('हिन्दी') : null))

    expect(chosen).toEqual({ language: hi, content: texts('हिन्दी') })
  })

  it('when fallbacks form a loop, then the source is served', () => {
    const loop = [en, language('aa', 'bb'), language('bb', 'aa')]

    const chosen = chooseServedContent(loop[1], loop, en, () => null)

    expect(chosen).toEqual({ language: en, content: null })
  })
})
