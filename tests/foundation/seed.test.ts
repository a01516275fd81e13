import { yearsOfExperience } from '../../src/content/experience'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

/** The years printed on the seed page, true on the day it was last updated. */
const YEARS_ON_SEED_PAGE: Record<string, number> = {
  'Dr. Prakhar Mishra': 5,
  'Dr. Akshay Shetty T': 9,
  'Dr. Aniruddha Deshmukh': 10,
  'Dr. Manohar Cv': 23,
  'Dr. Mithun Oswal': 13,
}

describe('seed', () => {
  let library: TestLibrary

  beforeAll(async () => {
    library = await startPayload('seed')
    await seedLibrary(library.payload)
  })
  afterAll(() => stopPayload(library))

  it('when the seed runs twice, then the second run creates nothing and no record is duplicated', async () => {
    const { payload } = library
    const countsBefore = await Promise.all(
      (['articles', 'doctors', 'clinics', 'specialties', 'users'] as const).map((collection) => payload.count({ collection })),
    )

    const report = await seedLibrary(payload)

    const countsAfter = await Promise.all(
      (['articles', 'doctors', 'clinics', 'specialties', 'users'] as const).map((collection) => payload.count({ collection })),
    )
    expect(report.created).toEqual([])
    expect(countsAfter.map((count) => count.totalDocs)).toEqual(countsBefore.map((count) => count.totalDocs))
    expect(countsAfter.map((count) => count.totalDocs)).toEqual([1, 5, 4, 1, 5])
  })

  it('when the seeded article is read, then it has the eight sections in order with their term lists', async () => {
    const { docs } = await library.payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0 })
    const article = docs[0]

    expect(article.title).toBe('Understanding Bone Metastases: Causes, Symptoms, Diagnosis, and Treatment')
    expect(article._status).toBe('published')
    expect(article.lastUpdated?.slice(0, 10)).toBe('2025-07-03')
    expect(article.sections.map((section) => section.heading)).toEqual([
      'Introduction',
      'What Are Bone Metastases?',
      'Causes and Risk Factors',
      'Symptoms of Bone Metastases',
      'Diagnosing Bone Metastases',
      'Treatment Options for Bone Metastases',
      'Lifestyle Recommendations for Managing Bone Metastases',
      'Conclusion',
    ])
    const causes = article.sections[2].content.find((block) => block.blockType === 'termList')
    expect(causes?.blockType === 'termList' && causes.items.map((item) => item.term)).toEqual([
      'Primary Cancer Type',
      'Advanced Stage of Cancer',
      'Age',
    ])
    expect(causes?.blockType === 'termList' && causes.items[0].subItems?.map((item) => item.term)).toEqual([
      'Breast Cancer',
      'Prostate Cancer',
      'Lung Cancer',
      'Kidney Cancer',
      'Thyroid Cancer',
    ])
    const symptoms = article.sections[3].content.map((block) => block.blockType)
    expect(symptoms).toEqual(['prose', 'termList', 'prose'])
  })

  it('when the seeded article is read, then it claims no clinical review, as its source page names none: no review date, reviewer or next review date', async () => {
    const { docs } = await library.payload.find({ collection: 'articles', where: { slug: { equals: 'bone-metastases' } }, depth: 0, draft: true, showHiddenFields: true })
    const versions = await library.payload.findVersions({ collection: 'articles', where: { parent: { equals: docs[0].id } }, depth: 0 })

    expect(docs[0]).toMatchObject({ lastReviewed: null, reviewedBy: null, nextReviewDue: null, lastUpdated: '2025-07-03T00:00:00.000Z' })
    for (const { version } of versions.docs) expect([version.lastReviewed ?? null, version.reviewedBy ?? null]).toEqual([null, null])
  })

  it('when the five doctors are read, then the years computed for 2025-07-03 match the seed page and clinics carry their cities', async () => {
    const { docs } = await library.payload.find({ collection: 'doctors', depth: 1, limit: 10, sort: 'name', locale: 'en' })

    expect(docs).toHaveLength(5)
    for (const doctor of docs) {
      expect(yearsOfExperience(doctor.practicingSince, new Date('2025-07-03T00:00:00Z'))).toBe(YEARS_ON_SEED_PAGE[doctor.name])
      expect(doctor.practicingSince).toBe(2025 - YEARS_ON_SEED_PAGE[doctor.name])
    }
    const mishra = docs.find((doctor) => doctor.name === 'Dr. Prakhar Mishra')
    expect(mishra?.qualifications?.map((q) => q.qualification)).toEqual([
      'MBBS',
      'D.Ortho',
      'Fellowship in Robotic knee replacement(Indo-Japan)',
      'Computer-assisted joint replacement',
      'Arthroscopy and Sports medicine (Indo-Japan)',
    ])
    expect(typeof mishra?.clinic === 'object' && mishra.clinic.name).toBe('WellnessVibes Multispeciality Clinic')
    expect(typeof mishra?.clinic === 'object' && mishra.clinic.city).toBe('Bengaluru')
  })

  it('when the specialty is read in Hindi, then its localized name and doctor titles come back', async () => {
    const { docs } = await library.payload.find({ collection: 'specialties', locale: 'hi', depth: 0 })

    expect(docs[0].slug).toBe('orthopaedics')
    expect(docs[0].name).toBe('अस्थि रोग विज्ञान')
    expect(docs[0].doctorTitle.plural).not.toBe('Orthopaedicians')
  })

  it('when a user of each role is looked up, then admin, editor, reviewer and translators exist with their languages', async () => {
    const { docs } = await library.payload.find({ collection: 'users', depth: 0, limit: 10, sort: 'email' })

    expect(docs.map((user) => [user.email, user.roles, user.languages ?? []])).toEqual([
      ['admin@vitalpress.example', ['admin'], []],
      ['editor@vitalpress.example', ['editor'], []],
      ['reviewer@vitalpress.example', ['reviewer'], ['en', 'hi']],
      ['translator.hi@vitalpress.example', ['translator'], ['hi']],
      ['translator.ta@vitalpress.example', ['translator'], ['ta']],
    ])
  })
})
