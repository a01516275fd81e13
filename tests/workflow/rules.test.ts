import { addMonths, daysUntil, lastUpdatedAfterPublish, nextReviewDue, reviewDueHorizon } from '../../src/workflow/reviewDates'
import { WorkflowError } from '../../src/workflow/errors'
import { fingerprintSource, sourceContent, type ContentField } from '../../src/workflow/fingerprint'
import { DEFAULT_WORKFLOW_OPTIONS, workflowOptionsFromEnv } from '../../src/workflow/options'
import { selectReviewsDue } from '../../src/workflow/reviewDue'
import { lowersChangeKind } from '../../src/workflow/states'
import { parseTransitionRequest } from '../../src/workflow/transitionRequest'

const FIELDS: ContentField[] = [
  { name: 'title', type: 'text', localized: true },
  { name: 'slug', type: 'text' },
  { name: 'specialty', type: 'relationship' },
  {
    name: 'sections',
    type: 'array',
    fields: [
      { name: 'id', type: 'text' },
      { name: 'heading', type: 'text', localized: true },
      {
        name: 'content',
        type: 'blocks',
        blocks: [{ slug: 'prose', fields: [{ name: 'id', type: 'text' }, { name: 'body', type: 'richText', localized: true }] }],
      },
    ],
  },
  { name: 'workflowState', type: 'select' },
]

const article = (overrides: Record<string, unknown> = {}) => ({
  title: 'Bone metastases',
  slug: 'bone-metastases',
  specialty: 'orthopaedics-id',
  sections: [{ id: 'row-1', heading: 'Introduction', content: [{ id: 'block-1', blockType: 'prose', body: { root: { text: 'Bones' } } }] }],
  workflowState: 'draft',
  ...overrides,
})

describe('the fingerprint of the source content', () => {
  it('when only workflow fields, row ids or the form of a relation differ, then the fingerprint is the same', () => {
    const saved = article({ workflowState: 'approved', specialty: { id: 'orthopaedics-id', name: 'Orthopaedics' } })
    const renumbered = article({ sections: [{ id: 'row-9', heading: 'Introduction', content: [{ id: 'block-9', blockType: 'prose', body: { root: { text: 'Bones' } } }] }] })
    expect(fingerprintSource(FIELDS, saved)).toBe(fingerprintSource(FIELDS, article()))
    expect(fingerprintSource(FIELDS, renumbered)).toBe(fingerprintSource(FIELDS, article()))
  })

  it('when a heading, a body or a shared field changes, then the fingerprint changes', () => {
    const base = fingerprintSource(FIELDS, article())
    expect(fingerprintSource(FIELDS, article({ title: 'Bone metastases explained' }))).not.toBe(base)
    expect(fingerprintSource(FIELDS, article({ slug: 'bone-metastasis' }))).not.toBe(base)
    expect(
      fingerprintSource(FIELDS, article({ sections: [{ id: 'row-1', heading: 'Introduction', content: [{ id: 'block-1', blockType: 'prose', body: { root: { text: 'Joints' } } }] }] })),
    ).not.toBe(base)
  })

  it('when a translation is written in another locale, then the source view takes localized texts from the source and the rest from the write', () => {
    const source = article()
    const hindi = article({ title: 'अस्थि मेटास्टेसिस', sections: [{ id: 'row-1', heading: 'परिचय', content: [{ id: 'block-1', blockType: 'prose', body: { root: { text: 'हड्डियाँ' } } }] }] })
    expect(sourceContent(FIELDS, hindi, source)).toEqual(sourceContent(FIELDS, source))
    expect(fingerprintSource(FIELDS, hindi, source)).toBe(fingerprintSource(FIELDS, source))
    expect(fingerprintSource(FIELDS, { ...hindi, slug: 'changed-in-hindi' }, source)).not.toBe(fingerprintSource(FIELDS, source))
  })
})

describe('the dates of review', () => {
  it('when months are added to the end of a month, then the day is clamped to the end of the target month', () => {
    expect(addMonths(new Date('2025-01-31T10:00:00.000Z'), 1).toISOString()).toBe('2025-02-28T10:00:00.000Z')
    expect(addMonths(new Date('2024-01-31T10:00:00.000Z'), 1).toISOString()).toBe('2024-02-29T10:00:00.000Z')
    expect(addMonths(new Date('2025-07-03T00:00:00.000Z'), 12).toISOString()).toBe('2026-07-03T00:00:00.000Z')
  })

  it('when the next review is computed, then it is the review date plus the interval', () => {
    expect(nextReviewDue(new Date('2025-11-15T08:30:00.000Z'), 6).toISOString()).toBe('2026-05-15T08:30:00.000Z')
  })

  it('when a change is published, then clinical and editorial ones move "last updated" and a cosmetic one keeps it', () => {
    const publishedAt = new Date('2026-01-02T03:04:05.000Z')
    expect(lastUpdatedAfterPublish('clinical', '2025-07-03T00:00:00.000Z', publishedAt)).toBe(publishedAt.toISOString())
    expect(lastUpdatedAfterPublish('editorial', '2025-07-03T00:00:00.000Z', publishedAt)).toBe(publishedAt.toISOString())
    expect(lastUpdatedAfterPublish('cosmetic', '2025-07-03T00:00:00.000Z', publishedAt)).toBe('2025-07-03T00:00:00.000Z')
  })

  it('when days until a due date are counted, then calendar days in UTC count and the horizon lies after the last listed day', () => {
    const now = new Date('2026-03-10T23:00:00.000Z')
    expect(daysUntil(new Date('2026-03-11T01:00:00.000Z'), now)).toBe(1)
    expect(daysUntil(new Date('2026-03-10T00:00:00.000Z'), now)).toBe(0)
    expect(daysUntil(new Date('2026-03-01T12:00:00.000Z'), now)).toBe(-9)
    expect(reviewDueHorizon(now, 30).toISOString()).toBe('2026-04-10T00:00:00.000Z')
  })
})

