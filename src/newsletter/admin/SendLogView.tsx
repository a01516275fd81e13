import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import { ActionButton } from '../../admin/ui/ActionButton'
import { AdminPage } from '../../admin/ui/AdminPage'
import { dateFormatter, viewLabels } from '../../admin/ui/labels'
import { LogPage, logQuery } from '../../admin/ui/LogPage'
import { articleTitles } from '../../content/articleTitles'
import { relationId } from '../../content/relations'
import type { User } from '../../payload-types'
import { SEND_STATUSES } from '../vocabulary'

const PAGE_SIZE = 25
/**
 * The recipient counts a row shows; "pending" joins held, queued and sending. "throttled" (of the
 * pending) waits for a retry time after the mail server asked to slow down: shown only when there
 * are any, as the sign that the send is being throttled.
 */
const COUNTED: Array<{ key: string; where: Where; onlyWhenAny?: boolean }> = [
  { key: 'sent', where: { status: { equals: 'sent' } } },
  { key: 'pending', where: { status: { in: ['held', 'queued', 'sending'] } } },
  { key: 'throttled', where: { and: [{ status: { equals: 'queued' } }, { failureCode: { equals: 'MAIL_THROTTLED' } }] }, onlyWhenAny: true },
  { key: 'failed', where: { status: { equals: 'failed' } } },
  { key: 'skipped', where: { status: { equals: 'skipped' } } },
]
/** Counts drawn as a badge when above 0. */
const FLAGGED = new Set(['failed', 'throttled'])

/**
 * `/admin/newsletter-log`: every update email send, newest first, with its recipients counted by
 * outcome, read-only but for Resume and Cancel (editors and admins, as the sends themselves).
 */
export async function SendLogView(view: AdminViewServerProps) {
  const { req } = view.initPageResult
  const { t, language } = await viewLabels(req.i18n?.language)
  const date = dateFormatter(language, true)
  const user = req.user as User | null
  const title = t('newsletterLogTitle')
  if (!user || !hasRole(user, 'admin', 'editor')) {
    return (
      <AdminPage title={title} view={view}>
        <p>{t('editorsAndAdminsOnly')}</p>
      </AdminPage>
    )
  }
  const query = logQuery(view.searchParams, ['status'])
  const { status } = query.filters
  const sends = await req.payload.find({
    collection: 'newsletter-sends',
    where: (SEND_STATUSES as readonly string[]).includes(status) ? { status: { equals: status } } : {},
    sort: '-createdAt',
    limit: PAGE_SIZE,
    page: query.page,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const titles = await articleTitles(req.payload, user, sends.docs.map((send) => relationId(send.article)))
  const counts = new Map(
    await Promise.all(
      sends.docs.map(async (send) => {
        const perOutcome = await Promise.all(
          COUNTED.map(async ({ key, where }) => {
            const { totalDocs } = await req.payload.count({ collection: 'newsletter-deliveries', where: { and: [{ send: { equals: send.id } }, where] }, overrideAccess: false, user })
            return [key, totalDocs] as const
          }),
        )
        return [String(send.id), Object.fromEntries(perOutcome)] as const
      }),
    ),
  )
  const api = `${req.payload.config.serverURL ?? ''}${req.payload.config.routes.api}`
  const admin = req.payload.config.routes.admin

  return (
    <LogPage
      view={view}
      t={t}
      title={title}
      intro={t('newsletterLogIntro')}
      query={query}
      filters={[{ name: 'status', label: t('filterState'), anyLabel: t('filterAnyState'), choices: SEND_STATUSES.map((entry) => ({ value: entry, label: t(`sendStatus_${entry}`) })) }]}
      testId="newsletter-log"
      empty={t('newsletterLogEmpty')}
      columns={[t('columnWhen'), t('admin:columnArticle'), t('columnKind'), t('columnState'), t('columnRecipients'), '']}
      totalPages={sends.totalPages}
      rows={sends.docs.map((send) => {
        const count = counts.get(String(send.id)) ?? {}
        return (
          <tr key={send.id} data-send={send.id}>
            <td>
              <a href={`${admin}/collections/newsletter-sends/${send.id}`}>{date(send.createdAt)}</a>
            </td>
            {send.kind === 'digest' ? (
              <td>{t('digestOfWindow', { window: send.digest?.windowKey ?? send.key })}</td>
            ) : (
              <td>
                {titles.get(relationId(send.article) ?? '') ?? relationId(send.article)}
                <span className="vp-list__meta">{t('revisionNumber', { revision: send.revision })}</span>
              </td>
            )}
            <td>{send.kind === 'digest' ? t('sendKindDigest') : t(`changeKindShort_${send.changeKind}`)}</td>
            <td>
              <span className={`vp-badge vp-badge--${send.status}`}>{t(`sendStatus_${send.status}`)}</span>
            </td>
            <td>
              {COUNTED.filter(({ key, onlyWhenAny }) => !onlyWhenAny || count[key]).map(({ key }) => (
                <span key={key} data-count={key} className={`vp-list__meta${FLAGGED.has(key) && count[key] ? ` vp-badge vp-badge--${key}` : ''}`}>
                  {t(`recipients_${key}`, { count: count[key] ?? 0 })}
                </span>
              ))}
            </td>
            <td>
              <div className="vp-actions">
                {send.status !== 'completed' && (
                  <ActionButton url={`${api}/newsletter-sends/${send.id}/resume`} label={t('resumeSend')} done={t('sendResumed')} buttonStyle="primary" />
                )}
                {send.status !== 'completed' && send.status !== 'cancelled' && (
                  <ActionButton url={`${api}/newsletter-sends/${send.id}/cancel`} label={t('cancelSend')} done={t('sendCancelled')} confirm={t('cancelSendConfirm')} />
                )}
              </div>
            </td>
          </tr>
        )
      })}
    />
  )
}
