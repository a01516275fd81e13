import { randomBytes } from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'

import { richTextFromParagraphs } from '../src/content/lexical'
import { storedReadability } from '../src/readability/articleText'
import type { Article } from '../src/payload-types'

/** Articles written per transaction: one commit per article would make the corpus take most of the benchmark. */
const ARTICLES_PER_COMMIT = 200

/** Writes without queueing publishing, webhook or newsletter work, as the seed does. */
const QUIET = { seeding: true }

export interface CorpusOptions {
  /** Published articles to have in the library once this call returns. */
  articles: number
  /** Doctors to have, spread over the specialties. */
  doctors: number
  specialties: number
}

const words = (seed: number, count: number) =>
  Array.from({ length: count }, (_, index) => ['bone', 'joint', 'pain', 'scan', 'therapy', 'dose', 'spine', 'care', 'risk', 'tissue'][(seed * 7 + index * 3) % 10]).join(' ')

function articleTexts(index: number, prefix: string) {
  return {
    title: `${prefix}Condition ${index}: ${words(index, 4)}`,
    summary: `${prefix}What to know about condition ${index}: ${words(index + 1, 18)}.`,
    headings: [0, 1, 2, 3].map((section) => `${prefix}Part ${section + 1}: ${words(index + section, 3)}`),
    paragraphs: [0, 1, 2, 3].map((section) => `${prefix}${words(index * 4 + section, 60)}.`),
    terms: [0, 1, 2].map((term) => ({ term: `${prefix}Term ${term + 1}`, explanation: `${prefix}${words(index + term, 20)}.` })),
  }
}

/** Row ids, as Payload gives array rows and blocks when it saves them itself. */
const rowId = () => randomBytes(12).toString('hex')

/** A text in each language the article has; the adapter stores localized fields keyed by locale. */
type Texts = Record<string, ReturnType<typeof articleTexts>>
const localized = <T>(texts: Texts, pick: (text: ReturnType<typeof articleTexts>) => T) =>
  Object.fromEntries(Object.entries(texts).map(([locale, text]) => [locale, pick(text)]))

function sectionsFor(texts: Texts) {
  return [0, 1, 2, 3].map((section) => ({
    id: rowId(),
    heading: localized(texts, (text) => text.headings[section]),
    content: [
      { id: rowId(), blockType: 'prose' as const, body: localized(texts, (text) => richTextFromParagraphs([text.paragraphs[section]])) },
      {
        id: rowId(),
        blockType: 'termList' as const,
        items: [0, 1, 2].map((term) => ({
          id: rowId(),
          term: localized(texts, (text) => text.terms[term].term),
          explanation: localized(texts, (text) => text.terms[term].explanation),
          subItems: [],
        })),
      },
    ],
  }))
}

/** The score the save hook would have stored with each language's text. */
const readabilityOf = (texts: Texts) =>
  Object.fromEntries(
    Object.entries(texts).map(([locale, text]) => [
      locale,
      storedReadability(locale, {
        summary: text.summary,
        sections: text.paragraphs.map((paragraph) => ({
          content: [
            { blockType: 'prose', body: richTextFromParagraphs([paragraph]) },
            { blockType: 'termList', items: text.terms.map(({ explanation }) => ({ explanation })) },
          ],
        })),
      }),
    ]),
  )

/** The languages an article of the corpus has an approved translation in: half in Hindi, a third in Tamil. */
export const translatedLocales = (index: number): string[] => [...(index % 2 === 0 ? ['hi'] : []), ...(index % 3 === 0 ? ['ta'] : [])]

/**
 * Grows a library to the given size: specialties, clinics, doctors and published articles
 * (each with sections of prose and term lists in English, half of them with an approved Hindi
 * translation and a third with an approved Tamil one; the other languages fall back).
 * Used by the benchmark and the crash trials.
 */