describe('the review-due selection', () => {
  it('when articles have a mix of due dates and states, then the overdue and soon-due ones are listed soonest first', () => {
    const now = new Date('2026-03-10T12:00:00.000Z')
    const articles = [
      { id: 'in-40-days', nextReviewDue: '2026-04-19T00:00:00.000Z', workflowState: 'published' as const },
      { id: 'in-30-days', nextReviewDue: '2026-04-09T00:00:00.000Z', workflowState: 'published' as const },
      { id: 'overdue', nextReviewDue: '2025-12-01T00:00:00.000Z', workflowState: 'published' as const },
      { id: 'archived-overdue', nextReviewDue: '2025-01-01T00:00:00.000Z', workflowState: 'archived' as const },
      { id: 'never-reviewed', nextReviewDue: null, workflowState: 'draft' as const },
      { id: 'in-3-days', nextReviewDue: '2026-03-13T00:00:00.000Z', workflowState: 'in_review' as const },
    ]
    expect(selectReviewsDue(articles, now, 30).map((entry) => entry.id)).toEqual(['overdue', 'in-3-days', 'in-30-days'])
  })

  it('when a published article was never reviewed, then it is listed first, before the most overdue; a never-published draft and an archived one are not', () => {
    const now = new Date('2026-03-10T12:00:00.000Z')
    const articles = [
      { id: 'overdue', nextReviewDue: '2025-12-01T00:00:00.000Z', lastReviewed: '2024-12-01T00:00:00.000Z', revision: 3, workflowState: 'published' as const },
      { id: 'published-unreviewed', nextReviewDue: null, lastReviewed: null, revision: 1, workflowState: 'published' as const },
      { id: 'draft-unreviewed', nextReviewDue: null, lastReviewed: null, revision: 0, workflowState: 'draft' as const },
      { id: 'archived-unreviewed', nextReviewDue: null, lastReviewed: null, revision: 2, workflowState: 'archived' as const },
    ]
    expect(selectReviewsDue(articles, now, 30).map((entry) => entry.id)).toEqual(['published-unreviewed', 'overdue'])
  })
})

describe('a transition request', () => {
  const parse = (body: unknown) => parseTransitionRequest(body, DEFAULT_WORKFLOW_OPTIONS)
  const codeOf = (body: unknown) => {
    try {
      parse(body)
      return 'accepted'
    } catch (error) {
      return (error as WorkflowError).code
    }
  }

  it('when the body is well formed, then it is read with the note trimmed', () => {
    expect(parse({ to: 'in_review', changeKind: 'clinical', note: '  New dosage  ' })).toEqual({ to: 'in_review', changeKind: 'clinical', note: 'New dosage' })
  })

  it('when the body is not an object, names an unknown state or kind, or carries extra fields, then it is refused as malformed', () => {
    expect(codeOf(null)).toBe('WORKFLOW_BODY_INVALID')
    expect(codeOf([])).toBe('WORKFLOW_BODY_INVALID')
    expect(codeOf({ to: 'live' })).toBe('WORKFLOW_BODY_INVALID')
    expect(codeOf({ to: 'in_review', changeKind: 'major' })).toBe('WORKFLOW_BODY_INVALID')
    expect(codeOf({ to: 'in_review', changekind: 'clinical' })).toBe('WORKFLOW_BODY_INVALID')
    expect(codeOf({ to: 'published', changeKind: 'clinical' })).toBe('WORKFLOW_BODY_INVALID')
    expect(codeOf({ to: 'approved', note: 42 })).toBe('WORKFLOW_BODY_INVALID')
  })

  it('when changes are requested without a note, then the note is asked for', () => {
    expect(codeOf({ to: 'changes_requested', note: '   ' })).toBe('WORKFLOW_NOTE_REQUIRED')
    expect(codeOf({ to: 'changes_requested', note: 'Cite the 2024 guideline.' })).toBe('accepted')
  })
})

describe('the change kind and the options', () => {
  it('when a kind is compared with the submitted one, then only a less significant kind lowers it', () => {
    expect(lowersChangeKind('clinical', 'editorial')).toBe(true)
    expect(lowersChangeKind('editorial', 'clinical')).toBe(false)
    expect(lowersChangeKind('cosmetic', 'cosmetic')).toBe(false)
    expect(lowersChangeKind(null, 'cosmetic')).toBe(false)
  })

  it('when the environment sets the interval and horizon, then they are used, and nonsense is refused with the variable named', () => {
    expect(workflowOptionsFromEnv({ REVIEW_INTERVAL_MONTHS: '6', REVIEW_DUE_WITHIN_DAYS: '14' })).toMatchObject({ defaultReviewIntervalMonths: 6, reviewDueWithinDays: 14 })
    expect(workflowOptionsFromEnv({})).toMatchObject({ defaultReviewIntervalMonths: 12, reviewDueWithinDays: 30 })
    expect(() => workflowOptionsFromEnv({ REVIEW_INTERVAL_MONTHS: 'twelve' })).toThrow(/REVIEW_INTERVAL_MONTHS="twelve"/)
  })
})
