import { lineDiff, reviewDiff, wordDiff, type SourceContent } from '../../src/workflow/reviewDiff'
import { paragraph, richText, text } from '../support/richText'

/** An article's English content with the given sections, as the review diff reads it. */
function content(sections: Array<{ id: string; heading: string; paragraphs?: string[]; terms?: Array<[string, string]> }>, overrides: Partial<SourceContent> = {}): SourceContent {
  return {
    title: 'Understanding Bone Metastases',
    summary: 'What they are.',
    changelogNote: 'First published.',
    sections: sections.map((section) => ({
      id: section.id,
      heading: section.heading,
      content: [
        ...(section.paragraphs ? [{ blockType: 'prose', body: richText(...section.paragraphs.map((line) => paragraph(text(line)))) }] : []),
        ...(section.terms ? [{ blockType: 'termList', items: section.terms.map(([term, explanation]) => ({ term, explanation })) }] : []),
      ],
    })) as SourceContent['sections'],
    ...overrides,
  }
}

describe('the review diff', () => {
  it('when one explanation of a term list changes, then only that section is changed and the changed words are marked', () => {
    const before = content([
      { id: 's1', heading: 'Introduction', paragraphs: ['Bone metastases occur when cancer spreads to bone.'] },
      { id: 's2', heading: 'Symptoms', terms: [['Bone Pain', 'The most common symptom.'], ['Fractures', 'Weakened bones may break.']] },
    ])
    const after = content([
      { id: 's1', heading: 'Introduction', paragraphs: ['Bone metastases occur when cancer spreads to bone.'] },
      { id: 's2', heading: 'Symptoms', terms: [['Bone Pain', 'The most common and earliest symptom.'], ['Fractures', 'Weakened bones may break.']] },
    ])

    const diff = reviewDiff(before, after)

    expect(diff.sections.map((section) => [section.heading, section.status])).toEqual([
      ['Introduction', 'unchanged'],
      ['Symptoms', 'changed'],
    ])
    expect(diff.sections[1].lines).toEqual([
      { kind: 'same', text: 'Symptoms' },
      {
        kind: 'changed',
        segments: [
          { kind: 'same', text: 'Bone Pain: The most common ' },
          { kind: 'added', text: 'and earliest ' },
          { kind: 'same', text: 'symptom.' },
        ],
      },
      { kind: 'same', text: 'Fractures: Weakened bones may break.' },
    ])
    expect(diff.unchanged).toBe(false)
  })

  it('when a section is added and another removed, then they are listed as added and removed, matched by row id not heading', () => {
    const before = content([
      { id: 's1', heading: 'Introduction', paragraphs: ['One.'] },
      { id: 's2', heading: 'Old section', paragraphs: ['Gone.'] },
    ])
    const after = content([
      { id: 's1', heading: 'Overview', paragraphs: ['One.'] },
      { id: 's3', heading: 'New section', paragraphs: ['Fresh.'] },
    ])

    const diff = reviewDiff(before, after)

    expect(diff.sections.map((section) => [section.id, section.status, section.position])).toEqual([
      ['s1', 'changed', 1],
      ['s3', 'added', 2],
      ['s2', 'removed', 2],
    ])
    expect(diff.sections[0].lines[0]).toEqual({ kind: 'changed', segments: [{ kind: 'removed', text: 'Introduction' }, { kind: 'added', text: 'Overview' }] })
  })

  it('when there is no approved version, then every section is added; when nothing changed, then the diff says so', () => {
    const article = content([{ id: 's1', heading: 'Introduction', paragraphs: ['One.'] }])

    expect(reviewDiff(null, article).sections[0].status).toBe('added')
    expect(reviewDiff(article, structuredClone(article)).unchanged).toBe(true)
  })

  it('when the changelog note and a reference change, then both are reported besides the sections', () => {
    const before = content([{ id: 's1', heading: 'A', paragraphs: ['x'] }], { references: [{ citation: 'WHO 2020', url: 'https://who.int/a' }] })
    const after = content([{ id: 's1', heading: 'A', paragraphs: ['x'] }], {
      changelogNote: 'Dosage updated.',
      references: [{ citation: 'WHO 2024', url: 'https://who.int/a' }],
    })

    const diff = reviewDiff(before, after)

    expect(diff.changelogNote.status).toBe('changed')
    expect(diff.references.status).toBe('changed')
    expect(diff.sections[0].status).toBe('unchanged')
  })

  it('when lines are inserted between unchanged ones, then the unchanged lines stay aligned', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'b', 'c'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'b' },
      { kind: 'same', text: 'c' },
    ])
    expect(wordDiff('take 5 mg daily', 'take 10 mg daily')).toEqual([
      { kind: 'same', text: 'take ' },
      { kind: 'removed', text: '5' },
      { kind: 'added', text: '10' },
      { kind: 'same', text: ' mg daily' },
    ])
  })
})
