import React from 'react'

import type { ViewLabels } from '../../admin/ui/labels'
import type { ReadabilityScore } from '../measures'
import type { ReadabilityVerdict } from '../targets'

type T = ViewLabels['t']

/** A score as an editor reads it: "Grade 6.2 (Flesch–Kincaid)", or why there is none. */
export function gradeText(t: T, score: ReadabilityScore | null): string {
  if (!score) return t('readabilityNotScored')
  if (score.grade === null) return t(`readabilityUnscored_${score.reason ?? 'no-text'}`)
  return t('readabilityGrade', { grade: score.grade.toFixed(1), measure: t(`readabilityMeasure_${score.measure}`) })
}

const BADGE: Record<ReadabilityVerdict['status'], string> = { within: 'approved', above: 'flagged', unscored: 'missing' }

/** A grade with its badge against the target (within, above, or not scored). */
export function ReadabilityGrade({ t, score, verdict, testId }: { t: T; score: ReadabilityScore | null; verdict: ReadabilityVerdict | null; testId?: string }) {
  return (
    <span data-testid={testId} data-grade={score?.grade ?? ''} data-status={verdict?.status ?? 'unscored'}>
      {gradeText(t, score)}
      {verdict && verdict.status !== 'unscored' && (
        <>
          {' '}
          <span className={`vp-badge vp-badge--${BADGE[verdict.status]}`}>{t(`readabilityStatus_${verdict.status}`)}</span>
        </>
      )}
    </span>
  )
}
