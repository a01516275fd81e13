import fs from 'node:fs'
import path from 'node:path'
import { createLocalReq, ValidationError, type Payload } from 'payload'

import type { User } from '../../src/payload-types'
import { publisherFor } from '../../src/publishing/createPublisher'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { DEFAULT_WORKFLOW_OPTIONS } from '../../src/workflow/options'
import { auditEndpoint } from '../../src/workflow/endpoints'
import { transitionArticle } from '../../src/workflow/transitionArticle'
import type { TransitionRequest } from '../../src/workflow/transitionRequest'
import { transitionLocale } from '../../src/localization/transitionLocale'
import { loadSchemas } from '../../src/publishing/schemas'
import { runScript } from '../support/cli'
import { savePretendTranslation, seededEditorialStaff, type EditorialStaff } from '../support/editorialSteps'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { drainJobs, readJson, treeProblems } from './support'

let library: TestLibrary
let payload: Payload
let out: string
let articleId: string
let staff: EditorialStaff

const APPROVED_ON = new Date('2026-03-09T10:00:00.000Z')

const REFERENCES = [
  {
    citation: 'Coleman RE, et al. Bone metastases. Nat Rev Dis Primers. 2020;6:83.',
    doi: '10.1038/s41572-020-00216-3',
    pmid: '33060614',
    accessed: '2026-03-01T00:00:00.000Z',
  },
  { citation: 'NICE guideline NG234: Metastatic spinal cord compression.', url: 'https://www.nice.org.uk/guidance/ng234' },
]

const transition = (user: User, request: TransitionRequest, now?: Date) =>
  transitionArticle({ payload, articleId, request, user, options: DEFAULT_WORKFLOW_OPTIONS, ...(now ? { now } : {}) })

const saveReferences = (references: unknown[], changelogNote: string, more: Record<string, unknown> = {}) =>
  payload.update({ collection: 'articles', id: articleId, locale: 'en', draft: true, user: staff.editor, overrideAccess: false, data: { references, changelogNote, ...more } as never })

async function refusal(attempt: Promise<unknown>): Promise<ValidationError> {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ValidationError)
  return error as ValidationError
}

beforeAll(async () => {
  library = await startPayload('publishing-evidence')
  payload = library.payload
  out = library.env.PUBLISH_DIR
  await seedLibrary(payload)
  staff = await seededEditorialStaff(payload)
  articleId = (await payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } } })).docs[0].id
  await publisherFor(payload).publish({ kind: 'all' })
}, 180_000)

afterAll(async () => {
  await stopPayload(library)
})

describe('references as data, re-checked at every clinical approval', () => {
  it('when an editor saves a DOI given as its web address or a PubMed id with "PMID:", then the save is refused saying what to enter', async () => {
    const error = await refusal(
      saveReferences([{ citation: 'A study.', doi: 'https://doi.org/10.1038/s41572-020-00216-3', pmid: 'PMID: 33060614' }], 'Added the evidence.'),
    )
    const messages = Object.fromEntries(error.data.errors.map((problem) => [problem.path, problem.message]))
    expect(messages['references.0.doi']).toContain('Enter the DOI without the web address in front: "10.1038/s41572-020-00216-3"')
    expect(messages['references.0.pmid']).toBe('Enter the PubMed id as digits only, without "PMID": "33060614".')
    const draft = await payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0 })
    expect(draft.references ?? []).toEqual([])
  })

  it('when a reviewer approves a clinical change that cites references without confirming they were re-checked, then it is refused and stays in review', async () => {
    await saveReferences(REFERENCES, 'Added the evidence behind the advice.', { condition: 'Bone metastases' })
    await transition(staff.editor, { to: 'in_review', changeKind: 'clinical' })

    await expect(transition(staff.reviewer, { to: 'approved' })).rejects.toMatchObject({
      code: 'WORKFLOW_REFERENCES_UNCHECKED',
      status: 409,
      details: { currentState: 'in_review', references: 2 },
    })
    const draft = await payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0 })
    expect(draft.workflowState).toBe('in_review')
    expect(draft.evidenceCheckedOn ?? null).toBeNull()
  })

  it('when the reviewer confirms the re-check, then the approval records it and the published file links each identifier and dates the check', async () => {
    const approval = await transition(staff.reviewer, { to: 'approved', referencesChecked: true }, APPROVED_ON)
    await transition(staff.editor, { to: 'published' })
    await drainJobs(payload)

    const event = await payload.findByID({ collection: 'workflow-events', id: approval.eventId, depth: 0 })
    expect(event).toMatchObject({ to: 'approved', referencesChecked: true, changeKind: 'clinical' })
    const english = readJson(out, 'en/articles/bone-metastases.json')
    expect(english.references.items).toEqual([
      {
        citation: REFERENCES[0].citation,
        doi: '10.1038/s41572-020-00216-3',
        doiUrl: 'https://doi.org/10.1038/s41572-020-00216-3',
        pmid: '33060614',
        pubmedUrl: 'https://pubmed.ncbi.nlm.nih.gov/33060614/',
        accessed: { date: '2026-03-01', label: 'Accessed on 1st Mar, 2026' },
      },
      { citation: REFERENCES[1].citation, url: 'https://www.nice.org.uk/guidance/ng234' },
    ])
    expect(english.evidenceCheckedOn).toEqual({ date: '2026-03-09', label: 'Sources checked on 9th Mar, 2026' })
    expect(treeProblems(out)).toEqual([])
  })

  it('when a later editorial change is approved without a re-check, then it goes through, the event says so and the date of the last check stays', async () => {
    await saveReferences(REFERENCES.slice(0, 1), 'Added the evidence behind the advice.')
    await transition(staff.editor, { to: 'in_review', changeKind: 'editorial' })
    const approval = await transition(staff.reviewer, { to: 'approved' })
    await transition(staff.editor, { to: 'published' })
    await drainJobs(payload)

    expect(await payload.findByID({ collection: 'workflow-events', id: approval.eventId, depth: 0 })).toMatchObject({ referencesChecked: false })
    const english = readJson(out, 'en/articles/bone-metastases.json')
    expect(english.references.items).toHaveLength(1)
    expect(english.evidenceCheckedOn.date).toBe('2026-03-09')
  })
})

