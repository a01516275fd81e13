import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import { ActionButton } from '../../admin/ui/ActionButton'
import { AdminPage } from '../../admin/ui/AdminPage'
import { dateFormatter, viewLabels } from '../../admin/ui/labels'
import { LogPage, logQuery } from '../../admin/ui/LogPage'
import { relationId } from '../../content/relations'
import type { User } from '../../payload-types'

const PAGE_SIZE = 50
const STATUSES = ['pending', 'retrying', 'delivered', 'failed', 'cancelled'] as const

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
  const query = logQuery(view.searchParams, ['status', 'endpoint'])
  const { status, endpoint: endpointId } = query.filters
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
    page: query.page,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const endpointNames = new Map(endpoints.docs.map((endpoint) => [String(endpoint.id), endpoint.name]))
  const api = `${req.payload.config.serverURL ?? ''}${req.payload.config.routes.api}`
  const admin = req.payload.config.routes.admin

  return (
    <LogPage
      view={view}
      t={t}
      title={title}
      intro={t('webhookLogIntro')}
      query={query}
      filters={[
        { name: 'status', label: t('filterState'), anyLabel: t('filterAnyState'), choices: STATUSES.map((entry) => ({ value: entry, label: t(`deliveryStatus_${entry}`) })) },
        {
          name: 'endpoint',
          label: t('filterEndpoint'),
          anyLabel: t('filterAnyEndpoint'),
          choices: endpoints.docs.map((endpoint) => ({ value: String(endpoint.id), label: endpoint.name })),
        },
      ]}
      testId="webhook-log"
      empty={t('webhookLogEmpty')}
      columns={[t('columnWhen'), t('columnEvent'), t('filterEndpoint'), t('columnState'), t('columnAttempts'), t('columnResponse'), '']}
      totalPages={deliveries.totalPages}
      rows={deliveries.docs.map((delivery) => (
        <tr key={delivery.id}>
          <td>
            <a href={`${admin}/collections/webhook-deliveries/${delivery.id}`}>{date(delivery.updatedAt)}</a>
          </td>
          <td>
            {delivery.eventType}
            {delivery.locale ? ` · ${delivery.locale}` : ''}
            <span className="vp-list__meta">{delivery.eventId}</span>
          </td>
          <td>{endpointNames.get(relationId(delivery.endpoint) ?? '') ?? relationId(delivery.endpoint)}</td>
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
    />
  )
}
