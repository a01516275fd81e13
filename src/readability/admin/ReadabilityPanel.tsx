import type { Payload } from 'payload'
import React from 'react'

import '../../admin/ui/adminViews.scss'
import { viewLabels } from '../../admin/ui/labels'
import { loadLanguages } from '../../languages/registry'
import type { User } from '../../payload-types'
import { specialtyReadabilityPolicy } from '../policy'
import { readabilityReport } from '../report'
import { ReadabilityGrade } from './ReadabilityGrade'

interface PanelProps {
  id?: number | string
  i18n?: { language?: string }
  payload: Payload
  user?: User | null
}

/**
 * The article's readability in every language, in the edit view's sidebar, each against its
 * specialty's target, with what happens at submission when the English text reads above it.
 */
export async function ReadabilityPanel({ id, i18n, payload, user }: PanelProps) {
  if (!id || !user) return null
  const { t } = await viewLabels(i18n?.language)
  const article = await payload.findByID({ collection: 'articles', id: String(id), draft: true, locale: 'all', depth: 0, overrideAccess: false, user, disableErrors: true })
  if (!article) return null
  const policy = await specialtyReadabilityPolicy(payload, article.specialty)
  const report = readabilityReport(article.readability, loadLanguages(), policy)

  return (
    <div className="vp-panel" data-testid="readability-panel">
      <h4>{t('readabilityTitle')}</h4>
      <p className="vp-list__meta">{t('readabilityTarget', { target: policy.targetGrade, mode: t(`readabilityMode_${policy.mode}`) })}</p>
      <ul className="vp-list">
        {report.map((line) => (
          <li key={line.locale} data-locale={line.locale}>
            <strong>{line.name}</strong> <ReadabilityGrade t={t} score={line.score} verdict={line.verdict} testId={`readability-${line.locale}`} />
          </li>
        ))}
      </ul>
    </div>
  )
}
