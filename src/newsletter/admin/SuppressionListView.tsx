import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import { ActionButton } from '../../admin/ui/ActionButton'
import { AdminPage } from '../../admin/ui/AdminPage'
import { dateFormatter, viewLabels } from '../../admin/ui/labels'
import { LogPage, logQuery } from '../../admin/ui/LogPage'
import type { User } from '../../payload-types'
import { SUPPRESSION_REASONS } from '../suppression'

const PAGE_SIZE = 25

/**
 * `/admin/newsletter-suppressions`: the addresses the newsletter no longer mails, newest first,
 * with why, when, who reported it and what the provider said, and Lift (admins only, as the lift
 * endpoint). The subscriber's languages, topics and consent record stay on their own screen.
 */
export async function SuppressionListView(view: AdminViewServerProps) {
  const { req } = view.initPageResult
  const { t, language } = await viewLabels(req.i18n?.language)
  const date = dateFormatter(language, true)
  const user = req.user as User | null
  const title = t('suppressionsTitle')
  if (!user || !hasRole(user, 'admin')) {
    return (
      <AdminPage title={title} view={view}>
        <p>{t('adminsOnly')}</p>
      </AdminPage>
    )
  }
  const query = logQuery(view.searchParams, ['reason'])
  const { reason } = query.filters
  const where: Where = (SUPPRESSION_REASONS as readonly string[]).includes(reason) ? { 'suppression.reason': { equals: reason } } : { 'suppression.reason': { exists: true } }
  const suppressed = await req.payload.find({
    collection: 'subscribers',
    where,
    sort: '-suppression.suppressedAt',
    limit: PAGE_SIZE,
    page: query.page,
    depth: 0,
    overrideAccess: false,
    user,
    select: { email: true, suppression: true },
  })
  const api = `${req.payload.config.serverURL ?? ''}${req.payload.config.routes.api}`
  const admin = req.payload.config.routes.admin

  return (
    <LogPage
      view={view}
      t={t}
      title={title}
      intro={t('suppressionsIntro')}
      query={query}
      filters={[{ name: 'reason', label: t('filterReason'), anyLabel: t('filterAnyReason'), choices: SUPPRESSION_REASONS.map((entry) => ({ value: entry, label: t(`suppressionReason_${entry}`) })) }]}
      testId="newsletter-suppressions"
      empty={t('suppressionsEmpty')}
      columns={[t('columnAddress'), t('columnReason'), t('columnWhen'), t('columnReportedBy'), t('columnProviderSaid'), '']}
      totalPages={suppressed.totalPages}
      rows={suppressed.docs.map((subscriber) => {
        const { reason: why, suppressedAt, reportedBy, detail } = subscriber.suppression ?? {}
        return (
          <tr key={subscriber.id} data-subscriber={subscriber.id}>
            <td>
              <a href={`${admin}/collections/subscribers/${subscriber.id}`}>{subscriber.email}</a>
            </td>
            <td>
              <span className={`vp-badge vp-badge--${why === 'complaint' ? 'failed' : 'waiting'}`}>{why ? t(`suppressionReason_${why}`) : ''}</span>
            </td>
            <td>{date(suppressedAt)}</td>
            <td>{reportedBy ? t(`reporter_${reportedBy}`, { defaultValue: reportedBy }) : ''}</td>
            <td>{detail}</td>
            <td>
              <div className="vp-actions">
                <ActionButton
                  url={`${api}/subscribers/${subscriber.id}/lift-suppression`}
                  label={t('liftSuppression')}
                  done={t('suppressionLifted')}
                  confirm={t(why === 'complaint' ? 'liftComplaintConfirm' : 'liftSuppressionConfirm', { email: subscriber.email })}
                />
              </div>
            </td>
          </tr>
        )
      })}
    />
  )
}