export async function growCorpus(payload: Payload, options: CorpusOptions, onProgress?: (done: number, total: number) => void): Promise<void> {
  const specialties = (await payload.find({ collection: 'specialties', pagination: false, depth: 0 })).docs
  for (let index = specialties.length; index < options.specialties; index += 1) {
    const specialty = await payload.create({
      collection: 'specialties',
      context: QUIET,
      data: { slug: `specialty-${index}`, name: `Specialty ${index}`, doctorTitle: { singular: `Specialist ${index}`, plural: `Specialists ${index}` } },
    })
    for (const locale of ['hi', 'ta'] as const) {
      await payload.update({ collection: 'specialties', id: specialty.id, locale, context: QUIET, data: { name: `${locale} Specialty ${index}`, doctorTitle: { singular: `${locale} Specialist ${index}`, plural: `${locale} Specialists ${index}` } } })
    }
    specialties.push(specialty)
  }
  let clinic = (await payload.find({ collection: 'clinics', limit: 1, depth: 0 })).docs[0]
  clinic ??= await payload.create({ collection: 'clinics', context: QUIET, data: { name: 'Corpus Clinic', city: 'Pune' } })
  const doctorCount = (await payload.count({ collection: 'doctors' })).totalDocs
  for (let index = doctorCount; index < options.doctors; index += 1) {
    await payload.create({
      collection: 'doctors',
      context: QUIET,
      data: {
        name: `Dr. Corpus ${String(index).padStart(4, '0')}`,
        specialty: specialties[index % specialties.length].id,
        practicingSince: 1990 + (index % 30),
        qualifications: [{ qualification: 'MBBS' }, { qualification: 'MS' }],
        clinic: clinic.id,
        languagesSpoken: ['en', 'hi'],
        active: true,
      },
    })
  }
  // Each article features three doctors, as the seed article features its specialty's doctors.
  const doctorIds = (await payload.find({ collection: 'doctors', pagination: false, depth: 0, select: { name: true }, sort: 'name' })).docs.map((doctor) => doctor.id)
  // Articles go in through the database adapter (adapter-neutral, but without hooks, validation
  // and a version per save): the Local API's full save takes a third of a second per article here,
  // which would make a 2,000-article corpus take longer than the benchmark it serves. Translated
  // articles get what the workflow leaves after a translation is approved: a version holding the
  // translation and an approved translation record pointing at it. Each language carries the
  // readability score the save hook stores with its text.
  const existing = (await payload.count({ collection: 'articles' })).totalDocs
  let transactionID: string | number | null = null
  for (let index = existing; index < options.articles; index += 1) {
    if ((index - existing) % ARTICLES_PER_COMMIT === 0) {
      if (transactionID !== null) await payload.db.commitTransaction(transactionID)
      transactionID = (await payload.db.beginTransaction()) ?? null
    }
    const req = transactionID === null ? {} : { req: { transactionID } as PayloadRequest }
    const locales = translatedLocales(index)
    const texts: Texts = Object.fromEntries(['en', ...locales].map((locale) => [locale, articleTexts(index, locale === 'en' ? '' : `[${locale}] `)]))
    const now = new Date().toISOString()
    const data = {
      slug: `condition-${String(index).padStart(5, '0')}`,
      title: localized(texts, (text) => text.title),
      summary: localized(texts, (text) => text.summary),
      specialty: specialties[index % specialties.length].id,
      featuredDoctors: doctorIds.length > 0 ? [0, 1, 2].map((offset) => doctorIds[(index * 3 + offset) % doctorIds.length]) : [],
      sections: sectionsFor(texts),
      readability: readabilityOf(texts),
      lastUpdated: new Date(Date.UTC(2025, index % 12, 1 + (index % 28))).toISOString(),
      revision: 1,
      clinicalRevision: 1,
      workflowState: 'published',
      _status: 'published',
      createdAt: now,
      updatedAt: now,
    }
    const article = (await payload.db.create({ collection: 'articles', locale: 'en', data, ...req })) as Article
    if (locales.length > 0) {
      const version = await payload.db.createVersion({ collectionSlug: 'articles', parent: article.id, versionData: data, autosave: false, createdAt: now, updatedAt: now, ...req })
      for (const locale of locales) {
        await payload.db.create({
          collection: 'article-translations',
          data: {
            key: `${article.id}:${locale}`,
            article: article.id,
            locale,
            stage: 'approved',
            sourceFingerprints: {},
            basisClinicalRevision: 1,
            approvedAt: now,
            approvedVersionId: String(version.id),
            approvedRevision: 1,
            approvedClinicalRevision: 1,
            createdAt: now,
            updatedAt: now,
          },
          ...req,
        })
      }
    }
    onProgress?.(index + 1, options.articles)
  }
  if (transactionID !== null) await payload.db.commitTransaction(transactionID)
}
