import { createLocalReq, type Payload } from 'payload'

import type { Config, User } from '../../src/payload-types'
import { publisherFor } from '../../src/publishing/createPublisher'
import { loadLanguages } from '../../src/languages/registry'
import { transitionLocale } from '../../src/localization/transitionLocale'
import { readArticleInAllLocales } from '../../src/localization/translationRecords'
import { specialtyReadabilityPolicy } from '../../src/readability/policy'
import { readabilityReport } from '../../src/readability/report'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { transitionEndpoint } from '../../src/workflow/endpoints'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { reviewDiff, type SourceContent } from '../../src/workflow/reviewDiff'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import type { TransitionRequest } from '../../src/workflow/transitionRequest'
import { articleDraft, seededEditorialStaff, type EditorialStaff } from '../support/editorialSteps'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { drainJobs, readJson, treeProblems } from './support'

/**
 * Readability through real saves, transitions and publications of the seed article. Every text of
 * a language is written as the same sentences, so the whole article scores exactly what those
 * sentences score, and each expected grade is counted by hand below (as in tests/unit/readability.test.ts).
 */

/** 2 sentences, 15 words, 22 syllables: 0.39 × 7.5 + 11.8 × 22/15 − 15.59 = 4.6 (Flesch–Kincaid). */
const EASY_ENGLISH = 'Bone metastases occur when cancer spreads to the bone. Pain is the most common symptom.'
/** 1 sentence, 19 words, 46 syllables: 0.39 × 19 + 11.8 × 46/19 − 15.59 = 20.4 (Flesch–Kincaid). */
const HARD_ENGLISH =
  'Bisphosphonates and denosumab reduce skeletal-related events, including pathological fractures and spinal cord compression, in patients with metastatic disease.'
/** 2 sentences, 15 words, 28 aksharas: 0.15 × 14 + 2.5 × (28/15 − 2) = 1.8 (akshara grade). */
const HINDI = 'हड्डी में दर्द सबसे आम लक्षण है। रात में दर्द हो तो डॉक्टर को बताएँ।'
/** द|र्द 2, हो 1, तो 1, डॉ|क्ट|र 3, को 1, ब|ता|एँ 3: 1 sentence, 6 words, 11 aksharas: 0.15 × 11 + 2.5 × (11/6 − 2) = 1.65 − 0.42 = 1.2. */
const HINDI_UPDATE = 'दर्द हो तो डॉक्टर को बताएँ।'
/** 1 sentence, 5 words, 16 aksharas: 0.15 × 16 + 2.5 × (16/5 − 3) = 2.9 (akshara grade). */
const TAMIL = 'எலும்பு வலி மிகவும் பொதுவான அறிகுறி.'

let library: TestLibrary
let payload: Payload
let out: string
let articleId: string
let specialtyId: string
let staff: EditorialStaff
let translatorTa: User

/** The article's texts with every measured text (summary, paragraphs, explanations) as `sentences`; titles and headings as `label`. */
function everyTextAs(source: any, sentences: string, label: string): { title: string; summary: string; sections: any[] } {
  const lexical = (node: any): any => ({ ...node, ...(node.text ? { text: sentences } : {}), ...(node.children ? { children: node.children.map(lexical) } : {}) })
  const terms = (items: any[] | null | undefined): any[] =>
    (items ?? []).map((item) => ({ ...item, term: label, explanation: sentences, ...(item.subItems ? { subItems: terms(item.subItems) } : {}) }))
  return {
    title: label,
    summary: sentences,
    sections: source.sections.map((section: any) => ({
      ...section,
      heading: label,
      content: section.content.map((block: any) => (block.blockType === 'prose' ? { ...block, body: { root: lexical(block.body.root) } } : { ...block, items: terms(block.items) })),
    })),
  }
}

async function saveLanguage(locale: Config['locale'], user: User, sentences: string, label: string, more: Record<string, unknown> = {}): Promise<void> {
  const source = await articleDraft(payload, articleId, 'en')
  await payload.update({ collection: 'articles', id: articleId, locale, draft: true, user, overrideAccess: false, data: { ...everyTextAs(source, sentences, label), ...more } as never })
}

const scoreOf = async (locale: Config['locale']) => ((await articleDraft(payload, articleId, locale)) as any).readability

const setPolicy = (targetGrade: number, mode: 'warn' | 'block') =>
  payload.update({ collection: 'specialties', id: specialtyId, data: { readability: { targetGrade, mode } } as never, user: staff.editor, overrideAccess: false })

