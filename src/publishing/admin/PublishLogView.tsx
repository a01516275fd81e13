import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { AdminPage } from '../../admin/ui/AdminPage'
import { FilterForm, FilterSelect } from '../../admin/ui/FilterSelect'
import { dateFormatter, viewLabels } from '../../admin/ui/labels'
import { LogTable, PageLinks } from '../../admin/ui/LogTable'
import { loadLanguages } from '../../languages/registry'
import type { User } from '../../payload-types'
import { firstParam } from '../../admin/ui/searchParams'
import { relationId } from '../../content/relations'

const PAGE_SIZE = 50

/** The events that change what readers get: the source published, unpublished or archived, and translations approved. */
const PUBLISH_EVENTS: Record<string, Where> = {
  published: { and: [{ to: { equals: 'published' } }, { locale: { exists: false } }] },
  unpublished: { and: [{ to: { in: ['unpublished', 'archived'] } }, { locale: { exists: false } }] },
  translation: { and: [{ to: { equals: 'approved' } }, { locale: { exists: true } }] },
}


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
  const kind = firstParam(view.searchParams?.kind)
  const page = Math.max(1, Number(firstParam(view.searchParams?.page)) || 1)
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
  const articleIds = [...new Set(events.docs.map((event) => relationId(event.article) ?? ''))]
  const articles = articleIds.length
    ? await req.payload.find({ collection: 'articles', where: { id: { in: articleIds } }, select: { title: true, slug: true }, draft: true, depth: 0, pagination: false, overrideAccess: false, user })
    : { docs: [] }
  const titles = new Map(articles.docs.map((doc) => [String(doc.id), doc.title]))
  const actorIds = [...new Set(events.docs.map((event) => relationId(event.actor) ?? '').filter(Boolean))]
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
      <FilterForm applyLabel={t('filterApply')}>
        <FilterSelect
          label={t('filterEvent')}
          name="kind"
          value={kind}
          anyLabel={t('filterAnyEvent')}
          choices={Object.keys(PUBLISH_EVENTS).map((key) => ({ value: key, label: t(`publishFilter_${key}`) }))}
        />
      </FilterForm>
      <LogTable
        testId="publish-log"
        empty={t('publishLogEmpty')}
        entries={events.docs.length}
        columns={[t('columnWhen'), t('admin:columnArticle'), t('columnLanguage'), t('columnEvent'), t('columnKind'), t('columnRevision'), t('columnBy')]}
      >
        {events.docs.map((event) => (
          <tr key={event.id}>
            <td>{date(event.createdAt)}</td>
            <td>
              <a href={`${admin}/collections/articles/${relationId(event.article) ?? ''}`}>{titles.get(relationId(event.article) ?? '') ?? relationId(event.article)}</a>
              {event.note && <span className="vp-list__meta">{event.note}</span>}
            </td>
            <td>{event.locale ? (languageNames.get(event.locale) ?? event.locale) : t('allLanguages')}</td>
            <td>
              <span className={`vp-badge vp-badge--${event.to === 'published' || event.locale ? 'published' : 'failed'}`}>{eventLabel(event)}</span>
            </td>
            <td>{event.changeKind ? t(`changeKindShort_${event.changeKind}`) : ''}</td>
            <td>{event.revision ?? ''}</td>
            <td>{names.get(relationId(event.actor) ?? '') ?? ''}</td>
          </tr>
        ))}
      </LogTable>
      <PageLinks
        page={page}
        totalPages={events.totalPages}
        link={(target) => `?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(target) })}`}
        labels={{ previous: t('pagePrevious'), next: t('pageNext'), pageOf: t('pageOf', { page, total: events.totalPages }) }}
      />
    </AdminPage>
  )
}
