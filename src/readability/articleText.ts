import { createHash } from 'node:crypto'

import { scoreReadability, type ReadabilityScore } from './measures'

/**
 * The text of an article that readability measures: the summary, each paragraph or list item of
 * the sections and each term's explanation, one line each. Titles and headings are left out: they
 * are labels, not sentences, and would count as very short ones.
 */

interface TextNode {
  type?: string
  text?: string
  children?: TextNode[]
}

interface TermRow {
  term?: string | null
  explanation?: string | null
  subItems?: TermRow[] | null
}

/** The readable parts of an article in one language, as any read of it (or of a version) returns them at `depth: 0`. */
export interface ReadableContent {
  summary?: string | null
  sections?: Array<{ content?: Array<{ blockType?: string; body?: unknown; items?: TermRow[] | null }> | null }> | null
}

const INLINE = new Set(['text', 'linebreak', 'link', 'autolink', 'tab'])

function inlineText(node: TextNode): string {
  if (node.type === 'linebreak') return ' '
  return node.text ?? (node.children ?? []).map(inlineText).join('')
}

/** One line per block of a rich-text value (a paragraph, a list item), nested lists included. */
export function richTextLines(node: TextNode | null | undefined): string[] {
  if (!node) return []
  const children = node.children ?? []
  if (node.type !== 'root' && children.length > 0 && children.every((child) => INLINE.has(child.type ?? ''))) return [inlineText(node)]
  if (node.type === 'heading') return []
  return children.flatMap((child) => (INLINE.has(child.type ?? '') ? [] : richTextLines(child)))
}

function explanations(rows: TermRow[] | null | undefined): string[] {
  return (rows ?? []).flatMap((row) => [row.explanation ?? '', ...explanations(row.subItems)])
}

export function readableLines(content: ReadableContent): string[] {
  const lines = [content.summary ?? '']
  for (const section of content.sections ?? []) {
    for (const block of section.content ?? []) {
      if (block.blockType === 'prose') lines.push(...richTextLines((block.body as { root?: TextNode } | null)?.root))
      else if (block.blockType === 'termList') lines.push(...explanations(block.items))
    }
  }
  return lines.filter((line): line is string => typeof line === 'string').map((line) => line.trim()).filter((line) => line !== '')
}

/** A score as the save hook stores it: with the fingerprint of the text it was measured on. */
export interface StoredReadability extends ReadabilityScore {
  /** `text-fingerprint` of the lines and language scored, and of the measures' edition. */
  fingerprint: string
}

/** Raised whenever a measure or its weights change, so every stored score is measured again. */
const MEASURES_EDITION = 1

function textFingerprint(locale: string, lines: string[]): string {
  return createHash('sha256').update(`${MEASURES_EDITION}\u0000${locale}\u0000${lines.join('\n')}`).digest('base64url')
}

const isStoredFor = (stored: unknown, fingerprint: string): stored is StoredReadability =>
  typeof stored === 'object' && stored !== null && (stored as StoredReadability).fingerprint === fingerprint

/** The score to store with a language's text when it is saved. */
export function storedReadability(locale: string, content: ReadableContent): StoredReadability {
  const lines = readableLines(content)
  return { ...scoreOf(locale, lines), fingerprint: textFingerprint(locale, lines) }
}

/**
 * The readability of an article's text in one language, from the article (or a version, or an
 * approved translation) read in that language: the score stored with that very text when it was
 * saved, and measured afresh only when none is stored for it (a text written by another path, or
 * measured by an older edition of the measures).
 */
export function articleReadability(locale: string, content: ReadableContent & { readability?: unknown }): ReadabilityScore {
  const lines = readableLines(content)
  const stored = content.readability
  if (stored && isStoredFor(stored, textFingerprint(locale, lines))) {
    const { fingerprint: _fingerprint, ...score } = stored
    return score
  }
  return scoreOf(locale, lines)
}

function scoreOf(locale: string, lines: string[]): ReadabilityScore {
  // A fallback page serves the source's text again: the same text in the same language is scored once.
  const key = `${locale}\u0000${lines.join('\n')}`
  let score = recentScores.get(key)
  if (!score) {
    if (recentScores.size >= SCORES_REMEMBERED) recentScores.clear()
    score = scoreReadability(locale, lines)
    recentScores.set(key, score)
  }
  return { ...score }
}

const SCORES_REMEMBERED = 2_000
const recentScores = new Map<string, ReadabilityScore>()
