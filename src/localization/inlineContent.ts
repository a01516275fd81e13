/**
 * The text of one translatable unit with its inline formatting, independent of Lexical and of
 * XLIFF: runs of text with format bits, line breaks, links, and anything else kept as an opaque
 * placeholder that is copied from the source. A translation may reorder, nest and drop formatting,
 * but links and placeholders always keep their source's target (a translator cannot add a URL).
 */
export type Inline =
  | { kind: 'text'; text: string; format: number }
  | { kind: 'break' }
  | { kind: 'link'; ref: string; children: Inline[] }
  | { kind: 'opaque'; ref: string }

/** Lexical's text format bits, with the XLIFF 2.0 `subType` each is exchanged as. */
export const FORMAT_SUBTYPES: ReadonlyArray<{ bit: number; subType: string; label: string }> = [
  { bit: 1, subType: 'xlf:b', label: 'bold' },
  { bit: 2, subType: 'xlf:i', label: 'italic' },
  { bit: 4, subType: 'vp:s', label: 'strikethrough' },
  { bit: 8, subType: 'xlf:u', label: 'underline' },
  { bit: 16, subType: 'vp:code', label: 'code' },
  { bit: 32, subType: 'vp:sub', label: 'subscript' },
  { bit: 64, subType: 'vp:sup', label: 'superscript' },
  { bit: 128, subType: 'vp:hl', label: 'highlight' },
]

/** A minimal view of a serialized Lexical node; the rich-text JSON is not typed more closely. */
export interface LexicalNode {
  type: string
  children?: LexicalNode[]
  [key: string]: unknown
}

/** Nodes that hold inline content directly; lists are walked into their items. */
const LEAF_CONTAINERS = new Set(['paragraph', 'heading', 'quote', 'listitem'])

/**
 * The containers of a rich-text value whose inline content is translated, in document order: each
 * paragraph, heading, quote and list item. The path of indexes locates each in the tree.
 */
export function leafContainers(root: LexicalNode): Array<{ path: number[]; node: LexicalNode }> {
  const found: Array<{ path: number[]; node: LexicalNode }> = []
  const walk = (node: LexicalNode, path: number[]) => {
    ;(node.children ?? []).forEach((child, index) => {
      const childPath = [...path, index]
      if (LEAF_CONTAINERS.has(child.type)) found.push({ path: childPath, node: child })
      if (child.type === 'list' || child.type === 'listitem') walk(child, childPath)
    })
  }
  walk(root, [])
  return found
}

/** The inline content of a container: its children, less nested lists (they are containers of their own). */
function inlineChildren(container: LexicalNode): LexicalNode[] {
  return (container.children ?? []).filter((child) => child.type !== 'list')
}

/**
 * Converts a container's Lexical children to inline content. `refs` names links and opaque nodes
 * by their position (`l1`, `o1`, …) so a translation can point back at them.
 */
export function inlineFromLexical(container: LexicalNode): { inline: Inline[]; refs: Map<string, LexicalNode> } {
  const refs = new Map<string, LexicalNode>()
  let links = 0
  let opaque = 0
  const convert = (nodes: LexicalNode[]): Inline[] =>
    nodes.map((node): Inline => {
      if (node.type === 'text') return { kind: 'text', text: String(node.text ?? ''), format: Number(node.format ?? 0) }
      if (node.type === 'linebreak') return { kind: 'break' }
      if ((node.type === 'link' || node.type === 'autolink') && Array.isArray(node.children)) {
        const ref = `l${++links}`
        refs.set(ref, node)
        return { kind: 'link', ref, children: convert(node.children) }
      }
      const ref = `o${++opaque}`
      refs.set(ref, node)
      return { kind: 'opaque', ref }
    })
  return { inline: convert(inlineChildren(container)), refs }
}

function textNode(text: string, format: number): LexicalNode {
  return { type: 'text', text, format, detail: 0, mode: 'normal', style: '', version: 1 }
}

/** Builds Lexical children from inline content, taking links and placeholders from the source's nodes. */
export function lexicalFromInline(inline: Inline[], refs: Map<string, LexicalNode>): LexicalNode[] {
  return inline.map((part): LexicalNode => {
    switch (part.kind) {
      case 'text':
        return textNode(part.text, part.format)
      case 'break':
        return { type: 'linebreak', version: 1 }
      case 'link': {
        const source = refs.get(part.ref)
        return { ...structuredClone(source as LexicalNode), children: lexicalFromInline(part.children, refs) }
      }
      case 'opaque':
        return structuredClone(refs.get(part.ref) as LexicalNode)
    }
  })
}

/**
 * A canonical text form of inline content, for comparing a file's source with the current source
 * and for fingerprints: formatting and links count, whitespace runs do not.
 */
export function canonicalInline(inline: Inline[]): string {
  const render = (parts: Inline[]): string =>
    parts
      .map((part) => {
        switch (part.kind) {
          case 'text':
            return part.format ? `[f${part.format}]${part.text}[/f]` : part.text
          case 'break':
            return '[br]'
          case 'link':
            return `[${part.ref}]${render(part.children)}[/${part.ref}]`
          case 'opaque':
            return `[${part.ref}/]`
        }
      })
      .join('')
  return render(mergeRuns(inline)).replace(/\s+/g, ' ').trim()
}

/** Joins neighbouring text runs of the same format, so equal content has one form. */
export function mergeRuns(inline: Inline[]): Inline[] {
  const merged: Inline[] = []
  for (const part of inline) {
    const previous = merged[merged.length - 1]
    if (part.kind === 'text' && part.text === '') continue
    if (part.kind === 'text' && previous?.kind === 'text' && previous.format === part.format) {
      merged[merged.length - 1] = { ...previous, text: previous.text + part.text }
    } else if (part.kind === 'link') {
      merged.push({ ...part, children: mergeRuns(part.children) })
    } else {
      merged.push(part)
    }
  }
  return merged
}

/** The plain text of inline content, as a reader would see it. */
export function plainText(inline: Inline[]): string {
  return inline
    .map((part) => (part.kind === 'text' ? part.text : part.kind === 'break' ? '\n' : part.kind === 'link' ? plainText(part.children) : ''))
    .join('')
}

export function isBlank(inline: Inline[] | null | undefined): boolean {
  return !inline || (plainText(inline).trim() === '' && !inline.some((part) => part.kind === 'opaque'))
}
