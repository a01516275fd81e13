import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { readEnvironment } from '../../environment/readEnvironment'
import type { User } from '../../payload-types'
import { listReviewsDue, mayListReviewsDue, type ReviewDueEntry } from '../reviewDue'
import { adminLabels } from './labels'

type T = Awaited<ReturnType<typeof adminLabels>>['t']

function dueText(t: T, entry: ReviewDueEntry): string {
  if (entry.neverReviewed || entry.daysUntilDue === null) return t('neverReviewed')
  if (entry.daysUntilDue < 0) return t('overdue', { count: -entry.daysUntilDue })
  if (entry.daysUntilDue === 0) return t('dueToday')
  return t('dueIn', { count: entry.daysUntilDue })
}

const cell: React.CSSProperties = { padding: 'calc(var(--base) * 0.5)', borderBottom: '1px solid var(--theme-elevation-100)', textAlign: 'start' }

/** `/admin/collections/articles/review-due`: the articles whose clinical review is overdue or due soon. */
export async function ReviewDueView({ initPageResult }: AdminViewServerProps) {
  const { req } = initPageResult
  const { t, language } = await adminLabels(req.i18n?.language)
  const user = req.user as User | null
  const adminRoute = req.payload.config.routes.admin
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' })
  const list = user && mayListReviewsDue(user) ? await listReviewsDue({ payload: req.payload, user, withinDays: readEnvironment().workflow.reviewDueWithinDays }) : null

  return (
    <Gutter>
      <h1>{t('reviewDueTitle')}</h1>
      {!list && <p>{t('reviewDueForbidden')}</p>}
      {list && <p>{t('reviewDueIntro', { count: list.withinDays })}</p>}
      {list && list.docs.length === 0 && <p>{t('reviewDueEmpty')}</p>}
      {list && list.docs.length > 0 && (
        <div className="table">
          <table cellPadding={0} cellSpacing={0} style={{ width: '100%' }}>
            <thead>
              <tr>
                {['columnArticle', 'columnSpecialty', 'columnState', 'columnLastReviewed', 'columnReviewedBy', 'columnDue'].map((key) => (
                  <th key={key} style={cell}>
                    {t(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.docs.map((entry) => (
                <tr key={entry.id}>
                  <td style={cell}>
                    <a href={`${adminRoute}/collections/articles/${entry.id}`}>{entry.title}</a>
                  </td>
                  <td style={cell}>{entry.specialty?.name ?? ''}</td>
                  <td style={cell}>{t(`workflowState_${entry.workflowState}`)}</td>
                  <td style={cell}>{entry.lastReviewed ? date.format(new Date(entry.lastReviewed)) : ''}</td>
                  <td style={cell}>{entry.reviewedBy?.name ?? ''}</td>
                  <td style={{ ...cell, color: entry.overdue ? 'var(--theme-error-500)' : undefined }}>
                    {entry.nextReviewDue ? `${date.format(new Date(entry.nextReviewDue))} · ` : ''}
                    {dueText(t, entry)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Gutter>
  )
}
