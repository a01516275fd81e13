import type { ArticleUnit } from '../articleUnits'
import { FORMAT_SUBTYPES, type Inline } from '../inlineContent'
import type { XliffProblem } from './problems'
import type { FileInline } from './read'

/** The `xliff` package's inline element objects (`{ Span: {...} }`, `{ Standalone: {...} }`). */
export type XliffValue = string | Array<string | Record<string, unknown>>

/**
 * Inline content as the `xliff` package writes it: formatting as `<pc type="fmt">` (one per format
 * bit, nested), line breaks as `<ph subType="xlf:lb"/>`, links as `<pc type="link">` whose id names
 * the source's link, anything else as a `<ph>` placeholder. A plain string is escaped as text.
 */
export function toXliffValue(inline: Inline[]): XliffValue {
  let counter = 0
  const convert = (parts: Inline[]): Array<string | Record<string, unknown>> =>
    parts.map((part) => {
      switch (part.kind) {
        case 'text': {
          let value: string | Record<string, unknown> = part.text
          for (const { bit, subType } of [...FORMAT_SUBTYPES].reverse()) {
            if (part.format & bit) value = { Span: { id: `f${++counter}`, type: 'fmt', subType, contents: value } }
          }
          return value
        }
        case 'break':
          return { Standalone: { id: `br${++counter}`, type: 'fmt', subType: 'xlf:lb' } }
        case 'link':
          return { Span: { id: part.ref, type: 'link', contents: convert(part.children) } }
        case 'opaque':
          return { Standalone: { id: part.ref, type: 'other' } }
      }
    })
  const value = convert(inline)
  return value.length === 1 && typeof value[0] === 'string' ? value[0] : value
}

/** Text that looks like an HTML tag: a translation is text and XLIFF inline markup, never raw HTML. */
const RAW_HTML = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/

/**
 * Reads a file's inline content for a unit, checking each inline element against the unit's
 * source: formatting by its subType, links and placeholders by the source's ids. Problems are
 * collected, not thrown, so one import reports every bad unit at once.
 */
export function inlineFromFile(parts: FileInline[], unit: ArticleUnit, side: 'source' | 'target', problems: XliffProblem[]): Inline[] {
  const report = (code: XliffProblem['code'], line: number, message: string) => problems.push({ code, unit: unit.id, ...(line ? { line } : {}), message })
  const convert = (nodes: FileInline[], format: number): Inline[] =>
    nodes.flatMap((node): Inline[] => {
      if (node.kind === 'text') {
        if (side === 'target' && RAW_HTML.test(node.text)) {
          report(
            'XLIFF_RAW_HTML',
            0,
            `Unit ${unit.id} (${unit.label}): the ${side} contains HTML markup as text ("${node.text.match(RAW_HTML)?.[0]}"). Use your tool's formatting (XLIFF inline elements) instead of typing tags.`,
          )
          return []
        }
        return [{ kind: 'text', text: node.text, format }]
      }
      if (!unit.rich) {
        report('XLIFF_PLAIN_TEXT_ONLY', node.line, `Unit ${unit.id} (${unit.label}), line ${node.line}: this field holds plain text; remove the <${node.kind}> formatting.`)
        return []
      }
      if (node.kind === 'pc' && node.type === 'fmt') {
        const format_ = FORMAT_SUBTYPES.find((candidate) => candidate.subType === node.subType)
        if (format_) return convert(node.children, format | format_.bit)
      }
      if (node.kind === 'pc' && node.type === 'link' && unit.refs.get(node.id)?.children) {
        return [{ kind: 'link', ref: node.id, children: convert(node.children, format) }]
      }
      if (node.kind === 'ph' && node.type === 'fmt' && node.subType === 'xlf:lb') return [{ kind: 'break' }]
      if (node.kind === 'ph' && unit.refs.has(node.id) && !unit.refs.get(node.id)?.children) return [{ kind: 'opaque', ref: node.id }]
      report(
        'XLIFF_UNKNOWN_INLINE',
        node.line,
        `Unit ${unit.id} (${unit.label}), line ${node.line}: <${node.kind} id="${node.id}"${node.type ? ` type="${node.type}"` : ''}${node.subType ? ` subType="${node.subType}"` : ''}> matches nothing in the source. Keep the source's inline elements; do not add new ones.`,
      )
      return []
    })
  return convert(parts, 0)
}
