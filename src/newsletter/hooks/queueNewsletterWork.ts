import type { CollectionAfterChangeHook } from 'payload'

import type { WorkflowEvent } from '../../payload-types'
import { isNewsworthy } from '../vocabulary'
import { NEWSLETTER_TASKS } from '../taskSlugs'
import { relationId } from '../../content/relations'

/**
 * Reacts to the workflow's event stream: a clinical or editorial publish of the source content
 * queues the preparation of a send; an approved translation queues the release of any send that
 * waits for that language. Only ids are queued; the jobs do the work.
 */
export const queueNewsletterWork: CollectionAfterChangeHook<WorkflowEvent> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || req.context?.seeding) return doc
  const articleId = relationId(doc.article)!
  if (!doc.locale && doc.to === 'published' && isNewsworthy(doc.changeKind)) {
    await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.prepareSend, input: { workflowEventId: String(doc.id) }, req })
  } else if (doc.locale && (doc.to === 'approved' || doc.to === 'published')) {
    await req.payload.jobs.queue({ task: NEWSLETTER_TASKS.releaseLanguages, input: { articleId }, req })
  }
  return doc
}
