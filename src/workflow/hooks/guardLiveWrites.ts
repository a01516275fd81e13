import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { isWorkflowWrite } from '../access'

const refuse = (message: string) => new APIError(message, 403, { code: 'WORKFLOW_LIVE_WRITE_FORBIDDEN' }, true)

const HOW = 'Save your changes as a draft (REST: ?draft=true; GraphQL: draft: true); the live article changes only through POST /api/articles/:id/transition.'

/**
 * Keeps people from changing the live article around the workflow. For a request whose access is
 * checked (REST, GraphQL, the admin, Local API with `overrideAccess: false`) every write that would
 * reach the published document is refused: creating it published, updating or restoring a version
 * without `draft`, unpublishing through `_status`. Only transitions (and the seed) write it; server
 * code that skips access control is trusted, and must save drafts too unless it means to publish.
 */
export const guardLiveWrites: CollectionBeforeOperationHook<'articles'> = ({ args, operation, overrideAccess, req }) => {
  if (overrideAccess === true || isWorkflowWrite(req.context)) return args
  const draft = Boolean((args as { draft?: unknown }).draft)
  if (operation === 'create' && (args as { data?: { _status?: unknown } }).data?._status === 'published') {
    throw refuse(`An article cannot be created published: it needs review first. ${HOW}`)
  }
  if (operation === 'update' && !draft) {
    throw refuse(`Articles are edited as drafts; publishing and unpublishing go through the review workflow. ${HOW}`)
  }
  if (operation === 'restoreVersion' && !draft) {
    throw refuse(`A version can be restored as a draft only (?draft=true), then reviewed and published. ${HOW}`)
  }
  return args
}
