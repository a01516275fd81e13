import type { ReadabilityScore } from './measures'

/**
 * What a specialty asks of its articles' readability, and what happens at submission when a text
 * reads above it. The target is a grade-equivalent, so one number applies to every language.
 */

export const READABILITY_MODES = ['warn', 'block'] as const
export type ReadabilityMode = (typeof READABILITY_MODES)[number]

/** Patient information is commonly written for a reading age of 11 to 14; grade 8 is its usual ceiling. */
export const DEFAULT_READABILITY_TARGET = 8
export const DEFAULT_READABILITY_MODE: ReadabilityMode = 'warn'

export interface ReadabilityPolicy {
  /** The highest grade-equivalent the specialty's articles should read at. */
  targetGrade: number
  /** `warn`: submission goes ahead and the editor is told; `block`: submission is refused until the text reads at or below the target. */
  mode: ReadabilityMode
}

/** A specialty's policy, with the defaults for what it leaves unset. */
export function readabilityPolicyOf(specialty: { readability?: { targetGrade?: number | null; mode?: string | null } | null } | null | undefined): ReadabilityPolicy {
  const settings = specialty?.readability
  const mode = READABILITY_MODES.find((candidate) => candidate === settings?.mode) ?? DEFAULT_READABILITY_MODE
  return { targetGrade: settings?.targetGrade ?? DEFAULT_READABILITY_TARGET, mode }
}

export type ReadabilityVerdict =
  | { status: 'within'; grade: number; targetGrade: number }
  | { status: 'above'; grade: number; targetGrade: number; mode: ReadabilityMode }
  /** No grade (no measure for the language, or no text): nothing to hold the text to. */
  | { status: 'unscored'; targetGrade: number }

export function judgeReadability(score: ReadabilityScore, policy: ReadabilityPolicy): ReadabilityVerdict {
  if (score.grade === null) return { status: 'unscored', targetGrade: policy.targetGrade }
  if (score.grade <= policy.targetGrade) return { status: 'within', grade: score.grade, targetGrade: policy.targetGrade }
  return { status: 'above', grade: score.grade, targetGrade: policy.targetGrade, mode: policy.mode }
}

/** What an editor can do about a text that reads too hard, by the measure that scored it. */
export function readabilityAdvice(score: ReadabilityScore): string {
  return score.measure === 'akshara-grade'
    ? 'split long sentences and prefer shorter, everyday words (fewer aksharas per word)'
    : 'split long sentences (aim for 15 to 20 words) and prefer everyday words of fewer syllables'
}