const transition = (user: User, request: TransitionRequest) => transitionArticle({ payload, articleId, request, user, options: DEFAULT_WORKFLOW_OPTIONS })

/** `POST /api/articles/:id/transition` as the endpoint answers it. */
async function transitionAnswer(user: User, body: unknown): Promise<{ status: number; body: any }> {
  const req = await createLocalReq({ user }, payload)
  const request = new Request('http://localhost/api/articles/transition', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
  Object.assign(req, { user, routeParams: { id: articleId }, body: request.body, headers: request.headers })
  const response = await transitionEndpoint(DEFAULT_WORKFLOW_OPTIONS).handler(req)
  return { status: response.status, body: await response.json() }
}

beforeAll(async () => {
  library = await startPayload('publishing-readability')
  payload = library.payload
  out = library.env.PUBLISH_DIR
  await seedLibrary(payload)
  staff = await seededEditorialStaff(payload)
  translatorTa = (await payload.find({ collection: 'users', where: { email: { equals: 'translator.ta@vitalpress.example' } } })).docs[0]
  const article = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0 })).docs[0]
  articleId = article.id
  specialtyId = String(article.specialty)
  await publisherFor(payload).publish({ kind: 'all' })
}, 180_000)

afterAll(async () => {
  await stopPayload(library)
})

describe('a readability score per language, computed on save', () => {
  it('when the seed article was saved, then its English text already has a Flesch–Kincaid grade', async () => {
    expect(await scoreOf('en')).toMatchObject({ grade: expect.any(Number), measure: 'flesch-kincaid', reason: null })
  })

  it('when each language is saved, then it is scored by its own measure, and another language keeps its score', async () => {
    await saveLanguage('en', staff.editor, EASY_ENGLISH, 'Bone metastases')
    await saveLanguage('hi', staff.translatorHi, HINDI, 'हड्डी')
    await saveLanguage('ta', translatorTa, TAMIL, 'எலும்பு')

    expect(await scoreOf('en')).toMatchObject({ grade: 4.6, measure: 'flesch-kincaid', reason: null })
    expect(await scoreOf('hi')).toMatchObject({ grade: 1.8, measure: 'akshara-grade', reason: null })
    expect(await scoreOf('ta')).toMatchObject({ grade: 2.9, measure: 'akshara-grade', reason: null })
  })

  it('when the English text changes, then its score changes and the translations keep theirs', async () => {
    await saveLanguage('en', staff.editor, HARD_ENGLISH, 'Bone metastases', { changelogNote: 'Explained what bone-strengthening drugs do.' })

    expect(await scoreOf('en')).toMatchObject({ grade: 20.4, measure: 'flesch-kincaid' })
    expect(await scoreOf('hi')).toMatchObject({ grade: 1.8 })
  })
})

describe('a specialty target at submission for review', () => {
  it('when the specialty blocks and the English text reads above its target, then submission is refused with a coded error saying score, target and what to do', async () => {
    await setPolicy(8, 'block')

    const answer = await transitionAnswer(staff.editor, { to: 'in_review', changeKind: 'clinical' })

    expect(answer.status).toBe(409)
    expect(answer.body).toMatchObject({
      code: 'WORKFLOW_READABILITY_ABOVE_TARGET',
      details: { currentState: 'draft', locale: 'en', grade: 20.4, targetGrade: 8, measure: 'flesch-kincaid', mode: 'block' },
    })
    expect(answer.body.message).toContain('reads at grade 20.4')
    expect(answer.body.message).toContain('target of grade 8')
    expect(answer.body.message).toContain('split long sentences')
    expect((await articleDraft(payload, articleId, 'en')).workflowState).toBe('draft')
  })

  it('when the specialty warns, then the same text is submitted and the answer carries the warning', async () => {
    await setPolicy(8, 'warn')

    const answer = await transitionAnswer(staff.editor, { to: 'in_review', changeKind: 'clinical' })

    expect(answer.status).toBe(200)
    expect(answer.body.workflowState).toBe('in_review')
    expect(answer.body.warnings).toEqual([
      {
        code: 'READABILITY_ABOVE_TARGET',
        message: expect.stringContaining('reads at grade 20.4'),
        details: { locale: 'en', languageName: 'English', grade: 20.4, targetGrade: 8, measure: 'flesch-kincaid', mode: 'warn' },
      },
    ])
  })

  it('when the reviewer opens the review diff, then it reads the grade of the published version before and of the change after', async () => {
    const draft = await payload.findByID({ collection: 'articles', id: articleId, draft: true, locale: 'en', depth: 0 })
    const published = await payload.findVersions({
      collection: 'articles',
      where: { and: [{ parent: { equals: articleId } }, { 'version._status': { equals: 'published' } }] },
      sort: '-updatedAt',
      limit: 1,
      locale: 'en',
      depth: 0,
    })
    const baseline = published.docs[0].version as unknown as SourceContent & { readability: { grade: number } }

    const diff = reviewDiff(baseline, draft as unknown as SourceContent)

    expect(diff.readability.before).toMatchObject({ grade: baseline.readability.grade, measure: 'flesch-kincaid' })
    expect(diff.readability.before!.grade).not.toBe(20.4)
    expect(diff.readability.after).toMatchObject({ grade: 20.4, measure: 'flesch-kincaid' })
  })
})

