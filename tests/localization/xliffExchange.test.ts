import { api } from '../support/http'
import { link, paragraph, text } from '../support/richText'
import { startServer, type RunningServer } from '../support/server'
import { prefixText, readDraft, seedArticle, signInStaff, translationsOf, withTargets, type SeedArticle, type Staff } from './support/library'

let server: RunningServer
let staff: Staff
let article: SeedArticle
/** The file as exported before any translation, and after the round trip. */
let exported: string
let roundTripped: string

/** Bold, italic and a link in one paragraph: the formatting an exchange with a translator must keep. */
const FORMATTED = paragraph(text('Bone pain is '), text('the most common', 1), text(' symptom; see '), link('https://example.org/pain', text('pain relief', 2)), text('.'))

const exportHi = async () => (await api<string>(server.baseURL, `/api/articles/${article.id}/xliff?locale=hi`, { token: staff.translatorHi })).body
const importFile = (xml: string, query = '') =>
  api(server.baseURL, `/api/articles/${article.id}/xliff${query}`, { token: staff.translatorHi, rawBody: xml, headers: { 'Content-Type': 'application/xliff+xml' } })
const unitsOf = (xml: string) =>
  Object.fromEntries([...xml.matchAll(/<unit id="([^"]+)">[\s\S]*?<source>([\s\S]*?)<\/source>(?:\s*<target>([\s\S]*?)<\/target>)?/g)].map((match) => [match[1], { source: match[2], target: match[3] ?? null }]))

/** What the database holds for hi, and the audit trail's length: a refused import must change neither. */
async function hiSnapshot() {
  const events = await api(server.baseURL, `/api/workflow-events?where[article][equals]=${article.id}&limit=0`, { token: staff.editor })
  return {
    draft: await readDraft(server.baseURL, staff.editor, article.id, 'hi'),
    translation: (await translationsOf(server.baseURL, staff.editor, article.id)).hi,
    events: events.body.totalDocs,
  }
}

beforeAll(async () => {
  server = await startServer('l10n-xliff')
  staff = await signInStaff(server.baseURL)
  article = await seedArticle(server.baseURL, staff.editor)
  const en = await readDraft(server.baseURL, staff.editor, article.id, 'en')
  en.sections[3].content[0].body.root.children[0] = FORMATTED
  const saved = await api(server.baseURL, `/api/articles/${article.id}?locale=en&draft=true`, { method: 'PATCH', token: staff.editor, body: { sections: en.sections } })
  if (saved.status !== 200) throw new Error(`Adding formatting failed: ${JSON.stringify(saved.body)}`)
  exported = await exportHi()
}, 900_000)

afterAll(async () => server?.stop())

describe('XLIFF round trip', () => {
  it('when the seed article is exported for hi, then every text is a unit with its source and the formatting is XLIFF inline markup', () => {
    const units = unitsOf(exported)

    expect(Object.keys(units)).toEqual(expect.arrayContaining(['title', 'summary', ...article.sectionIds.map((id) => `s.${id}.heading`)]))
    expect(Object.keys(units).length).toBeGreaterThan(60)
    expect(Object.values(units).every((unit) => unit.target === null)).toBe(true)
    const formatted = Object.values(units).find((unit) => unit.source.includes('the most common'))
    expect(formatted?.source).toBe(
      'Bone pain is <pc id="f1" type="fmt" subType="xlf:b">the most common</pc> symptom; see <pc id="l1" type="link"><pc id="f2" type="fmt" subType="xlf:i">pain relief</pc></pc>.',
    )
  })

  it('when every unit is translated and imported, then the translation goes to review and a new export holds every unit with its translation', async () => {
    const translated = withTargets(exported, prefixText('हि '))

    const response = await importFile(translated)

    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ locale: 'hi', state: 'in_review', units: Object.keys(unitsOf(exported)).length })
    roundTripped = await exportHi()
    const expected = unitsOf(translated)
    expect(unitsOf(roundTripped)).toEqual(expected)
  })

  it('when the hi rich text is read back, then bold, italic and the source link survived in Lexical', async () => {
    const hi = await readDraft(server.baseURL, staff.editor, article.id, 'hi')
    const children = hi.sections[3].content[0].body.root.children[0].children

    expect(children.find((node: { text?: string }) => node.text === 'हि the most common')).toMatchObject({ format: 1 })
    expect(children.find((node: { type: string }) => node.type === 'link')).toMatchObject({
      fields: { url: 'https://example.org/pain' },
      children: [expect.objectContaining({ text: 'हि pain relief', format: 2 })],
    })
  })
})

