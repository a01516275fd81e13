/**
 * Transitions of one article run one at a time in this process, so a double click cannot publish
 * twice or bump the revision twice. Across processes the database transaction of each
 * transition is the guard (MongoDB reports the second writer's conflict; SQLite lets one writing
 * transaction in at a time).
 */
const queues = new Map<string, Promise<unknown>>()

export async function withArticleLock<T>(articleId: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(articleId) ?? Promise.resolve()
  const run = previous.catch(() => undefined).then(work)
  queues.set(articleId, run)
  try {
    return await run
  } finally {
    if (queues.get(articleId) === run) queues.delete(articleId)
  }
}
