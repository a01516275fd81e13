import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import { ActionButton } from '../../admin/ActionButton'
import { AdminPage } from '../../admin/AdminPage'
import { dateFormatter, viewLabels } from '../../admin/labels'
import type { User } from '../../payload-types'

const PAGE_SIZE = 50
const STATUSES = ['pending', 'retrying', 'delivered', 'failed', 'cancelled'] as const

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? ''
const idOf = (value: unknown) => (value && typeof value === 'object' ? String((value as { id: unknown }).id) : value ? String(value) : '')

/**
 * `/admin/webhook-log`: every webhook delivery, newest first, filtered by status and endpoint,
 * read-only but for Redeliver (admins only, as the deliveries themselves are).
 */
export async function DeliveryLogView(view: AdminViewServerProps) {
  const { req } = view.initPageResult
  const { t, language } = await viewLabels(req.i18n?.language)
  const date = dateFormatter(language, true)
  const user = req.user as User | null
  const title = t('webhookLogTitle')
  if (!user || !hasRole(user, 'admin')) {
    return (
      <AdminPage title={title} view={view}>
        <p>{t('adminsOnly')}</p>
      </AdminPage>
    )
  }
  const status = one(view.searchParams?.status)
  const endpointId = one(view.searchParams?.endpoint)
  const page = Math.max(1, Number(one(view.searchParams?.page)) || 1)
  const filters: Where[] = []
  if ((STATUSES as readonly string[]).includes(status)) filters.push({ status: { equals: status } })
  if (endpointId) filters.push({ endpoint: { equals: endpointId } })
  const endpoints = await req.payload.find({ collection: 'webhook-endpoints', depth: 0, pagination: false, sort: 'name', overrideAccess: false, user })
  const deliveries = await req.payload.find({
    collection: 'webhook-deliveries',
    where: filters.length ? { and: filters } : {},
    select: { eventId: true, eventType: true, endpoint: true, locale: true, status: true, attemptCount: true, round: true, lastStatusCode: true, lastError: true, updatedAt: true },
    sort: '-updatedAt',
    limit: PAGE_SIZE,
    page,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const endpointNames = new Map(endpoints.docs.map((endpoint) => [String(endpoint.id), endpoint.name]))
  const api = `${req.payload.config.serverURL ?? ''}${req.payload.config.routes.api}`
  const admin = req.payload.config.routes.admin
  const query = (target: number) => `?${new URLSearchParams({ ...(status ? { status } : {}), ...(endpointId ? { endpoint: endpointId } : {}), page: String(target) })}`

  return (
    <AdminPage title={title} view={view}>
      <p className="vp-view__intro">{t('webhookLogIntro')}</p>
      <form method="get" className="vp-filters">
        <label>
          {t('filterState')}
          <select name="status" defaultValue={status}>
            <option value="">{t('filterAnyState')}</option>
            {STATUSES.map((entry) => (
              <option key={entry} value={entry}>
                {t(`deliveryStatus_${entry}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterEndpoint')}
          <select name="endpoint" defaultValue={endpointId}>
            <option value="">{t('filterAnyEndpoint')}</option>
            {endpoints.docs.map((endpoint) => (
              <option key={endpoint.id} value={String(endpoint.id)}>
                {endpoint.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
          {t('filterApply')}
        </button>
      </form>
      {deliveries.docs.length === 0 ? (
        <p>{t('webhookLogEmpty')}</p>
      ) : (
        <table className="vp-table" data-testid="webhook-log">
          <thead>
            <tr>
              <th>{t('columnWhen')}</th>
              <th>{t('columnEvent')}</th>
              <th>{t('filterEndpoint')}</th>
              <th>{t('columnState')}</th>
              <th>{t('columnAttempts')}</th>
              <th>{t('columnResponse')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.docs.map((delivery) => (
              <tr key={delivery.id}>
                <td>
                  <a href={`${admin}/collections/webhook-deliveries/${delivery.id}`}>{date(delivery.updatedAt)}</a>
                </td>
                <td>
                  {delivery.eventType}
                  {delivery.locale ? ` · ${delivery.locale}` : ''}
                  <span className="vp-list__meta">{delivery.eventId}</span>
                </td>
                <td>{endpointNames.get(idOf(delivery.endpoint)) ?? idOf(delivery.endpoint)}</td>
                <td>
                  <span className={`vp-badge vp-badge--${delivery.status}`}>{t(`deliveryStatus_${delivery.status}`)}</span>
                </td>
                <td>{t('attemptsInRound', { count: delivery.attemptCount ?? 0, round: delivery.round ?? 1 })}</td>
                <td>
                  {delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : ''}
                  {delivery.lastError && <span className="vp-list__meta">{delivery.lastError}</span>}
                </td>
                <td>
                  <ActionButton url={`${api}/webhook-deliveries/${delivery.id}/redeliver`} label={t('redeliver')} done={t('redeliverQueued')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deliveries.totalPages > 1 && (
        <p className="vp-actions">
          {deliveries.hasPrevPage && <a href={query(page - 1)}>{t('pagePrevious')}</a>}
          <span>{t('pageOf', { page, total: deliveries.totalPages })}</span>
          {deliveries.hasNextPage && <a href={query(page + 1)}>{t('pageNext')}</a>}
        </p>
      )}
    </AdminPage>
  )
}
