import type { ArticleInAllLocales } from '../../../src/localization/articleUnits'
import { lineBreak, link, paragraph, richText, text } from '../../support/richText'

/** A paragraph with bold, italic, a link and a line break: the formatting a round trip must keep. */
export const formattedParagraph = () =>
  paragraph(text('Bone pain is '), text('the most common', 1), text(' symptom; see '), link('https://example.org/pain', text('pain relief', 2)), lineBreak(), text('Ask your doctor.'))

/** An article of two sections in the shape of a `locale: 'all'` read. */
export function articleInAllLocales(overrides: Partial<ArticleInAllLocales> = {}): ArticleInAllLocales {
  return {
    id: 'a1',
    slug: 'bone-metastases',
    revision: 2,
    clinicalRevision: 1,
    title: { en: 'Bone metastases' },
    summary: { en: 'What they are.' },
    sections: [
      { id: 's1', heading: { en: 'Symptoms' }, content: [{ id: 'b1', blockType: 'prose', body: { en: richText(formattedParagraph(), paragraph(text('Second paragraph.'))) } }] },
      {
        id: 's2',
        heading: { en: 'Causes' },
        content: [
          {
            id: 'b2',
            blockType: 'termList',
            items: [{ id: 'i1', term: { en: 'Primary cancer' }, explanation: { en: 'Where it started.' }, subItems: [{ id: 'i2', term: { en: 'Breast' }, explanation: { en: 'Common.' } }] }],
          },
        ],
      },
    ],
    ...overrides,
  }
}
