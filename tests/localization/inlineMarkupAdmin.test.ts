import type { Inline } from '../../src/localization/inlineContent'
import { inlineFromMarkup, markupFromInline } from '../../src/localization/inlineMarkup'

const refs = { links: ['l1'], placeholders: ['o1'] }

describe('the side-by-side editor markup', () => {
  it('when inline content with formatting, a link, a break and a placeholder is written and read back, then it is the same content', () => {
    const inline: Inline[] = [
      { kind: 'text', text: 'Bone pain is ', format: 0 },
      { kind: 'text', text: 'the most common', format: 3 },
      { kind: 'text', text: ' symptom; see ', format: 0 },
      { kind: 'link', ref: 'l1', children: [{ kind: 'text', text: 'pain relief', format: 2 }] },
      { kind: 'break' },
      { kind: 'opaque', ref: 'o1' },
    ]

    const markup = markupFromInline(inline)
    const read = inlineFromMarkup(markup, refs)

    expect(markup).toBe('Bone pain is <b><i>the most common</i></b> symptom; see <l1><i>pain relief</i></l1><br/><o1/>')
    expect(read).toEqual({ inline, problems: [] })
  })

  it('when a translator moves formatting around a link, then the link keeps the bold of the words around it', () => {
    expect(inlineFromMarkup('<b>देखें <l1>दर्द से राहत</l1></b>', refs).inline).toEqual([
      { kind: 'text', text: 'देखें ', format: 1 },
      { kind: 'link', ref: 'l1', children: [{ kind: 'text', text: 'दर्द से राहत', format: 1 }] },
    ])
  })

  it('when a tag is left open or a link is not one of the source, then each is reported', () => {
    const { problems } = inlineFromMarkup('<b>open <l7>invented</l7>', refs)

    expect(problems).toEqual([
      { code: 'MARKUP_UNKNOWN_REFERENCE', tag: 'l7' },
      { code: 'MARKUP_UNBALANCED', tag: 'l7' },
      { code: 'MARKUP_UNBALANCED', tag: 'b' },
    ])
  })

  it('when the text holds angle brackets that are no tag, then they stay text', () => {
    expect(inlineFromMarkup('PSA < 4 ng/mL <script>', refs)).toEqual({ inline: [{ kind: 'text', text: 'PSA < 4 ng/mL <script>', format: 0 }], problems: [] })
  })
})
