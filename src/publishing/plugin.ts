import type { Plugin } from 'payload'

import { extendCollections, extendRoot } from '../plugins/extendConfig'
import { queueDirectoryPublishOnChange, queueDirectoryPublishOnDelete, queuePublishOnWorkflowEvent } from './hooks'
import { serveApprovedTexts } from './readerView'
import { publishingTasks } from './tasks'

const directory = (slug: 'doctors' | 'clinics' | 'specialties') => ({
  hooks: { afterChange: [queueDirectoryPublishOnChange(slug)], afterDelete: [queueDirectoryPublishOnDelete(slug)] },
})

/**
 * The published JSON: readers of every API get the texts a clinician approved, each publication
 * and directory change queues a job that writes the files, and the publish log shows what was written.
 * It reacts to Workflow Events and never changes the workflow.
 */
export const publishingPlugin = (): Plugin => (config) => ({
  ...config,
  ...extendRoot(config, {
    tasks: publishingTasks,
    components: { views: { publishLog: { Component: '/src/publishing/admin/PublishLogView#PublishLogView', path: '/publish-log' } } },
  }),
  collections: extendCollections(config.collections, {
    articles: { hooks: { afterRead: [serveApprovedTexts] } },
    'workflow-events': { hooks: { afterChange: [queuePublishOnWorkflowEvent] } },
    doctors: directory('doctors'),
    clinics: directory('clinics'),
    specialties: directory('specialties'),
  }),
})
