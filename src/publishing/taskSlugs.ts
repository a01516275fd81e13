/** The publishing concern's jobs, named once for the hooks that queue them and the tasks that run them. */
export const PUBLISHING_TASKS = {
  /** Writes one article in every language after a workflow event (publish, unpublish, translation approval). */
  publishArticle: 'publishArticle',
  /** Writes the doctor directory, specialty files and the articles that show a changed doctor, clinic or specialty. */
  publishDirectory: 'publishDirectory',
} as const
