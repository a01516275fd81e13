import { richTextFromParagraphs } from '../../src/content/lexical'

let counter = 0

/** A unique slug per call, so tests in one library never collide. */
export function uniqueSlug(prefix: string): string {
  counter += 1
  return `${prefix}-${Date.now().toString(36)}-${counter}`
}

/** The data of a small, valid article in English; pass what a test cares about. */
export function articleData(specialty: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Understanding Osteoporosis',
    slug: uniqueSlug('osteoporosis'),
    summary: 'What osteoporosis is and how it is treated.',
    specialty,
    changelogNote: 'First published.',
    sections: [
      {
        heading: 'Introduction',
        content: [{ blockType: 'prose', body: richTextFromParagraphs(['Osteoporosis makes bones weak and brittle.']) }],
      },
      {
        heading: 'Symptoms',
        content: [{ blockType: 'termList', items: [{ term: 'Back pain', explanation: 'Caused by a fractured or collapsed vertebra.' }] }],
      },
    ],
    ...overrides,
  }
}

/** How the seed leaves bone-metastases: published as revision 1 of 3 Jul 2025, with no clinician's review claimed. */
export const SEEDED_ARTICLE_STATE = {
  _status: 'published',
  workflowState: 'published',
  revision: 1,
  clinicalRevision: 1,
  lastUpdated: '2025-07-03T00:00:00.000Z',
  lastReviewed: null,
  reviewedBy: null,
  nextReviewDue: null,
} as const

export const SEEDED = {
  admin: { email: 'admin@vitalpress.example', password: 'vitalpress-admin' },
  editor: { email: 'editor@vitalpress.example', password: 'vitalpress-staff' },
  reviewer: { email: 'reviewer@vitalpress.example', password: 'vitalpress-staff' },
  translatorHi: { email: 'translator.hi@vitalpress.example', password: 'vitalpress-staff' },
} as const
