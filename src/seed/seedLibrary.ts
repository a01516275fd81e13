import type { Payload } from 'payload'

import { richTextFromParagraphs } from '../content/lexical'
import type { Config } from '../payload-types'
import boneMetastases from './fixtures/bone-metastases.json' with { type: 'json' }
import { SEED_CONTEXT, seedUsers } from './seedUsers'
import { fingerprintSource, type ContentField } from '../workflow/fingerprint'

type Fixture = typeof boneMetastases
type FixtureBlock = Fixture['sections'][number]['content'][number]

/** How the seed's directory entries read in each shipped language. */
const ORTHOPAEDICS = {
  slug: 'orthopaedics',
  name: { en: 'Orthopaedics', hi: 'अस्थि रोग विज्ञान', ta: 'எலும்பியல்' },
  singular: { en: 'Orthopaedician', hi: 'अस्थि रोग विशेषज्ञ', ta: 'எலும்பியல் நிபுணர்' },
  plural: { en: 'Orthopaedicians', hi: 'अस्थि रोग विशेषज्ञों', ta: 'எலும்பியல் நிபுணர்களை' },
}

const CITY_NAMES: Record<string, Partial<Record<Config['locale'], string>>> = {
  Bengaluru: { hi: 'बेंगलुरु', ta: 'பெங்களூரு' },
  Bangalore: { hi: 'बैंगलोर', ta: 'பெங்களூர்' },
  Pune: { hi: 'पुणे', ta: 'புனே' },
}

export interface SeedReport {
  created: string[]
  existing: string[]
}

function sectionContent(block: FixtureBlock) {
  if (block.blockType === 'prose') {
    return { blockType: 'prose' as const, body: richTextFromParagraphs((block as { paragraphs: string[] }).paragraphs) }
  }
  const items = (block as { items: { term: string; explanation: string; subItems?: { term: string; explanation: string }[] }[] }).items
  return {
    blockType: 'termList' as const,
    items: items.map((item) => ({
      term: item.term,
      explanation: item.explanation,
      subItems: (item.subItems ?? []).map((sub) => ({ term: sub.term, explanation: sub.explanation })),
    })),
  }
}

async function findOne(payload: Payload, collection: 'specialties' | 'clinics' | 'doctors' | 'articles', field: string, value: string) {
  const found = await payload.find({
    collection,
    where: { [field]: { equals: value } },
    limit: 1,
    depth: 0,
    draft: collection === 'articles',
    pagination: false,
  })
  return found.docs[0] as { id: string } | undefined
}

/**
 * Loads the library's starting content: the Orthopaedics specialty, the bone metastases
 * article with its five doctors and their clinics, and one user of each role. Records that
 * exist already are left as they are, so running it again changes nothing.
 */
export async function seedLibrary(payload: Payload): Promise<SeedReport> {
  const report: SeedReport = { created: [], existing: [] }
  const note = (created: boolean, what: string) => (created ? report.created : report.existing).push(what)

  await seedUsers(payload, note)

  let specialty = await findOne(payload, 'specialties', 'slug', ORTHOPAEDICS.slug)
  note(!specialty, `specialty ${ORTHOPAEDICS.slug}`)
  if (!specialty) {
    specialty = await payload.create({
      collection: 'specialties',
      locale: 'en',
      context: SEED_CONTEXT,
      data: {
        slug: ORTHOPAEDICS.slug,
        name: ORTHOPAEDICS.name.en,
        doctorTitle: { singular: ORTHOPAEDICS.singular.en, plural: ORTHOPAEDICS.plural.en },
      },
    })
    for (const locale of ['hi', 'ta'] as const) {
      await payload.update({
        collection: 'specialties',
        id: specialty.id,
        locale,
        context: SEED_CONTEXT,
        data: { name: ORTHOPAEDICS.name[locale], doctorTitle: { singular: ORTHOPAEDICS.singular[locale], plural: ORTHOPAEDICS.plural[locale] } },
      })
    }
  }

  const doctorIds: string[] = []
  for (const doctor of boneMetastases.doctors) {
    let clinic = await findOne(payload, 'clinics', 'name', doctor.clinic)
    note(!clinic, `clinic ${doctor.clinic}`)
    if (!clinic) {
      clinic = await payload.create({ collection: 'clinics', locale: 'en', context: SEED_CONTEXT, data: { name: doctor.clinic, city: doctor.city } })
      for (const [locale, city] of Object.entries(CITY_NAMES[doctor.city] ?? {}) as [Config['locale'], string][]) {
        await payload.update({ collection: 'clinics', id: clinic.id, locale, context: SEED_CONTEXT, data: { city } })
      }
    }
    let record = await findOne(payload, 'doctors', 'name', doctor.name)
    note(!record, `doctor ${doctor.name}`)
    if (!record) {
      record = await payload.create({
        collection: 'doctors',
        context: SEED_CONTEXT,
        data: {
          name: doctor.name,
          specialty: specialty.id,
          practicingSince: doctor.practicingSince,
          qualifications: doctor.qualifications.map((qualification) => ({ qualification })),
          clinic: clinic.id,
          languagesSpoken: ['en', 'hi'],
          active: true,
        },
      })
    }
    doctorIds.push(record.id)
  }

  const article = await findOne(payload, 'articles', 'slug', boneMetastases.slug)
  note(!article, `article ${boneMetastases.slug}`)
  if (!article) {
    const content = {
      slug: boneMetastases.slug,
      title: boneMetastases.title,
      summary: boneMetastases.summary,
      specialty: specialty.id,
      featuredDoctors: doctorIds,
      sections: boneMetastases.sections.map((section) => ({
        heading: section.heading,
        content: section.content.map(sectionContent),
      })),
    }
    await payload.create({
      collection: 'articles',
      locale: 'en',
      context: SEED_CONTEXT,
      data: { ...content, ...(await firstPublication(payload, content)), _status: 'published' },
    })
  }
  return report
}

/**
 * The seeded article stands as its source page does: published on the page's "Last updated" date
 * as revision 1, with an approval fingerprint that covers exactly its content so later edits go
 * through review. The source names no clinical review, so none is claimed: no review date, no
 * reviewer and no next review date. It is listed as never reviewed until a reviewer approves it.
 */
async function firstPublication(payload: Payload, content: Record<string, unknown>) {
  const publishedOn = new Date(`${boneMetastases.lastUpdated}T00:00:00.000Z`)
  const fields = payload.collections.articles.config.fields as unknown as ContentField[]
  return {
    workflowState: 'published' as const,
    changeKind: 'clinical' as const,
    revision: 1,
    clinicalRevision: 1,
    lastUpdated: publishedOn.toISOString(),
    approvedFingerprint: fingerprintSource(fields, content),
  }
}
