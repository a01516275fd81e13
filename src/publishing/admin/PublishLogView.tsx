import type { AdminViewServerProps, Where } from 'payload'
import React from 'react'

import { dateFormatter, viewLabels } from '../../admin/ui/labels'
import { LogPage, logQuery } from '../../admin/ui/LogPage'
import { articleTitles } from '../../content/articleTitles'
import { relationId } from '../../content/relations'
import { loadLanguages } from '../../languages/registry'
import type { User } from '../../payload-types'

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
  if (!user) return null
  const query = logQuery(view.searchParams, ['kind'])
  const { kind } = query.filters
  const events = await req.payload.find({
    collection: 'workflow-events',
    where: PUBLISH_EVENTS[kind] ?? { or: Object.values(PUBLISH_EVENTS) },
    sort: '-createdAt',
    limit: PAGE_SIZE,
    page: query.page,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const titles = await articleTitles(req.payload, user, events.docs.map((event) => relationId(event.article)))
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
    <LogPage
      view={view}
      t={t}
      title={t('publishLogTitle')}
      intro={t('publishLogIntro')}
      query={query}
      filters={[
        {
          name: 'kind',
          label: t('filterEvent'),
          anyLabel: t('filterAnyEvent'),
          choices: Object.keys(PUBLISH_EVENTS).map((key) => ({ value: key, label: t(`publishFilter_${key}`) })),
        },
      ]}
      testId="publish-log"
      empty={t('publishLogEmpty')}
      columns={[t('columnWhen'), t('admin:columnArticle'), t('columnLanguage'), t('columnEvent'), t('columnKind'), t('columnRevision'), t('columnBy')]}
      totalPages={events.totalPages}
      rows={events.docs.map((event) => (
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
    />
  )
}
