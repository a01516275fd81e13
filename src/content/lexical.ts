/** The smallest Lexical editor state that Payload's rich-text field accepts. */
export type LexicalState = {
  root: {
    type: 'root'
    children: LexicalBlockNode[]
    direction: 'ltr' | 'rtl' | null
    format: ''
    indent: 0
    version: 1
  }
}

type LexicalTextNode = {
  type: 'text'
  text: string
  format: number
  detail: 0
  mode: 'normal'
  style: ''
  version: 1
}

type LexicalBlockNode = {
  type: 'paragraph'
  children: LexicalTextNode[]
  direction: 'ltr' | 'rtl' | null
  format: ''
  indent: 0
  version: 1
  textFormat: 0
  textStyle: ''
}

/** Builds a rich-text value from plain paragraphs, as a seed or an import needs it. */
export function richTextFromParagraphs(paragraphs: string[], direction: 'ltr' | 'rtl' = 'ltr'): LexicalState {
  return {
    root: {
      type: 'root',
      direction,
      format: '',
      indent: 0,
      version: 1,
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        direction,
        format: '',
        indent: 0,
        version: 1,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      })),
    },
  }
}
