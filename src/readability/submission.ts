import type { ReadabilityScore } from './measures'
import { judgeReadability, readabilityAdvice, type ReadabilityMode, type ReadabilityPolicy } from './targets'

/** The numbers behind a readability warning or refusal, for programs and for the admin's own words. */
export interface ReadabilityFindingDetails {
  locale: string
  languageName: string
  grade: number
  targetGrade: number
  measure: ReadabilityScore['measure']
  mode: ReadabilityMode
  [key: string]: unknown
}

/** What a submission meets when its text reads above the target: the specialty's mode, and a message saying score, target and what to do. */
export interface ReadabilityFinding {
  mode: ReadabilityMode
  message: string
  details: ReadabilityFindingDetails
}

/**
 * Holds a text being submitted for review to its specialty's target: null when it reads at or
 * below it (or has no grade), else the finding the submitting concern turns into a refusal
 * (`block`) or a warning that goes back with the submission (`warn`).
 */
export function readabilityAtSubmission(score: ReadabilityScore, policy: ReadabilityPolicy, language: { code: string; name: string }): ReadabilityFinding | null {
  const verdict = judgeReadability(score, policy)
  if (verdict.status !== 'above') return null
  const details: ReadabilityFindingDetails = {
    locale: language.code,
    languageName: language.name,
    grade: verdict.grade,
    targetGrade: verdict.targetGrade,
    measure: score.measure,
    mode: verdict.mode,
  }
  const reads = `The ${language.name} text reads at grade ${verdict.grade.toFixed(1)} (${score.sentences} sentences, ${score.words} words), above its specialty's target of grade ${verdict.targetGrade}`
  const message =
    verdict.mode === 'block'
      ? `${reads}, and this specialty blocks submission above it: ${readabilityAdvice(score)}, save the draft, then submit again.`
      : `${reads}: it was submitted; to bring it within the target, ${readabilityAdvice(score)}.`
  return { mode: verdict.mode, message, details }
}
