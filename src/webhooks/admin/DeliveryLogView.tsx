import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import { ActionButton } from '../../admin/ui/ActionButton'
import { AdminPage } from '../../admin/ui/AdminPage'
import { FilterForm, FilterSelect } from '../../admin/ui/FilterSelect'
import { dateFormatter, viewLabels } from '../../admin/ui/labels'
import { LogTable, PageLinks } from '../../admin/ui/LogTable'
import type { User } from '../../payload-types'
import { firstParam } from '../../admin/ui/searchParams'
import { relationId } from '../../content/relations'

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
  const status = firstParam(view.searchParams?.status)
  const endpointId = firstParam(view.searchParams?.endpoint)
  const page = Math.max(1, Number(firstParam(view.searchParams?.page)) || 1)
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
      <FilterForm applyLabel={t('filterApply')}>
        <FilterSelect
          label={t('filterState')}
          name="status"
          value={status}
          anyLabel={t('filterAnyState')}
          choices={STATUSES.map((entry) => ({ value: entry, label: t(`deliveryStatus_${entry}`) }))}
        />
        <FilterSelect
          label={t('filterEndpoint')}
          name="endpoint"
          value={endpointId}
          anyLabel={t('filterAnyEndpoint')}
          choices={endpoints.docs.map((endpoint) => ({ value: String(endpoint.id), label: endpoint.name }))}
        />
      </FilterForm>
      <LogTable
        testId="webhook-log"
        empty={t('webhookLogEmpty')}
        entries={deliveries.docs.length}
        columns={[t('columnWhen'), t('columnEvent'), t('filterEndpoint'), t('columnState'), t('columnAttempts'), t('columnResponse'), '']}
      >
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
      </LogTable>
      <PageLinks
        page={page}
        totalPages={deliveries.totalPages}
        link={query}
        labels={{ previous: t('pagePrevious'), next: t('pageNext'), pageOf: t('pageOf', { page, total: deliveries.totalPages }) }}
      />
    </AdminPage>
  )
}
