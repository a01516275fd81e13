import type { Language } from '../languages/registry'

/** The texts a language may be served from: those an approval recorded, or the published source. */
export interface ServableTexts {
  title?: string | null
  summary?: string | null
  sections?: Array<{ heading?: string | null }> | null
}

export interface ServedChoice<T> {
  /** The language whose texts are served; differs from the reader's language in a fallback. */
  language: Language
  /** That language's approved texts; null when the source language's published texts are served. */
  content: T | null
}

/**
 * Which texts a reader of a language is served: the language's approved translation of the
 * current clinical revision when it is complete, else its fallback language's, down to the
 * source. The one rule behind the published JSON and every API read, so they cannot disagree.
 * `approvedTextsOf` answers the approved texts of a language for the current clinical revision,
 * or null when there are none (missing, in progress, in review, outdated).
 */
export function chooseServedContent<T extends ServableTexts>(
  reader: Language,
  languages: Language[],
  source: Language,
  approvedTextsOf: (code: string) => T | null | undefined,
  seen: Set<string> = new Set(),
): ServedChoice<T> {
  if (reader.code === source.code || seen.has(reader.code)) return { language: source, content: null }
  seen.add(reader.code)
  const approved = approvedTextsOf(reader.code)
  if (approved && isComplete(approved)) return { language: reader, content: approved }
  const fallback = languages.find((candidate) => candidate.code === reader.fallback)
  return fallback ? chooseServedContent(fallback, languages, source, approvedTextsOf, seen) : { language: source, content: null }
}

/** A translation is shown only when its texts are all there; else the language falls back. */
export function isComplete(content: ServableTexts): boolean {
  return Boolean(content.title?.trim() && content.summary?.trim() && content.sections?.length && content.sections.every((section) => section.heading?.trim()))
}
