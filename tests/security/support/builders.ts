import { randomBytes } from 'node:crypto'
import sharp from 'sharp'

import type { CollectionFixture } from './probes'

/** A short unique suffix, so records made by parallel attempts never collide on a unique field. */
export const unique = () => randomBytes(4).toString('hex')

export const clinicData = () => ({ name: `Matrix Clinic ${unique()}`, city: 'Pune' })

export const specialtyData = () => {
  const suffix = unique()
  return { name: `Matrix Specialty ${suffix}`, slug: `matrix-specialty-${suffix}`, doctorTitle: { singular: 'Specialist', plural: 'Specialists' } }
}

export const doctorData = (specialty: string, clinic: string, active = true) => ({
  name: `Dr. Matrix ${unique()}`,
  specialty,
  clinic,
  practicingSince: 2010,
  active,
})

/** An article with one section of terms (no rich text, so the same data works on every surface). */
export const articleData = (specialty: string) => {
  const suffix = unique()
  return {
    title: `Matrix article ${suffix}`,
    slug: `matrix-article-${suffix}`,
    summary: 'An article the access matrix works on.',
    specialty,
    sections: [{ heading: 'Terms', content: [{ blockType: 'termList', items: [{ term: 'Term', explanation: 'Explanation.' }] }] }],
  }
}

export const userData = (roles: string[] = ['editor']) => {
  const suffix = unique()
  return { email: `matrix-${suffix}@vitalpress.example`, name: `Matrix ${suffix}`, password: `matrix-password-${suffix}`, roles }
}

export const webhookEndpointData = () => ({ name: `Matrix site ${unique()}`, url: 'https://hooks.example.org/vitalpress', events: ['article.published'] })

export const preferenceData = (forgedOwner: string) => ({ key: `matrix-${unique()}`, value: { columns: [] }, user: { relationTo: 'users', value: forgedOwner } })

export const lockedDocumentData = (clinic: string, user: string) => ({
  document: { relationTo: 'clinics', value: clinic },
  user: { relationTo: 'users', value: user },
})

export const subscriberEmail = () => `matrix-${unique()}@readers.example`

/** A small real PNG, so an allowed upload goes through every image check. */
export const pngImage = () => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 120, b: 90 } } }).png().toBuffer()

/** An id no record has, for operations whose access is checked before the record is looked up. */
export const NONEXISTENT_ID = '00000000-0000-4000-8000-000000000000'

/**
 * Well-formed records of the collections only the server writes. GraphQL checks a mutation's input
 * against the schema before any access rule runs, so an attempt must be well formed to reach one.
 */
export function systemRecordData(surface: 'rest' | 'graphql' | 'local', ids: { article: string; webhookEndpoint: string }): Record<string, () => Record<string, unknown>> {
  const enumValue = (value: string) => (surface === 'graphql' ? value.replace(/\W/g, '_') : value)
  const expiresAt = new Date(Date.now() + 60_000).toISOString()
  return {
    'workflow-events': () => ({ article: ids.article, from: 'draft', to: 'published' }),
    'article-translations': () => ({ key: `${ids.article}:${unique()}`, article: ids.article, locale: 'hi', stage: 'approved', sourceFingerprints: {}, basisClinicalRevision: 0 }),
    subscribers: () => ({ email: subscriberEmail(), language: 'en', status: 'confirmed' }),
    'newsletter-sends': () => ({ key: `send-${unique()}`, article: ids.article, revision: 1, changeKind: 'clinical', status: 'sending' }),
    'newsletter-deliveries': () => ({ key: `delivery-${unique()}`, send: NONEXISTENT_ID, subscriber: NONEXISTENT_ID, email: subscriberEmail(), language: 'en', status: 'queued' }),
    'webhook-deliveries': () => ({
      key: `delivery-${unique()}`,
      endpoint: ids.webhookEndpoint,
      eventId: `evt-${unique()}`,
      eventType: enumValue('article.published'),
      body: '{}',
      status: 'pending',
    }),
    leases: () => ({ name: `lease-${unique()}`, holder: 'matrix', expiresAt }),
    'payload-kv': () => ({ key: `matrix-${unique()}`, data: {} }),
  }
}

/** Makes a record the way a matrix test sets up its world (the server's own write, or an admin's request) and gives its id. */
export type RecordMaker = (collection: string, data: Record<string, unknown>, options?: { draft?: boolean }) => Promise<string>

/** The records the content collections' cells act on, made the same way whichever surface the test checks. */
export async function contentFixtures(
  make: RecordMaker,
  known: { specialty: string; clinic: string; published: string; draft: string; activeDoctor: string },
): Promise<Record<'articles' | 'doctors' | 'clinics' | 'specialties', CollectionFixture>> {
  const { specialty, clinic } = known
  return {
    articles: {
      drafts: true,
      localized: true,
      createData: () => articleData(specialty),
      publicIds: [known.published],
      privateIds: [known.draft],
      updateTarget: known.draft,
      updateData: { title: 'Matrix title, changed' },
      throwaway: async () => ({ other: await make('articles', articleData(specialty), { draft: true }) }),
    },
    doctors: {
      createData: () => doctorData(specialty, clinic),
      publicIds: [known.activeDoctor],
      privateIds: [await make('doctors', doctorData(specialty, clinic, false))],
      updateTarget: await make('doctors', doctorData(specialty, clinic, false)),
      updateData: { practicingSince: 2011 },
      throwaway: async () => ({ other: await make('doctors', doctorData(specialty, clinic)) }),
    },
    clinics: {
      createData: clinicData,
      publicIds: [clinic],
      updateTarget: await make('clinics', clinicData()),
      updateData: { name: `Matrix Clinic ${unique()}` },
      throwaway: async () => ({ other: await make('clinics', clinicData()) }),
    },
    specialties: {
      createData: specialtyData,
      publicIds: [specialty],
      updateTarget: await make('specialties', specialtyData()),
      // GraphQL's update input wants the whole group once it has required fields.
      updateData: { reviewIntervalMonths: 6, doctorTitle: { singular: 'Specialist', plural: 'Specialists' } },
      throwaway: async () => ({ other: await make('specialties', specialtyData()) }),
    },
  }
}
