import type { Payload } from 'payload'
import React from 'react'

import { hasRole } from '../access/roles'
import type { User } from '../payload-types'
import '../admin/ui/adminViews.scss'
import { dateFormatter, viewLabels, type ViewLabels } from '../admin/ui/labels'
import { adminAlerts, editorQueue, reviewerQueue, translatorQueue, type SectionName } from './workQueues'

type T = ViewLabels['t']

interface DashboardProps {
  i18n?: { language?: string }
  payload: Payload
  user?: User | null
}

const sectionList = (t: T, sections: SectionName[]) =>
  sections.map((section) => t('sectionName', { position: section.position, heading: section.heading })).join('; ')

function Card({ title, count, alert, children }: { title: string; count?: number; alert?: boolean; children: React.ReactNode }) {
  return (
    <section className={`vp-card${alert ? ' vp-card--alert' : ''}`}>
      <h3>
        {title}
        {count !== undefined && <span className="vp-card__count">{count}</span>}
      </h3>
      {children}
    </section>
  )
}

const Empty = ({ children }: { children: React.ReactNode }) => <p className="vp-card__empty">{children}</p>

/**
 * The top of the admin's home page: the signed-in person's work, by role. Editors see their drafts,
 * changes sent back and reviews due; reviewers what waits for their approval, oldest first;
 * translators, per language, what is outdated (sections named), missing or in progress; admins
 * failing webhook endpoints and newsletter sends with failed recipients.
 */
