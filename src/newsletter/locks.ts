import type { Payload } from 'payload'

export interface LeaseLockDeps {
  payload: Payload
  /** Who holds a lock: this worker's id, for the record and for logs. */
  holder: string
  leaseMs: number
  now?: () => number
}

/**
 * A mutex shared by every worker process, on any database adapter: a lock is a record with a
 * unique key, so creating it succeeds for exactly one worker. A lock whose holder died is taken
 * over once its lease has run out.
 */
export class LeaseLock {
  private readonly now: () => number

  constructor(private readonly deps: LeaseLockDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Runs `work` holding the lock; resolves `{ acquired: false }` at once when another worker holds it. */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<{ acquired: true; result: T } | { acquired: false }> {
    if (!(await this.acquire(key))) return { acquired: false }
    try {
      return { acquired: true, result: await work() }
    } finally {
      await this.release(key)
    }
  }

  private async tryCreate(key: string): Promise<unknown> {
    try {
      await this.deps.payload.db.create({
        collection: 'newsletter-locks',
        data: { key, holder: this.deps.holder, expiresAt: new Date(this.now() + this.deps.leaseMs).toISOString() },
        returning: false,
      })
      return null
    } catch (error) {
      return error
    }
  }

  private async acquire(key: string): Promise<boolean> {
    const error = await this.tryCreate(key)
    if (!error) return true
    const existing = await this.deps.payload.db.find<{ id: string; expiresAt: string }>({
      collection: 'newsletter-locks',
      where: { key: { equals: key } },
      limit: 1,
      pagination: false,
    })
    const lock = existing.docs[0]
    if (!lock) throw error
    if (new Date(lock.expiresAt).getTime() > this.now()) return false
    // The holder died while holding it. Deleting by the stale record's id means that when two
    // workers both see it expired, the second delete finds nothing and its create then fails on
    // the first one's new lock: only one takes over.
    await this.deps.payload.db.deleteOne({ collection: 'newsletter-locks', where: { id: { equals: lock.id } }, returning: false })
    return (await this.tryCreate(key)) === null
  }

  private async release(key: string): Promise<void> {
    await this.deps.payload.db.deleteMany({
      collection: 'newsletter-locks',
      where: { and: [{ key: { equals: key } }, { holder: { equals: this.deps.holder } }] },
    })
  }
}