describe('JSON-LD and review facts in every language', () => {
  const LANGUAGES = ['en', 'hi', 'ta'] as const
  const reviewers = {} as Record<'hi' | 'ta', User>
  let translatedOn: string

  beforeAll(async () => {
    const translatorTa = (await payload.find({ collection: 'users', where: { email: { equals: 'translator.ta@vitalpress.example' } } })).docs[0]
    reviewers.hi = staff.reviewer
    reviewers.ta = (await payload.create({
      collection: 'users',
      data: { email: 'reviewer.ta@vitalpress.example', password: 'vitalpress-staff', name: 'Dr. Kavitha Mani', roles: ['reviewer'], languages: ['ta'] } as never,
    })) as User
    for (const [locale, translator] of [['hi', staff.translatorHi], ['ta', translatorTa]] as const) {
      await savePretendTranslation(payload, { articleId, locale, prefix: `[${locale}] `, translator })
      await transitionLocale(payload, { articleId, locale, to: 'in_review', user: translator })
      await transitionLocale(payload, { articleId, locale, to: 'approved', user: reviewers[locale] })
    }
    translatedOn = new Date().toISOString().slice(0, 10)
    await drainJobs(payload)
  }, 120_000)

  it('when each language is served its own approved text, then its JSON-LD names its language, audience, condition, citations and dates', () => {
    for (const locale of LANGUAGES) {
      const file = readJson(out, `${locale}/articles/bone-metastases.json`)
      expect({ locale, contentLocale: file.contentLocale, condition: file.condition }).toEqual({ locale, contentLocale: locale, condition: 'Bone metastases' })
      expect(file.jsonLd).toMatchObject({
        '@type': 'MedicalWebPage',
        inLanguage: locale,
        medicalAudience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
        about: { '@type': 'MedicalCondition', name: 'Bone metastases' },
        dateModified: file.lastUpdated.date,
      })
      expect(file.jsonLd.citation).toEqual([
        {
          '@type': 'CreativeWork',
          name: REFERENCES[0].citation,
          url: 'https://doi.org/10.1038/s41572-020-00216-3',
          identifier: [
            { '@type': 'PropertyValue', propertyID: 'DOI', value: '10.1038/s41572-020-00216-3' },
            { '@type': 'PropertyValue', propertyID: 'PMID', value: '33060614' },
          ],
        },
      ])
    }
    expect(treeProblems(out)).toEqual([])
  })

  it('when a translation is approved, then its file and JSON-LD carry that approval and its reviewer, and English keeps the clinical review', () => {
    const english = readJson(out, 'en/articles/bone-metastases.json')
    expect(english.jsonLd).toMatchObject({ lastReviewed: english.lastReviewed.date, reviewedBy: { '@type': 'Person', name: 'Dr. Ravi Reviewer' } })
    expect(english.translation).toEqual({ state: 'source', fallback: false })

    for (const [locale, name] of [['hi', 'Dr. Ravi Reviewer'], ['ta', 'Dr. Kavitha Mani']] as const) {
      const file = readJson(out, `${locale}/articles/bone-metastases.json`)
      expect(file.translation).toMatchObject({ state: 'approved', fallback: false, reviewedOn: { date: translatedOn }, reviewedBy: { name } })
      expect(file.jsonLd).toMatchObject({ lastReviewed: translatedOn, reviewedBy: { '@type': 'Person', name } })
      expect(file.reviewer.name).toBe('Dr. Ravi Reviewer')
    }
    expect(readJson(out, 'ta/articles/bone-metastases.json').translation.reviewedBy.label).toBe('மொழிபெயர்ப்பை மதிப்பாய்வு செய்தவர்: Dr. Kavitha Mani')
  })

  it('when a file carries a review, references or a condition that its JSON-LD leaves out, then the schema refuses it', () => {
    const validate = loadSchemas().validator('article')
    const hindi = readJson(out, 'hi/articles/bone-metastases.json')
    expect(validate(hindi)).toBe(true)
    for (const key of ['lastReviewed', 'reviewedBy', 'citation', 'about', 'dateModified', 'inLanguage', 'medicalAudience']) {
      const { [key]: _left, ...jsonLd } = hindi.jsonLd
      expect({ key, valid: validate({ ...hindi, jsonLd }) }).toEqual({ key, valid: false })
    }
  })
})

