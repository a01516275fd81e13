import type { TaskConfig } from 'payload'

import { publishAfterWorkflowEvent } from './publishArticle'
import { publishAfterDirectoryChange } from './publishDirectory'
import { PUBLISHING_TASKS } from './taskSlugs'

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])

/*
 * Publishing's jobs. Each carries ids only and reloads what it needs; running one twice (a
 * retry, or a worker taking over after a crash) writes nothing new and sends no event twice.
 */
export const publishingTasks: TaskConfig<any>[] = [
  {
    slug: PUBLISHING_TASKS.publishArticle,
    label: 'Publishing: write or take down an article after a workflow transition',
    inputSchema: [{ name: 'workflowEventId', type: 'text', required: true }],
    retries: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
    handler: async ({ input, req }) => {
      const report = await publishAfterWorkflowEvent(req.payload, String(input.workflowEventId))
      return { output: { written: report?.written.length ?? 0, removed: report?.removed.length ?? 0 } }
    },
  },
  {
    slug: PUBLISHING_TASKS.publishDirectory,
    label: 'Publishing: republish the doctor directory and the articles showing changed doctors',
    inputSchema: [
      { name: 'doctorIds', type: 'json' },
      { name: 'clinicIds', type: 'json' },
      { name: 'specialtyIds', type: 'json' },
    ],
    retries: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
    handler: async ({ input, job, req }) => {
      const report = await publishAfterDirectoryChange(
        req.payload,
        { doctorIds: ids(input.doctorIds), clinicIds: ids(input.clinicIds), specialtyIds: ids(input.specialtyIds) },
        String(job.id),
      )
      return { output: { written: report.written.length, removed: report.removed.length } }
    },
  },
]
