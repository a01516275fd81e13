import { SOURCE_LOCALE } from '../languages/registry'
import { inlineFromLexical, leafContainers, plainText, type LexicalNode } from '../localization/inlineContent'
import type { ReadabilityScore } from '../readability/measures'
import { articleReadability, type ReadableContent } from '../readability/articleText'

/**
 * What changed in an article's source-language content between two versions, section by section,
 * as a reviewer reads it before approving: each section's heading, paragraphs and "Term:
 * explanation" lines compared line by line, and a changed line word by word.
 */

export interface DiffSegment {
  kind: 'same' | 'added' | 'removed'
  text: string
}

export type DiffLine =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  | { kind: 'changed'; segments: DiffSegment[] }

export type PartStatus = 'unchanged' | 'changed' | 'added' | 'removed'

export interface PartDiff {
  status: PartStatus
  lines: DiffLine[]
}

export interface SectionDiff extends PartDiff {
  id: string
  /** The section's place in the newer version (in the older one, for a removed section). */
  position: number
  heading: string
}

export interface ReviewDiff {
  title: PartDiff
  summary: PartDiff
  changelogNote: PartDiff
  sections: SectionDiff[]
  references: PartDiff
  /** The source text's readability in the approved version (null when there is none) and in the version under review. */
  readability: { before: ReadabilityScore | null; after: ReadabilityScore }
  /** True when nothing a reader sees differs. */
  unchanged: boolean
}

interface TermRow {
  term?: string | null
  explanation?: string | null
  subItems?: TermRow[] | null
}

type Block = { blockType?: string; body?: { root?: LexicalNode } | null; items?: TermRow[] | null }

/** An article's source content as read with one locale (`locale: 'en'`, `depth: 0`). */
export interface SourceContent {
  title?: string | null
  summary?: string | null
  changelogNote?: string | null
  sections?: Array<{ id?: string | null; heading?: string | null; content?: Block[] | null }> | null
  references?: Array<{ citation?: string | null; url?: string | null }> | null
}

function termLines(rows: TermRow[] | null | undefined, depth: number): string[] {
  return (rows ?? []).flatMap((row) => [
    `${'  '.repeat(depth)}${row.term ?? ''}: ${row.explanation ?? ''}`,
    ...termLines(row.subItems, depth + 1),
  ])
}

/** The lines a reader sees in one section: its heading, each paragraph or list item, each term. */
export function sectionLines(section: NonNullable<SourceContent['sections']>[number]): string[] {
  const lines = [section.heading ?? '']
  for (const block of section.content ?? []) {
    if (block.blockType === 'prose') {
      const root = block.body?.root
      if (root) lines.push(...leafContainers(root).map(({ node }) => plainText(inlineFromLexical(node).inline)))
    } else {
      lines.push(...termLines(block.items, 0))
    }
  }
  return lines
}

/** Longest-common-subsequence alignment of two token lists. */
function align<T>(before: T[], after: T[]): Array<{ kind: 'same' | 'added' | 'removed'; value: T }> {
  const rows = before.length
  const cols = after.length
  const lengths: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0))
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      lengths[i][j] = before[i] === after[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1])
    }
  }
  const steps: Array<{ kind: 'same' | 'added' | 'removed'; value: T }> = []
  let i = 0
  let j = 0
  while (i < rows && j < cols) {
    if (before[i] === after[j]) {
      steps.push({ kind: 'same', value: before[i] })
      i++
      j++
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      steps.push({ kind: 'removed', value: before[i++] })
    } else {
      steps.push({ kind: 'added', value: after[j++] })
    }
  }
  while (i < rows) steps.push({ kind: 'removed', value: before[i++] })
  while (j < cols) steps.push({ kind: 'added', value: after[j++] })
  return steps
}

