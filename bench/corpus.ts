import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import { richTextFromParagraphs } from '../src/content/lexical'
import type { Article } from '../src/payload-types'

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

/** The adapter stores localized fields as they come from Payload's own save: keyed by locale. */
const en = <T>(value: T) => ({ en: value })

function sectionsFor(texts: ReturnType<typeof articleTexts>) {
  return texts.headings.map((heading, section) => ({
    id: rowId(),
    heading: en(heading),
    content: [
      { id: rowId(), blockType: 'prose' as const, body: en(richTextFromParagraphs([texts.paragraphs[section]])) },
      { id: rowId(), blockType: 'termList' as const, items: texts.terms.map((item) => ({ id: rowId(), term: en(item.term), explanation: en(item.explanation), subItems: [] })) },
    ],
  }))
}

/**
 * Grows a library to the given size: specialties, clinics, doctors and published articles
 * (each with sections of prose and term lists, in English: the other languages fall back).
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
  // Articles go in through the database adapter (adapter-neutral, but without hooks, validation
  // and a version per save): the Local API's full save takes a third of a second per article here,
  // which would make a 2,000-article corpus take longer than the benchmark it serves.
  const existing = (await payload.count({ collection: 'articles' })).totalDocs
  for (let index = existing; index < options.articles; index += 1) {
    const english = articleTexts(index, '')
    const now = new Date().toISOString()
    const article = (await payload.db.create({
      collection: 'articles',
      locale: 'en',
      data: {
        slug: `condition-${String(index).padStart(5, '0')}`,
        title: en(english.title),
        summary: en(english.summary),
        specialty: specialties[index % specialties.length].id,
        sections: sectionsFor(english),
        lastUpdated: new Date(Date.UTC(2025, index % 12, 1 + (index % 28))).toISOString(),
        revision: 1,
        clinicalRevision: 1,
        workflowState: 'published',
        _status: 'published',
        createdAt: now,
        updatedAt: now,
      },
    })) as Article
    onProgress?.(index + 1, options.articles)
  }
}