describe('refused XLIFF imports', () => {
  const replaceFirst = (xml: string, pattern: RegExp, replacement: string) => {
    if (!pattern.test(xml)) throw new Error(`The fixture lost ${pattern}`)
    return xml.replace(pattern, replacement)
  }
  const firstHeading = () => `s.${article.sectionIds[0]}.heading`
  const BAD_FILES: Array<[string, () => string, number, string, (() => string)?]> = [
    ['malformed XML', () => roundTripped.slice(0, Math.floor(roundTripped.length / 2)), 422, 'XLIFF_MALFORMED'],
    ['a wrong target language', () => roundTripped.replace('trgLang="hi"', 'trgLang="ta"'), 422, 'XLIFF_WRONG_TARGET_LANGUAGE'],
    ['an unknown unit id', () => replaceFirst(roundTripped, /<unit id="title">/, '<unit id="s.no-such-section.heading">'), 422, 'XLIFF_UNKNOWN_UNIT', () => 's.no-such-section.heading'],
    ['a stale source', () => replaceFirst(roundTripped, /<source>Introduction<\/source>/, '<source>Introduction to the topic</source>'), 422, 'XLIFF_STALE_SOURCE', firstHeading],
    ['an empty target of a required field', () => replaceFirst(roundTripped, /<target>हि Introduction<\/target>/, '<target></target>'), 422, 'XLIFF_EMPTY_TARGET', firstHeading],
    ['a 50 MB file', () => roundTripped.replace('</xliff>', `<!--${'x'.repeat(50 * 1024 * 1024)}--></xliff>`), 413, 'XLIFF_TOO_LARGE'],
    [
      'an entity-expansion attack',
      () => `<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n${roundTripped.replace(/^<\?xml[^>]*>\n/, '').replace('हि Introduction', '&c;')}`,
      422,
      'XLIFF_DOCTYPE_FORBIDDEN',
    ],
    ['a script tag in a target', () => replaceFirst(roundTripped, /<target>हि Introduction<\/target>/, '<target>हि <script>alert(1)</script>परिचय</target>'), 422, 'XLIFF_FORBIDDEN_MARKUP', firstHeading],
    ['HTML typed as text in a target', () => replaceFirst(roundTripped, /<target>हि Introduction<\/target>/, '<target>&lt;img src=x onerror=alert(1)&gt;परिचय</target>'), 422, 'XLIFF_RAW_HTML', firstHeading],
    ['an XLIFF 1.2 file', () => '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en"/></xliff>', 422, 'XLIFF_NOT_XLIFF2'],
    ['a repeated unit', () => roundTripped.replace(/(<unit id="title">[\s\S]*?<\/unit>)/, '$1$1'), 422, 'XLIFF_DUPLICATE_UNIT', () => 'title'],
    ['a link that is not in the source', () => replaceFirst(roundTripped, /<target>([^<]*)<pc id="f1" type="fmt" subType="xlf:b">हि the most common/, '<target>$1<pc id="l9" type="link">हि the most common'), 422, 'XLIFF_UNKNOWN_INLINE'],
    ['formatting in a plain-text field', () => replaceFirst(roundTripped, /<target>हि Introduction<\/target>/, '<target><pc id="f1" type="fmt" subType="xlf:b">परिचय</pc></target>'), 422, 'XLIFF_PLAIN_TEXT_ONLY', firstHeading],
  ]

  const cases = BAD_FILES.map(([kind, build, status, code, unit]) => ({ kind, build, status, code, unit }))

  it.each(cases)('when the file has $kind, then the import is refused with $code and nothing is written', async ({ build, status, code, unit }) => {
    const before = await hiSnapshot()

    const response = await importFile(build(), '?locale=hi')

    expect(response.status).toBe(status)
    expect(response.body.code).toBe('XLIFF_REJECTED')
    expect(response.body.details.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, ...(unit ? { unit: unit() } : {}) })]))
    expect(response.body.message).toContain(response.body.details.problems[0].message)
    expect(await hiSnapshot()).toEqual(before)
  })

  it('when a file has several bad units, then one refusal lists each of them', async () => {
    const twoBad = replaceFirst(replaceFirst(roundTripped, /<unit id="title">/, '<unit id="s.gone.heading">'), /<target>हि Introduction<\/target>/, '<target></target>')

    const response = await importFile(twoBad)

    expect(response.status).toBe(422)
    expect(response.body.details.problems.map((problem: { code: string }) => problem.code).sort()).toEqual(['XLIFF_EMPTY_TARGET', 'XLIFF_UNKNOWN_UNIT'])
  })

  it('when the ta translator imports the hi file, then it is refused as not permitted', async () => {
    const response = await api(server.baseURL, `/api/articles/${article.id}/xliff`, {
      token: staff.translatorTa,
      rawBody: roundTripped,
      headers: { 'Content-Type': 'application/xliff+xml' },
    })

    expect(response.status).toBe(403)
    expect(response.body.code).toBe('TRANSLATION_NOT_PERMITTED')
  })
})
