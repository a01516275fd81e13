import type { Payload } from 'payload'

import { SOURCE_LOCALE } from '../languages/registry'
import { dispatchEvent } from '../webhooks/dispatchEvent'
import type { PublishReport } from './publisher'
import { publisherFor } from './createPublisher'
import { relationId } from '../content/relations'

export class PublishNotReadyError extends Error {
  readonly code = 'PUBLISH_ARTICLE_NOT_READY'
}

const SOURCE_TAKEN_DOWN = new Set(['unpublished', 'archived'])

/**
 * Publishes what a workflow record says changed: the article's files in every language (or
 * their removal), then the webhook events. The files always follow the article as it is now;
 * the events are announced only when the article is in the state the record describes, so a
 * record overtaken by a later transition announces nothing wrong.
 */
export async function publishAfterWorkflowEvent(payload: Payload, workflowEventId: string): Promise<PublishReport | null> {
  const event = await payload.findByID({ collection: 'workflow-events', id: workflowEventId, depth: 0, disableErrors: true, overrideAccess: true })
  if (!event) return null
  const articleId = relationId(event.article)!
  const report = await publisherFor(payload).publish({ kind: 'articles', ids: [articleId] })
  const outcome = report.articles.find((article) => article.id === articleId)
  if (!outcome) return report
  const latest = await payload.find({
    collection: 'workflow-events',
    where: { and: [{ article: { equals: articleId } }, event.locale ? { locale: { equals: event.locale } } : { locale: { exists: false } }] },
    sort: '-createdAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const isLatest = latest.docs[0]?.id === event.id
  const expectsLive = !event.locale && event.to === 'published'
  const expectsGone = !event.locale && SOURCE_TAKEN_DOWN.has(event.to)
  if ((expectsLive && !outcome.published) || (expectsGone && outcome.published)) {
    // The record is written in the same request as the article's change; until that change is
    // visible the job fails and Payload runs it again.
    if (isLatest) throw new PublishNotReadyError(`Article ${articleId} is not yet ${event.to} as workflow record ${event.id} says; publishing will be retried.`)
    return report
  }
  const timestamp = new Date(event.createdAt).toISOString()
  if (expectsLive) {
    await dispatchEvent(payload, {
      id: `msg_${event.id}`,
      type: 'article.published',
      locale: null,
      timestamp,
      data: {
        articleId,
        slug: outcome.slug,
        revision: outcome.revision,
        changeKind: event.changeKind ?? null,
        locales: Object.entries(outcome.locales).map(([locale, shown]) => ({ locale, ...shown })),
      },
    })
  } else if (expectsGone) {
    await dispatchEvent(payload, {
      id: `msg_${event.id}`,
      type: 'article.unpublished',
      locale: null,
      timestamp,
      data: { articleId, slug: outcome.slug, state: event.to, removed: report.removed.filter((path) => path.includes('/articles/') && !path.endsWith('/index.json')) },
    })
  } else if (event.locale && event.locale !== SOURCE_LOCALE) {
    const shown = outcome.locales[event.locale]
    if (shown && !shown.fallback) {
      await dispatchEvent(payload, {
        id: `msg_${event.id}`,
        type: 'article.locale.published',
        locale: event.locale,
        timestamp,
        data: { articleId, slug: outcome.slug, locale: event.locale, revision: event.revision ?? null, ...shown },
      })
    }
  }
  return report
}