/** A word-by-word comparison of two versions of one line. */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const tokens = (text: string) => text.split(/(\s+)/).filter((token) => token !== '')
  const segments: DiffSegment[] = []
  for (const step of align(tokens(before), tokens(after))) {
    const last = segments[segments.length - 1]
    if (last && last.kind === step.kind) last.text += step.value
    else segments.push({ kind: step.kind, text: step.value })
  }
  return segments
}

/**
 * Compares two lists of lines. A run of removed lines followed by a run of added ones is read as
 * those lines being changed, pair by pair, so a reviewer sees the words that changed in a sentence.
 */
export function lineDiff(before: string[], after: string[]): DiffLine[] {
  const steps = align(before, after)
  const lines: DiffLine[] = []
  let index = 0
  while (index < steps.length) {
    if (steps[index].kind === 'same') {
      lines.push({ kind: 'same', text: steps[index++].value })
      continue
    }
    const removed: string[] = []
    const added: string[] = []
    while (index < steps.length && steps[index].kind !== 'same') {
      const step = steps[index++]
      if (step.kind === 'removed') removed.push(step.value)
      else added.push(step.value)
    }
    const paired = Math.min(removed.length, added.length)
    for (let k = 0; k < paired; k++) lines.push({ kind: 'changed', segments: wordDiff(removed[k], added[k]) })
    for (const text of removed.slice(paired)) lines.push({ kind: 'removed', text })
    for (const text of added.slice(paired)) lines.push({ kind: 'added', text })
  }
  return lines
}

function partDiff(before: string[] | null, after: string[] | null): PartDiff {
  if (before === null) return { status: 'added', lines: (after ?? []).map((text) => ({ kind: 'added', text })) }
  if (after === null) return { status: 'removed', lines: before.map((text) => ({ kind: 'removed', text })) }
  const lines = lineDiff(before, after)
  return { status: lines.every((line) => line.kind === 'same') ? 'unchanged' : 'changed', lines }
}

const textLines = (value: string | null | undefined) => (value ? [value] : [])

/**
 * The differences from `before` (the last approved version; null when there is none) to `after`
 * (the content under review). Sections are matched by their row id, so a section whose heading
 * changed is still the same section; removed sections come last.
 */
export function reviewDiff(before: SourceContent | null, after: SourceContent): ReviewDiff {
  const previous = before ?? {}
  const beforeSections = new Map((previous.sections ?? []).map((section, index) => [String(section.id), { section, index }]))
  const afterIds = new Set((after.sections ?? []).map((section) => String(section.id)))
  const sections: SectionDiff[] = (after.sections ?? []).map((section, index) => {
    const old = before ? beforeSections.get(String(section.id)) : undefined
    return {
      id: String(section.id),
      position: index + 1,
      heading: section.heading ?? '',
      ...partDiff(old ? sectionLines(old.section) : null, sectionLines(section)),
    }
  })
  for (const [id, { section, index }] of beforeSections) {
    if (!afterIds.has(id) && before) sections.push({ id, position: index + 1, heading: section.heading ?? '', ...partDiff(sectionLines(section), null) })
  }
  const references = (content: SourceContent) => (content.references ?? []).map((reference) => [reference.citation, reference.url].filter(Boolean).join(' — '))
  const diff: Omit<ReviewDiff, 'unchanged'> = {
    title: partDiff(textLines(previous.title), textLines(after.title)),
    summary: partDiff(textLines(previous.summary), textLines(after.summary)),
    changelogNote: partDiff(textLines(previous.changelogNote), textLines(after.changelogNote)),
    sections,
    references: partDiff(references(previous), references(after)),
    readability: {
      before: before ? articleReadability(SOURCE_LOCALE, before as ReadableContent) : null,
      after: articleReadability(SOURCE_LOCALE, after as ReadableContent),
    },
  }
  const parts: PartDiff[] = [diff.title, diff.summary, diff.changelogNote, diff.references, ...sections]
  return { ...diff, unchanged: parts.every((part) => part.status === 'unchanged' || part.lines.length === 0) }
}
