import type { LexicalNode } from '../../src/localization/inlineContent'

/** Builders of rich text as the editor stores it (Lexical JSON): text runs, links, line breaks, paragraphs. */
export const text = (value: string, format = 0): LexicalNode => ({ type: 'text', text: value, format, detail: 0, mode: 'normal', style: '', version: 1 })
export const link = (url: string, ...children: LexicalNode[]): LexicalNode => ({
  type: 'link',
  fields: { url, newTab: false, linkType: 'custom' },
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 3,
})
export const lineBreak = (): LexicalNode => ({ type: 'linebreak', version: 1 })
export const paragraph = (...children: LexicalNode[]): LexicalNode => ({
  type: 'paragraph',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  textFormat: 0,
  textStyle: '',
})
export const richText = (...paragraphs: LexicalNode[]) => ({
  root: { type: 'root', children: paragraphs, direction: 'ltr', format: '', indent: 0, version: 1 },
})
