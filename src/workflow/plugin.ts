import type { Plugin } from 'payload'

import { hasRole } from '../access/roles'
import { extendCollections } from '../plugins/extendConfig'
import { workflowEndpoints } from './endpoints'
import { guardLiveWrites } from './hooks/guardLiveWrites'
import { recordEditTransitions } from './hooks/recordEditTransitions'
import { trackSourceEdits } from './hooks/trackSourceEdits'
import type { WorkflowOptions } from './options'

/**
 * The clinical review workflow: live articles change only through its transitions, source edits
 * are classified (clinical or editorial) as they are saved, and each change is written to
 * Workflow Events, which the concerns that publish and notify react to.
 */
export const workflowPlugin =
  (options: WorkflowOptions): Plugin =>
  (config) => ({
    ...config,
    collections: extendCollections(config.collections, {
      articles: {
        hooks: { beforeOperation: [guardLiveWrites], beforeChange: [trackSourceEdits], afterChange: [recordEditTransitions] },
        endpoints: workflowEndpoints(options),
        components: {
          beforeListTable: ['/src/workflow/admin/ReviewDueLink#ReviewDueLink'],
          edit: {
            PublishButton: '/src/workflow/admin/LiveWritesThroughWorkflow#LiveWritesThroughWorkflow',
            UnpublishButton: '/src/workflow/admin/LiveWritesThroughWorkflow#LiveWritesThroughWorkflow',
          },
          views: {
            reviewDue: { Component: '/src/workflow/admin/ReviewDueView#ReviewDueView', path: '/review-due' },
            edit: {
              review: {
                Component: '/src/workflow/admin/ReviewView#ReviewView',
                path: '/review',
                tab: { Component: '/src/admin/ui/DocumentTabs#ReviewTab', order: 150, condition: ({ req }) => hasRole(req.user, 'admin', 'editor', 'reviewer') },
              },
            },
          },
        },
      },
    }),
  })