describe('readability in translations and published files', () => {
  beforeAll(async () => {
    await transition(staff.reviewer, { to: 'approved' })
    await transition(staff.editor, { to: 'published' })
    await drainJobs(payload)
    // The clinical change left the translations out of date: the Hindi translator brings Hindi up to date.
    await saveLanguage('hi', staff.translatorHi, HINDI_UPDATE, 'हड्डी का दर्द')
  }, 120_000)

  it('when a translation reads above a blocking target, then its submission is refused in its own measure; within the target it goes through without a warning', async () => {
    await setPolicy(1, 'block')
    await expect(transitionLocale(payload, { articleId, locale: 'hi', to: 'in_review', user: staff.translatorHi })).rejects.toMatchObject({
      code: 'TRANSLATION_READABILITY_ABOVE_TARGET',
      status: 409,
      details: { locale: 'hi', grade: 1.2, targetGrade: 1, measure: 'akshara-grade', mode: 'block' },
    })

    await setPolicy(8, 'block')
    const submitted = await transitionLocale(payload, { articleId, locale: 'hi', to: 'in_review', user: staff.translatorHi })

    expect(submitted.warnings).toEqual([])
    await transitionLocale(payload, { articleId, locale: 'hi', to: 'approved', user: staff.reviewer })
    await drainJobs(payload)
    // The approval keeps the score stored with the approved text, so publishing need not measure it again.
    const record = (await payload.find({ collection: 'article-translations', where: { key: { equals: `${articleId}:hi` } }, depth: 0 })).docs[0]
    expect((record.approvedContent as any).readability).toMatchObject({ grade: 1.2, measure: 'akshara-grade', fingerprint: expect.any(String) })
  })

  it('when the article is published, then each language file carries the readability of the text it serves, and every file passes its schema', () => {
    const english = readJson(out, 'en/articles/bone-metastases.json')
    const hindi = readJson(out, 'hi/articles/bone-metastases.json')
    const tamil = readJson(out, 'ta/articles/bone-metastases.json')

    expect(english.readability).toMatchObject({ grade: 20.4, measure: 'flesch-kincaid', reason: null })
    expect(hindi).toMatchObject({ contentLocale: 'hi', readability: { grade: 1.2, measure: 'akshara-grade', reason: null } })
    // Tamil is not approved for this change: its page serves the English text, with the English text's score.
    expect(tamil).toMatchObject({ contentLocale: 'en', translation: { fallback: true }, readability: { grade: 20.4, measure: 'flesch-kincaid' } })
    expect(Object.keys(english.readability).sort()).toEqual(['grade', 'measure', 'reason', 'sentences', 'words'])
    expect(treeProblems(out)).toEqual([])
  })

  it('when the translate view and the sidebar read the article, then they show the source and each language against the target', async () => {
    const article = await readArticleInAllLocales(payload, articleId)
    const policy = await specialtyReadabilityPolicy(payload, article!.specialty)

    const report = readabilityReport(article!.readability, loadLanguages(), policy)

    expect(report.map((line) => [line.locale, line.score?.grade, line.score?.measure, line.verdict?.status])).toEqual([
      ['en', 20.4, 'flesch-kincaid', 'above'],
      ['hi', 1.2, 'akshara-grade', 'within'],
      ['ta', 2.9, 'akshara-grade', 'within'],
    ])
  })
})
