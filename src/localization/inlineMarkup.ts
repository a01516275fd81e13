import { FORMAT_SUBTYPES, type Inline } from './inlineContent'

/**
 * The text form of a unit's inline content in the side-by-side editor, as translation tools show
 * inline codes: formatting as short tags (`<b>`, `<i>`, `<u>`, `<s>`, `<code>`, `<sub>`, `<sup>`,
 * `<mark>`), the source's links as `<l1>…</l1>`, line breaks as `<br/>` and anything else kept
 * from the source as `<o1/>`. It is read back into inline content, never stored as text.
 */

const TAG_OF_BIT = new Map<number, string>([
  [1, 'b'],
  [2, 'i'],
  [4, 's'],
  [8, 'u'],
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
  [128, 'mark'],
])
const BIT_OF_TAG = new Map([...TAG_OF_BIT].map(([bit, tag]) => [tag, bit]))
const FORMAT_BITS = FORMAT_SUBTYPES.map((format) => format.bit)

export function markupFromInline(inline: Inline[] | null | undefined): string {
  return (inline ?? [])
    .map((part) => {
      switch (part.kind) {
        case 'text': {
          const tags = FORMAT_BITS.filter((bit) => part.format & bit).map((bit) => TAG_OF_BIT.get(bit) as string)
          return `${tags.map((tag) => `<${tag}>`).join('')}${part.text}${[...tags].reverse().map((tag) => `</${tag}>`).join('')}`
        }
        case 'break':
          return '<br/>'
        case 'link':
          return `<${part.ref}>${markupFromInline(part.children)}</${part.ref}>`
        case 'opaque':
          return `<${part.ref}/>`
      }
    })
    .join('')
}

export interface MarkupProblem {
  code: 'MARKUP_UNBALANCED' | 'MARKUP_UNKNOWN_REFERENCE'
  tag: string
}

interface Frame {
  tag: string
  bit: number
  /** Where text goes: the root's or a link's children. */
  children: Inline[]
}

const TOKEN = /<(\/?)([a-z]+\d*)(\/?)>/g

/**
 * Reads the editor's text back into inline content. `links` and `placeholders` are the refs the
 * source has (a translation may use, move or drop them, never invent them); tags that are none of
 * the known ones are text. Problems are returned, not thrown, so every one can be shown at once.
 */
export function inlineFromMarkup(text: string, refs: { links: string[]; placeholders: string[] }): { inline: Inline[]; problems: MarkupProblem[] } {
  const problems: MarkupProblem[] = []
  const root: Frame = { tag: '', bit: 0, children: [] }
  const stack: Frame[] = [root]
  const container = () => [...stack].reverse().find((frame) => frame.bit === 0) as Frame
  const format = () => stack.reduce((bits, frame) => bits | frame.bit, 0)
  const pushText = (value: string) => {
    if (value) container().children.push({ kind: 'text', text: value, format: format() })
  }

  let last = 0
  for (const match of text.matchAll(TOKEN)) {
    const [whole, closing, tag, selfClosing] = match
    const known = BIT_OF_TAG.has(tag) || tag === 'br' || refs.links.includes(tag) || refs.placeholders.includes(tag) || /^[lo]\d+$/.test(tag)
    if (!known) continue
    pushText(text.slice(last, match.index))
    last = (match.index ?? 0) + whole.length
    if (selfClosing || tag === 'br') {
      if (tag === 'br') container().children.push({ kind: 'break' })
      else if (refs.placeholders.includes(tag)) container().children.push({ kind: 'opaque', ref: tag })
      else problems.push({ code: refs.links.includes(tag) ? 'MARKUP_UNBALANCED' : 'MARKUP_UNKNOWN_REFERENCE', tag })
      continue
    }
    if (!closing) {
      if (BIT_OF_TAG.has(tag)) {
        stack.push({ tag, bit: BIT_OF_TAG.get(tag) as number, children: [] })
      } else if (refs.links.includes(tag)) {
        const link: Inline = { kind: 'link', ref: tag, children: [] }
        container().children.push(link)
        stack.push({ tag, bit: 0, children: link.children })
      } else {
        problems.push({ code: 'MARKUP_UNKNOWN_REFERENCE', tag })
      }
      continue
    }
    if (stack.length > 1 && stack[stack.length - 1].tag === tag) stack.pop()
    else problems.push({ code: 'MARKUP_UNBALANCED', tag })
  }
  pushText(text.slice(last))
  for (const frame of stack.slice(1)) problems.push({ code: 'MARKUP_UNBALANCED', tag: frame.tag })
  return { inline: root.children, problems }
}
