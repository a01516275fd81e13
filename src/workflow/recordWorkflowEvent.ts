import type { PayloadRequest } from 'payload'

import type { WorkflowEvent } from '../payload-types'
import type { ChangeKind, WorkflowState } from './states'

/** One transition of an article's source content, as the audit trail keeps it. */
export interface WorkflowTransitionRecord {
  article: string
  from: WorkflowState
  to: WorkflowState
  changeKind: ChangeKind | null | undefined
  note: string | null | undefined
  /** Set on approvals only: whether the reviewer confirmed the references were re-checked. */
  referencesChecked?: boolean | null
  actor: string | null | undefined
  revision: number | null | undefined
  versionId: string | null | undefined
}

/**
 * Writes the audit record of a transition inside the request's transaction. Publishing and the
 * newsletter react to these records (afterChange hooks on `workflow-events`); source-content
 * records leave `locale` unset.
 */
export async function recordWorkflowEvent(req: PayloadRequest, record: WorkflowTransitionRecord): Promise<WorkflowEvent> {
  return req.payload.create({
    collection: 'workflow-events',
    overrideAccess: true,
    req,
    data: {
      article: record.article,
      from: record.from,
      to: record.to,
      changeKind: record.changeKind ?? null,
      note: record.note ?? null,
      referencesChecked: record.referencesChecked ?? null,
      actor: record.actor ?? null,
      revision: record.revision ?? null,
      versionId: record.versionId ?? null,
    },
  })
}

/** The id of the newest version of an article: the one a transition or an edit just wrote. */
export async function latestVersionId(req: PayloadRequest, articleId: string): Promise<string | null> {
  const { docs } = await req.payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: articleId }, latest: { equals: true } },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs[0]?.id ? String(docs[0].id) : null
}
