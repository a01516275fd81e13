import type { Payload } from 'payload'
import React from 'react'

import '../../admin/ui/adminViews.scss'
import { dateFormatter, viewLabels } from '../../admin/ui/labels'
import type { User } from '../../payload-types'
import { relationId } from '../../content/relations'

/** How many transitions the sidebar shows; the full trail is one click away. */
const SHOWN = 8

interface HistoryProps {
  id?: number | string
  i18n?: { language?: string }
  payload: Payload
  user?: User | null
}

/**
 * The article's recent transitions in the edit view's sidebar, newest first: who moved what
 * (the source, or one language's translation) from which state to which, when, and their note.
 */
export async function WorkflowHistory({ id, i18n, payload, user }: HistoryProps) {
  if (!id || !user) return null
  const { t, language } = await viewLabels(i18n?.language)
  const date = dateFormatter(language, true)
  const { docs, totalDocs } = await payload.find({
    collection: 'workflow-events',
    where: { article: { equals: id } },
    sort: '-createdAt',
    limit: SHOWN,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const actorIds = [...new Set(docs.map((event) => relationId(event.actor)).filter((value): value is string => Boolean(value)))]
  // Staff may not read each other's accounts; the name is all the trail shows of them.
  const actors = actorIds.length
    ? await payload.find({ collection: 'users', where: { id: { in: actorIds } }, select: { name: true }, depth: 0, pagination: false, overrideAccess: true })
    : { docs: [] }
  const names = new Map(actors.docs.map((actor) => [String(actor.id), actor.name]))
  const stateLabel = (state: string, locale: string | null | undefined) => (locale ? t(`localeState_${state}`) : t(`admin:workflowState_${state}`))
  const admin = payload.config.routes.admin
  const audit = (format: 'csv' | 'json') => `${payload.config.serverURL}${payload.config.routes.api}/articles/${encodeURIComponent(String(id))}/audit?format=${format}`

  return (
    <div className="vp-panel" data-testid="workflow-history">
      <h4>{t('historyTitle')}</h4>
      {docs.length === 0 && <p className="vp-card__empty">{t('historyEmpty')}</p>}
      <ol className="vp-list">
        {docs.map((event) => {
          const actorId = relationId(event.actor)
          return (
            <li key={event.id}>
              {event.locale && <span className="vp-badge">{event.locale}</span>} {stateLabel(event.from, event.locale)} → <strong>{stateLabel(event.to, event.locale)}</strong>
              <span className="vp-list__meta">
                {date(event.createdAt)}
                {actorId ? ` · ${names.get(String(actorId)) ?? ''}` : ` · ${t('historyAutomatic')}`}
                {event.changeKind ? ` · ${t(`changeKindShort_${event.changeKind}`)}` : ''}
              </span>
              {event.note && <span className="vp-list__note">{event.note}</span>}
            </li>
          )
        })}
      </ol>
      {totalDocs > SHOWN && (
        <a href={`${admin}/collections/workflow-events?where[article][equals]=${encodeURIComponent(String(id))}`}>{t('historyAll', { count: totalDocs })}</a>
      )}
      <p className="vp-list__meta" data-testid="audit-export">
        {t('auditExport')}{' '}
        <a href={audit('csv')} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={audit('json')} download>
          JSON
        </a>
      </p>
    </div>
  )
}