export async function RoleDashboard({ i18n, payload, user }: DashboardProps) {
  if (!user) return null
  const { t, language } = await viewLabels(i18n?.language)
  const date = dateFormatter(language)
  const admin = payload.config.routes.admin
  const articleURL = (id: string, view = '', locale?: string) => `${admin}/collections/articles/${id}${view}${locale ? `?locale=${locale}` : ''}`

  const isEditor = hasRole(user, 'admin', 'editor')
  const [editor, reviews, translations, alerts] = await Promise.all([
    isEditor ? editorQueue(payload, user) : null,
    hasRole(user, 'reviewer') ? reviewerQueue(payload, user) : null,
    hasRole(user, 'translator') ? translatorQueue(payload, user) : null,
    hasRole(user, 'admin') ? adminAlerts(payload, user) : null,
  ])

  return (
    <div className="vp-dashboard" data-testid="role-dashboard">
      <h2>{t('dashboardTitle', { name: user.name })}</h2>
      <p className="vp-view__intro">{t('dashboardIntro')}</p>
      <div className="vp-dashboard__grid">
        {reviews && (
          <Card title={t('waitingForApproval')} count={reviews.length}>
            {reviews.length === 0 && <Empty>{t('waitingForApprovalEmpty')}</Empty>}
            <ol className="vp-list" data-testid="review-queue">
              {reviews.map((item) => (
                <li key={`${item.article.id}:${item.locale ?? ''}`}>
                  <a href={item.kind === 'source' ? articleURL(item.article.id, '/review') : articleURL(item.article.id, '/translate', item.locale ?? undefined)}>
                    {item.article.title}
                  </a>{' '}
                  <span className={`vp-badge vp-badge--${item.kind === 'source' ? 'in_review' : 'source'}`}>
                    {item.kind === 'translation'
                      ? t('reviewKindTranslation', { language: item.locale })
                      : item.changeKind
                        ? t('reviewKindSource', { kind: t(`changeKindShort_${item.changeKind}`) })
                        : t('reviewKindSourceNoKind')}
                  </span>
                  <span className="vp-list__meta">
                    {t('waitingSince', { date: date(item.waitingSince) })}
                    {item.submittedBy ? ` · ${t('submittedBy', { name: item.submittedBy })}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        )}

        {editor && (
          <>
            <Card title={t('sentBack')} count={editor.sentBack.length} alert={editor.sentBack.length > 0}>
              {editor.sentBack.length === 0 && <Empty>{t('sentBackEmpty')}</Empty>}
              <ul className="vp-list" data-testid="sent-back">
                {editor.sentBack.map((item) => (
                  <li key={item.id}>
                    <a href={articleURL(item.id)}>{item.title}</a>
                    {item.note && <span className="vp-list__note">{item.note}</span>}
                  </li>
                ))}
              </ul>
            </Card>
            <Card title={t('yourDrafts')} count={editor.drafts.length}>
              {editor.drafts.length === 0 && <Empty>{t('yourDraftsEmpty')}</Empty>}
              <ul className="vp-list" data-testid="your-drafts">
                {editor.drafts.map((item) => (
                  <li key={item.id}>
                    <a href={articleURL(item.id)}>{item.title}</a>
                    <span className="vp-list__meta">{t('savedOn', { date: date(item.updatedAt) })}</span>
                  </li>
                ))}
              </ul>
            </Card>
            <Card title={t('reviewsDue')} count={editor.reviewsDue.length}>
              {editor.reviewsDue.length === 0 && <Empty>{t('reviewsDueEmpty')}</Empty>}
              <ul className="vp-list" data-testid="reviews-due">
                {editor.reviewsDue.map((entry) => (
                  <li key={entry.id}>
                    <a href={articleURL(entry.id)}>{entry.title}</a>{' '}
                    {entry.daysUntilDue === null ? (
                      <span className="vp-badge vp-badge--overdue">{t('admin:neverReviewed')}</span>
                    ) : entry.overdue ? (
                      <span className="vp-badge vp-badge--overdue">{t('admin:overdue', { count: -entry.daysUntilDue })}</span>
                    ) : (
                      <span className="vp-badge">{entry.daysUntilDue === 0 ? t('admin:dueToday') : t('admin:dueIn', { count: entry.daysUntilDue })}</span>
                    )}
                    {entry.nextReviewDue && <span className="vp-list__meta">{date(entry.nextReviewDue)}</span>}
                  </li>
                ))}
              </ul>
              <a href={`${admin}/collections/articles/review-due`}>{t('allReviewsDue')}</a>
            </Card>
          </>
        )}

        {translations?.map((work) => (
          <Card key={work.locale} title={t('translationsInto', { language: work.languageName })} alert={work.outdated.length > 0}>
            <div data-testid={`translator-work-${work.locale}`}>
              <h3>
                {t('outdatedTranslations')}
                <span className="vp-card__count">{work.outdated.length}</span>
              </h3>
              {work.outdated.length === 0 && <Empty>{t('outdatedTranslationsEmpty')}</Empty>}
              <ul className="vp-list" data-testid="outdated-translations">
                {work.outdated.map((item) => (
                  <li key={item.article.id}>
                    <a href={articleURL(item.article.id, '/translate', work.locale)}>{item.article.title}</a>{' '}
                    <span className={`vp-badge vp-badge--${item.withheld ? 'outdated' : 'flagged'}`}>
                      {item.withheld ? t('localeState_outdated') : t('flaggedSections')}
                    </span>
                    {item.sections.length > 0 && <span className="vp-list__meta">{t('changedSections', { sections: sectionList(t, item.sections) })}</span>}
                    {item.fields.length > 0 && (
                      <span className="vp-list__meta">{t('changedFields', { fields: item.fields.map((field) => t(`field_${field}`)).join(', ') })}</span>
                    )}
                  </li>
                ))}
              </ul>
              <h3>
                {t('missingTranslations')}
                <span className="vp-card__count">{work.missing.length}</span>
              </h3>
              {work.missing.length === 0 && <Empty>{t('missingTranslationsEmpty')}</Empty>}
              <ul className="vp-list" data-testid="missing-translations">
                {work.missing.map((item) => (
                  <li key={item.id}>
                    <a href={articleURL(item.id, '/translate', work.locale)}>{item.title}</a>
                  </li>
                ))}
              </ul>
              {work.inProgress.length > 0 && (
                <>
                  <h3>
                    {t('inProgressTranslations')}
                    <span className="vp-card__count">{work.inProgress.length}</span>
                  </h3>
                  <ul className="vp-list" data-testid="in-progress-translations">
                    {work.inProgress.map((item) => (
                      <li key={item.article.id}>
                        <a href={articleURL(item.article.id, '/translate', work.locale)}>{item.article.title}</a>
                        {item.untranslated.length > 0 && (
                          <span className="vp-list__meta">{t('untranslatedSections', { sections: sectionList(t, item.untranslated) })}</span>
                        )}
                        {item.note && <span className="vp-list__note">{item.note}</span>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {work.inReview.length > 0 && <p className="vp-card__empty">{t('translationsInReview', { count: work.inReview.length })}</p>}
            </div>
          </Card>
        ))}

        {alerts && (
          <>
            <Card title={t('failingEndpoints')} count={alerts.failingEndpoints.length} alert={alerts.failingEndpoints.length > 0}>
              {alerts.failingEndpoints.length === 0 && <Empty>{t('failingEndpointsEmpty')}</Empty>}
              <ul className="vp-list" data-testid="failing-endpoints">
                {alerts.failingEndpoints.map((endpoint) => (
                  <li key={endpoint.id}>
                    <a href={`${admin}/collections/webhook-endpoints/${endpoint.id}`}>{endpoint.name}</a>{' '}
                    {!endpoint.active && <span className="vp-badge vp-badge--failed">{t('endpointDisabled')}</span>}
                    <span className="vp-list__meta">
                      {t('endpointFailures', { failed: endpoint.failed, retrying: endpoint.retrying })}
                      {endpoint.lastStatusCode ? ` · HTTP ${endpoint.lastStatusCode}` : ''}
                      {endpoint.lastError ? ` · ${endpoint.lastError}` : ''}
                      {endpoint.disabledReason ? ` · ${endpoint.disabledReason}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
              <a href={`${admin}/webhook-log`}>{t('openWebhookLog')}</a>
            </Card>
            <Card title={t('failingSends')} count={alerts.failingSends.length} alert={alerts.failingSends.length > 0}>
              {alerts.failingSends.length === 0 && <Empty>{t('failingSendsEmpty')}</Empty>}
              <ul className="vp-list" data-testid="failing-sends">
                {alerts.failingSends.map((send) => (
                  <li key={send.id}>
                    <a href={`${admin}/collections/newsletter-sends/${send.id}`}>{send.article?.title ?? send.id}</a>{' '}
                    <span className={`vp-badge vp-badge--${send.status}`}>{t(`sendStatus_${send.status}`)}</span>
                    <span className="vp-list__meta">
                      {t('sendFailures', { count: send.failed })}
                      {send.lastReason ? ` · ${send.lastReason}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
              <a href={`${admin}/newsletter-log`}>{t('openNewsletterLog')}</a>
            </Card>
          </>
        )}
      </div>
    </div>
  )
}