describe('audit export of the whole history', () => {
  /** The audit endpoint answering as Payload calls it, for `user` (none: a stranger). */
  async function auditAnswer(user: User | null, format: string): Promise<{ status: number; type: string | null; disposition: string | null; text: string }> {
    const req = await createLocalReq({ user: user ?? undefined }, payload)
    Object.assign(req, { user, routeParams: { id: articleId }, searchParams: new URLSearchParams({ format }) })
    const response = await auditEndpoint.handler(req)
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() }
  }

  it('when staff export the history, then every transition of the source and of each language is there, with who, kind, note, reviewer and the reference check, and no email address', async () => {
    const events = await payload.find({ collection: 'workflow-events', where: { article: { equals: articleId } }, pagination: false, depth: 0 })
    const json = await auditAnswer(staff.translatorHi, 'json')
    expect(json).toMatchObject({ status: 200, disposition: 'attachment; filename="bone-metastases-audit.json"' })
    const audit = JSON.parse(json.text)
    expect(audit.article).toEqual({ id: articleId, slug: 'bone-metastases', title: expect.any(String) })
    expect(audit.entries).toHaveLength(events.docs.length)
    expect(audit.entries.find((entry: any) => entry.to === 'approved' && entry.referencesChecked === true)).toMatchObject({
      language: 'en',
      part: 'source',
      changeKind: 'clinical',
      by: 'Dr. Ravi Reviewer',
      reviewer: 'Dr. Ravi Reviewer',
    })
    const translationApprovals = audit.entries.filter((entry: any) => entry.part === 'translation' && entry.to === 'approved')
    expect(translationApprovals.map((entry: any) => [entry.language, entry.reviewer])).toEqual([
      ['hi', 'Dr. Ravi Reviewer'],
      ['ta', 'Dr. Kavitha Mani'],
    ])

    const csv = await auditAnswer(staff.editor, 'csv')
    expect(csv.type).toContain('text/csv')
    const lines = csv.text.trimEnd().split('\r\n')
    expect(lines[0]).toBe('at,language,part,from,to,by,changeKind,note,reviewer,referencesChecked,revision,versionId')
    expect(lines).toHaveLength(events.docs.length + 1)
    for (const text of [json.text, csv.text]) expect(text).not.toMatch(/@vitalpress\.example/)
  })

  // As `npm run audit -- …` does: `payload run` hands a script only what follows "--".
  it('when the audit command is run for a slug, then it writes the CSV and the JSON with the same transitions', async () => {
    const folder = path.join(library.dir, 'audit')
    const outcome = await runScript('scripts/audit.ts', ['--', '--article', 'bone-metastases', '--out', folder], library.env)
    expect({ code: outcome.code, output: outcome.output }).toMatchObject({ code: 0 })
    const audit = JSON.parse(fs.readFileSync(path.join(folder, 'bone-metastases-audit.json'), 'utf8'))
    const csv = fs.readFileSync(path.join(folder, 'bone-metastases-audit.csv'), 'utf8')
    expect(csv.trimEnd().split('\r\n')).toHaveLength(audit.entries.length + 1)
    expect(audit.entries.length).toBeGreaterThan(10)

    const unknown = await runScript('scripts/audit.ts', ['--', '--article', 'no-such-article', '--out', folder], library.env)
    expect(unknown.code).toBe(1)
    expect(unknown.output).toContain('No article has the slug "no-such-article"')
  }, 120_000)

  it('when someone not signed in or asking for another format calls the export, then it is refused', async () => {
    expect((await auditAnswer(null, 'csv')).status).toBe(401)
    const wrong = await auditAnswer(staff.editor, 'xlsx')
    expect(wrong.status).toBe(400)
    expect(JSON.parse(wrong.text).message).toContain('?format=csv or ?format=json')
  })
})
