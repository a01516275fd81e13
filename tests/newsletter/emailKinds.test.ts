import { loadLanguages } from '../../src/languages/registry'
import { personalize, renderConfirmationEmail, renderDigestEmail, renderUpdateEmail, type RenderedEmail } from '../../src/newsletter/email/templates'
import { EmailTextCatalog } from '../../src/newsletter/email/texts'
import { accessibilityProblems, privacyProblems } from './emailChecks'

const CONFIRM_URL = 'https://cms.example/api/newsletter/confirm?token=a.b&c'
const UNSUBSCRIBE_URL = 'https://cms.example/api/newsletter/unsubscribe?token=x.y'
const PREFERENCES_URL = 'https://cms.example/api/newsletter/preferences?token=x.y'
const articleUrlIn = (code: string) => `https://health.example/${code}/articles/bone-metastases`
const secondArticleUrlIn = (code: string) => `https://health.example/${code}/articles/knee-replacement`

interface EmailKind {
  kind: string
  render(catalog: EmailTextCatalog, code: string): Promise<RenderedEmail>
  destinations(code: string): string[]
}

const update = (changeKind: 'clinical' | 'editorial', lateLanguage?: (code: string) => string) => (catalog: EmailTextCatalog, code: string) =>
  renderUpdateEmail(catalog.for(code), {
    changeKind,
    title: 'Understanding <b>Bone</b> Metastases',
    changelogNote: 'New advice on pain relief.',
    lastUpdated: '2025-07-03T00:00:00.000Z',
    articleUrl: articleUrlIn(code),
    lateLanguage: lateLanguage?.(code),
  }).then((template) => personalize(template, UNSUBSCRIBE_URL))

/** A week's digest: a clinical update in the reader's language and an editorial one in the fallback, with its notice. */
const digest = (catalog: EmailTextCatalog, code: string) =>
  renderDigestEmail(catalog.for(code), {
    window: 'weekly',
    start: '2026-11-30T00:00:00.000Z',
    end: '2026-12-07T00:00:00.000Z',
    entries: [
      { changeKind: 'clinical', title: 'Understanding <b>Bone</b> Metastases', changelogNote: 'New advice on pain relief.', publishedAt: '2026-12-01T09:00:00.000Z', articleUrl: articleUrlIn(code), contentLanguage: code, late: false },
      { changeKind: 'editorial', title: 'Knee replacement', publishedAt: '2026-12-03T09:00:00.000Z', articleUrl: secondArticleUrlIn('en'), contentLanguage: 'en', late: code !== 'en' },
    ],
  }).then((template) => personalize(template, UNSUBSCRIBE_URL, PREFERENCES_URL))

/** Every kind of email the newsletter sends; the staff's test copy is an update email as well. */
const KINDS: EmailKind[] = [
  { kind: 'confirmation', render: (catalog, code) => renderConfirmationEmail(catalog.for(code), CONFIRM_URL, 48), destinations: () => [CONFIRM_URL] },
  { kind: 'clinical update', render: update('clinical'), destinations: (code) => [articleUrlIn(code), UNSUBSCRIBE_URL] },
  { kind: 'editorial update', render: update('editorial'), destinations: (code) => [articleUrlIn(code), UNSUBSCRIBE_URL] },
  {
    kind: 'update in the fallback language',
    render: update('clinical', (code) => (code === 'en' ? 'hi' : 'ta')),
    destinations: (code) => [articleUrlIn(code), UNSUBSCRIBE_URL],
  },
  { kind: 'weekly digest', render: digest, destinations: (code) => [articleUrlIn(code), secondArticleUrlIn('en'), PREFERENCES_URL, UNSUBSCRIBE_URL] },
]

const catalog = new EmailTextCatalog()
const CASES = KINDS.flatMap((kind) => loadLanguages().map((language) => [kind.kind, language.code, kind, language] as const))

describe('every email kind in every language', () => {
  it('when the languages are listed, then there are cases for each of them and each kind', () => {
    expect(CASES).toHaveLength(KINDS.length * loadLanguages().length)
    expect(new Set(CASES.map(([, code]) => code))).toEqual(new Set(['en', 'hi', 'ta']))
  })

  it.each(CASES)('when the %s email is written in %s, then it declares its language and direction, uses presentation tables, one h1 and a plain-text part', async (_kind, code, kind, language) => {
    const mail = await kind.render(catalog, code)

    expect(accessibilityProblems(mail, language)).toEqual([])
    expect(mail.text).toContain(mail.html.match(/<h1\b[^>]*>([^<]*)<\/h1>/)?.[1]?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') ?? 'no heading')
  })

  it.each(CASES)('when the %s email is written in %s, then it loads nothing remote and links only straight to its own destinations', async (_kind, code, kind) => {
    const mail = await kind.render(catalog, code)

    expect(privacyProblems(mail, kind.destinations(code))).toEqual([])
  })
})

describe('the email checks themselves', () => {
  const good = { html: '<html lang="hi" dir="ltr"><table role="presentation"></table><h1>T</h1><h2>S</h2><a href="https://a.example/x">x</a></html>', text: 'T' }

  it('when an email has a wrong language, a bare layout table, an image without alt, skipped headings and no text, then each is a problem', () => {
    const bad = { html: '<html lang="en"><table></table><img src="https://t.example/p.gif"><h1>T</h1><h3>S</h3></html>', text: ' ' }

    expect(accessibilityProblems(good, { code: 'hi', dir: 'ltr' })).toEqual([])
    expect(accessibilityProblems(bad, { code: 'hi', dir: 'rtl' })).toHaveLength(6)
  })

  it('when an email carries a pixel or a link through a redirector, then both are problems', () => {
    const tracked = { html: '<html><img src="https://t.example/open.gif" alt=""><a href="https://t.example/click?u=https%3A%2F%2Fa.example%2Fx">x</a></html>', text: 'https://t.example/click?u=1' }

    expect(privacyProblems(good, ['https://a.example/x'])).toEqual([])
    expect(privacyProblems(tracked, ['https://a.example/x'])).toEqual([
      'the email loads something: <img src="https://t.example/open.gif" alt="">',
      'the email loads https://t.example/open.gif',
      'a link to https://t.example/click?u=https%3A%2F%2Fa.example%2Fx, which is none of the email\'s own destinations',
      'a plain-text link to https://t.example/click?u=1, which is none of the email\'s own destinations',
    ])
  })
})
