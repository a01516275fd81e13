import type { Block, Field } from 'payload'

/** Running text of a section: paragraphs with inline formatting and links. */
const Prose: Block = {
  slug: 'prose',
  labels: { singular: 'Text', plural: 'Text' },
  fields: [{ name: 'body', type: 'richText', required: true, localized: true }],
}

const termFields: Field[] = [
  { name: 'term', type: 'text', required: true, localized: true },
  { name: 'explanation', type: 'textarea', required: true, localized: true },
]

/** A list of "Term: explanation" items, as in "Bone Pain: The most common symptom …". */
const TermList: Block = {
  slug: 'termList',
  labels: { singular: 'Term list', plural: 'Term lists' },
  fields: [
    {
      name: 'items',
      type: 'array',
      required: true,
      minRows: 1,
      labels: { singular: 'Term', plural: 'Terms' },
      fields: [
        ...termFields,
        {
          name: 'subItems',
          type: 'array',
          labels: { singular: 'Sub-term', plural: 'Sub-terms' },
          admin: { description: 'Terms listed under this one, such as the cancer types under "Primary Cancer Type".' },
          fields: termFields,
        },
      ],
    },
  ],
}

/**
 * A section's structure is shared by every language and only its texts are localized, so a
 * translation always has the same sections as its source and each can be tracked on its own.
 */
export const sectionFields: Field[] = [
  { name: 'heading', type: 'text', required: true, localized: true },
  { name: 'content', type: 'blocks', required: true, minRows: 1, blocks: [Prose, TermList] },
]
