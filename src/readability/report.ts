import type { Language } from '../languages/registry'
import type { ReadabilityScore } from './measures'
import { judgeReadability, type ReadabilityPolicy, type ReadabilityVerdict } from './targets'

/** One language's line in a readability panel: its stored score (null until its text is first saved) and how it stands against the target. */
export interface LanguageReadability {
  locale: string
  name: string
  score: ReadabilityScore | null
  verdict: ReadabilityVerdict | null
}

const isScore = (value: unknown): value is ReadabilityScore =>
  typeof value === 'object' && value !== null && 'grade' in value && 'measure' in value

/** Every language's readability, from the `readability` field read with `locale: 'all'`. */
export function readabilityReport(stored: unknown, languages: readonly Language[], policy: ReadabilityPolicy): LanguageReadability[] {
  const byLocale = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>
  return languages.map((language) => {
    const score = isScore(byLocale[language.code]) ? (byLocale[language.code] as ReadabilityScore) : null
    return { locale: language.code, name: language.name, score, verdict: score ? judgeReadability(score, policy) : null }
  })
}
