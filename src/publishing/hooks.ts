import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { WorkflowEvent } from '../payload-types'
import { relationId } from '../content/relations'
import { PUBLISHING_TASKS } from './taskSlugs'

/** Source transitions that change what readers see, and translation transitions that do. */
const SOURCE_TRIGGERS = new Set(['published', 'unpublished', 'archived'])
const LOCALE_TRIGGERS = new Set(['approved'])

/** After a workflow record: queue the article's publish (the job reloads the record and the article). */
export const queuePublishOnWorkflowEvent: CollectionAfterChangeHook<WorkflowEvent> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || req.context?.seeding) return doc
  const triggers = doc.locale ? LOCALE_TRIGGERS : SOURCE_TRIGGERS
  if (!triggers.has(doc.to)) return doc
  await req.payload.jobs.queue({ task: PUBLISHING_TASKS.publishArticle, input: { workflowEventId: doc.id }, req })
  return doc
}

type DirectoryCollection = 'doctors' | 'clinics' | 'specialties'

function directoryInput(collection: DirectoryCollection, doc: Record<string, unknown>, previous?: Record<string, unknown>) {
  const id = String(doc.id)
  if (collection === 'doctors') {
    const specialtyIds = [relationId(doc.specialty), relationId(previous?.specialty)].filter((value): value is string => value !== null)
    return { doctorIds: [id], clinicIds: [], specialtyIds: [...new Set(specialtyIds)] }
  }
  return collection === 'clinics' ? { doctorIds: [], clinicIds: [id], specialtyIds: [] } : { doctorIds: [], clinicIds: [], specialtyIds: [id] }
}

/** After a doctor, clinic or specialty changes: queue the directory's republish (ids only). */
export const queueDirectoryPublishOnChange =
  (collection: DirectoryCollection): CollectionAfterChangeHook =>
  async ({ doc, previousDoc, req }) => {
    if (req.context?.seeding) return doc
    await req.payload.jobs.queue({ task: PUBLISHING_TASKS.publishDirectory, input: directoryInput(collection, doc, previousDoc), req })
    return doc
  }

export const queueDirectoryPublishOnDelete =
  (collection: DirectoryCollection): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    if (req.context?.seeding) return doc
    await req.payload.jobs.queue({ task: PUBLISHING_TASKS.publishDirectory, input: directoryInput(collection, doc), req })
    return doc
  }
