import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { AdminPage } from '../../admin/AdminPage'
import { dateFormatter, viewLabels } from '../../admin/labels'
import { loadLanguages } from '../../localization/languages'
import type { User } from '../../payload-types'

const PAGE_SIZE = 50

/** The events that change what readers get: the source published, unpublished or archived, and translations approved. */
const PUBLISH_EVENTS: Record<string, Where> = {
  published: { and: [{ to: { equals: 'published' } }, { locale: { exists: false } }] },
  unpublished: { and: [{ to: { in: ['unpublished', 'archived'] } }, { locale: { exists: false } }] },
  translation: { and: [{ to: { equals: 'approved' } }, { locale: { exists: true } }] },
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? ''
const idOf = (value: unknown) => (value && typeof value === 'object' ? String((value as { id: unknown }).id) : value ? String(value) : '')

/**
 * `/admin/publish-log`: read-only, newest first, every publication the pipeline acted on (each
 * queues the publishing job that writes the files and the webhooks): articles published,
 * unpublished or archived, and translations approved for readers.
 */
export async function PublishLogView(view: AdminViewServerProps) {
  const { req } = view.initPageResult
  const { t, language } = await viewLabels(req.i18n?.language)
  const date = dateFormatter(language, true)
  const user = req.user as User | null
  const title = t('publishLogTitle')
  if (!user) return null
  const kind = one(view.searchParams?.kind)
  const page = Math.max(1, Number(one(view.searchParams?.page)) || 1)
  const events = await req.payload.find({
    collection: 'workflow-events',
    where: PUBLISH_EVENTS[kind] ?? { or: Object.values(PUBLISH_EVENTS) },
    sort: '-createdAt',
    limit: PAGE_SIZE,
    page,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const articleIds = [...new Set(events.docs.map((event) => idOf(event.article)))]
  const articles = articleIds.length
    ? await req.payload.find({ collection: 'articles', where: { id: { in: articleIds } }, select: { title: true, slug: true }, draft: true, depth: 0, pagination: false, overrideAccess: false, user })
    : { docs: [] }
  const titles = new Map(articles.docs.map((doc) => [String(doc.id), doc.title]))
  const actorIds = [...new Set(events.docs.map((event) => idOf(event.actor)).filter(Boolean))]
  // Staff may not read each other's accounts; the name is all the log shows of them.
  const actors = actorIds.length
    ? await req.payload.find({ collection: 'users', where: { id: { in: actorIds } }, select: { name: true }, depth: 0, pagination: false, overrideAccess: true })
    : { docs: [] }
  const names = new Map(actors.docs.map((actor) => [String(actor.id), actor.name]))
  const languageNames = new Map(loadLanguages().map((entry) => [entry.code, entry.name]))
  const admin = req.payload.config.routes.admin
  const eventLabel = (event: (typeof events.docs)[number]) => (event.locale ? t('publishEvent_translation') : t(`publishEvent_${event.to}`))

  return (
    <AdminPage title={title} view={view}>
      <p className="vp-view__intro">{t('publishLogIntro')}</p>
      <form method="get" className="vp-filters">
        <label>
          {t('filterEvent')}
          <select name="kind" defaultValue={kind}>
            <option value="">{t('filterAnyEvent')}</option>
            {Object.keys(PUBLISH_EVENTS).map((key) => (
              <option key={key} value={key}>
                {t(`publishFilter_${key}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
          {t('filterApply')}
        </button>
      </form>
      {events.docs.length === 0 ? (
        <p>{t('publishLogEmpty')}</p>
      ) : (
        <table className="vp-table" data-testid="publish-log">
          <thead>
            <tr>
              <th>{t('columnWhen')}</th>
              <th>{t('admin:columnArticle')}</th>
              <th>{t('columnLanguage')}</th>
              <th>{t('columnEvent')}</th>
              <th>{t('columnKind')}</th>
              <th>{t('columnRevision')}</th>
              <th>{t('columnBy')}</th>
            </tr>
          </thead>
          <tbody>
            {events.docs.map((event) => (
              <tr key={event.id}>
                <td>{date(event.createdAt)}</td>
                <td>
                  <a href={`${admin}/collections/articles/${idOf(event.article)}`}>{titles.get(idOf(event.article)) ?? idOf(event.article)}</a>
                  {event.note && <span className="vp-list__meta">{event.note}</span>}
                </td>
                <td>{event.locale ? (languageNames.get(event.locale) ?? event.locale) : t('allLanguages')}</td>
                <td>
                  <span className={`vp-badge vp-badge--${event.to === 'published' || event.locale ? 'published' : 'failed'}`}>{eventLabel(event)}</span>
                </td>
                <td>{event.changeKind ? t(`changeKindShort_${event.changeKind}`) : ''}</td>
                <td>{event.revision ?? ''}</td>
                <td>{names.get(idOf(event.actor)) ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.totalPages > 1 && (
        <p className="vp-actions">
          {events.hasPrevPage && <a href={`?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(page - 1) })}`}>{t('pagePrevious')}</a>}
          <span>{t('pageOf', { page, total: events.totalPages })}</span>
          {events.hasNextPage && <a href={`?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(page + 1) })}`}>{t('pageNext')}</a>}
        </p>
      )}
    </AdminPage>
  )
}
