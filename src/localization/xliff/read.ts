import sax from 'sax'

import type { XliffProblem } from './problems'

/** Inline content as it stands in a file, before it is matched with the article's source. */
export type FileInline =
  | { kind: 'text'; text: string }
  | { kind: 'pc'; id: string; type: string | null; subType: string | null; line: number; children: FileInline[] }
  | { kind: 'ph'; id: string; type: string | null; subType: string | null; line: number }

export interface FileUnit {
  id: string
  line: number
  source: FileInline[]
  /** Null when the unit has no `<target>` (not translated in this file). */
  target: FileInline[] | null
}

export interface XliffFile {
  version: string
  srcLang: string | null
  trgLang: string | null
  fileIds: string[]
  units: FileUnit[]
}

const XLIFF_NAMESPACE = /^urn:oasis:names:tc:xliff:document:2\.[0-2]$/
const INLINE_ELEMENTS = new Set(['pc', 'ph'])

/**
 * Reads an XLIFF 2.x file with a strict XML parser, so that every way a file can be broken gives a
 * message a translator can act on (with its line), before anything else looks at it. The `xliff`
 * package's reader is not used for imports: it throws bare TypeErrors on truncated files, drops
 * whitespace-only text between inline elements ("**a** *b*" would lose its space) and trims trailing
 * line breaks. A DOCTYPE is refused outright, which also refuses every entity-expansion attack.
 */
export function readXliff(xml: string): { file: XliffFile | null; problems: XliffProblem[] } {
  const problems: XliffProblem[] = []
  const parser = sax.parser(true, { position: true, trim: false, normalize: false })
  const file: XliffFile = { version: '', srcLang: null, trgLang: null, fileIds: [], units: [] }
  const stack: string[] = []
  let unit: FileUnit | null = null
  /** Where inline content goes while inside `<source>` or `<target>`; nested `pc` push a level. */
  let content: FileInline[][] | null = null
  let contentSide: 'source' | 'target' | null = null
  let sources: FileInline[] = []
  let targets: FileInline[] | null = null
  let stopped = false
  /** Inside an element refused in a target: its children are skipped, so it gives one problem. */
  let skipDepth = 0

  const stop = (problem: XliffProblem) => {
    if (stopped) return
    problems.push(problem)
    stopped = true
  }

  parser.ondoctype = () =>
    stop({
      code: 'XLIFF_DOCTYPE_FORBIDDEN',
      line: parser.line + 1,
      message: `Line ${parser.line + 1}: the file declares a DOCTYPE. XLIFF files must not declare a DOCTYPE or entities (they can be used to attack the server); export the file again from your tool without one.`,
    })
  parser.onerror = (error) => {
    stop({
      code: 'XLIFF_MALFORMED',
      line: parser.line + 1,
      message: `Line ${parser.line + 1}, column ${parser.column + 1}: the file is not well-formed XML (${error.message.split('\n')[0]}). It may be truncated or edited by hand; export it again from your tool.`,
    })
  }
  parser.onopentag = (tag) => {
    if (stopped) return
    if (skipDepth > 0) {
      skipDepth += 1
      return
    }
    const name = tag.name
    const attributes = tag.attributes as Record<string, string>
    const parent = stack[stack.length - 1]
    stack.push(name)
    const line = parser.line + 1
    if (stack.length === 1) {
      if (name !== 'xliff' || !XLIFF_NAMESPACE.test(attributes.xmlns ?? '') || !/^2\.[0-2]$/.test(attributes.version ?? '')) {
        stop({
          code: 'XLIFF_NOT_XLIFF2',
          line,
          message: `The file is not XLIFF 2.0: its root is <${name}${attributes.version ? ` version="${attributes.version}"` : ''}>. Export XLIFF 2.0 (not 1.2) from your tool.`,
        })
        return
      }
      file.version = attributes.version
      file.srcLang = attributes.srcLang ?? null
      file.trgLang = attributes.trgLang ?? null
      return
    }
    if (content) {
      if (!INLINE_ELEMENTS.has(name)) {
        problems.push({
          code: 'XLIFF_FORBIDDEN_MARKUP',
          unit: unit?.id,
          line,
          message: `Unit ${unit?.id}, line ${line}: <${name}> is not allowed in a ${contentSide}. Only XLIFF inline elements (pc, ph) may mark formatting; other markup is never imported.`,
        })
        stack.pop()
        skipDepth = 1
        return
      }
      const inline: FileInline =
        name === 'pc'
          ? { kind: 'pc', id: attributes.id ?? '', type: attributes.type ?? null, subType: attributes.subType ?? null, line, children: [] }
          : { kind: 'ph', id: attributes.id ?? '', type: attributes.type ?? null, subType: attributes.subType ?? null, line }
      content[content.length - 1].push(inline)
      if (inline.kind === 'pc') content.push(inline.children)
      return
    }
    if (name === 'file' && parent === 'xliff') file.fileIds.push(attributes.id ?? '')
    else if (name === 'unit') {
      unit = { id: attributes.id ?? '', line, source: [], target: null }
      sources = []
      targets = null
    } else if ((name === 'source' || name === 'target') && parent === 'segment' && unit) {
      contentSide = name
      content = [[]]
    } else if (name === 'ignorable' && unit) {
      contentSide = null
    }
  }
  parser.ontext = (text) => {
    if (stopped || skipDepth > 0 || !content) return
    content[content.length - 1].push({ kind: 'text', text })
  }
  parser.oncdata = (text) => {
    if (stopped || skipDepth > 0 || !content) return
    content[content.length - 1].push({ kind: 'text', text })
  }
  parser.onclosetag = (name) => {
    if (stopped) return
    if (skipDepth > 0) {
      skipDepth -= 1
      return
    }
    stack.pop()
    if (content) {
      if (name === 'pc') {
        content.pop()
        return
      }
      if (name === 'ph') return
      if (name === 'source') sources = [...sources, ...content[0]]
      if (name === 'target') targets = [...(targets ?? []), ...content[0]]
      content = null
      contentSide = null
      return
    }
    if (name === 'unit' && unit) {
      unit.source = sources
      unit.target = targets
      file.units.push(unit)
      unit = null
    }
  }

  try {
    parser.write(xml).close()
  } catch {
    // onerror has recorded the problem; sax throws after reporting it
  }
  if (!stopped && file.version === '') {
    stop({ code: 'XLIFF_MALFORMED', message: 'The file is empty or holds no XML. Export the article again.' })
  }
  return { file: stopped ? null : file, problems }
}
