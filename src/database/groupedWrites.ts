import type { Payload, PayloadRequest } from 'payload'

/** What a grouped write is given: a request that carries the group's transaction, when the adapter has one. */
export type GroupRequest = Partial<PayloadRequest>

type Queued = {
  write: (req: GroupRequest) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Commits writes that arrive together in one transaction: every write asked for before the event
 * loop turns joins the same group, up to `maxGroup`. Each caller's promise settles only once its
 * group has committed, so a write that has resolved is as durable as one made on its own, and a
 * process stopped mid-group loses only writes whose callers were still waiting: one commit for
 * the group instead of one per write.
 *
 * When a group fails, its transaction is rolled back and each of its writes runs again on its
 * own, so one write's failure is that write's alone, as it would be without grouping.
 */
export class GroupedWrites {
  private queue: Queued[] = []
  private flushing = false

  constructor(
    private readonly payload: Payload,
    private readonly maxGroup = 64,
  ) {}

  run<T>(write: (req: GroupRequest) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject })
      if (!this.flushing) {
        this.flushing = true
        setImmediate(() => void this.flush())
      }
    })
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, this.maxGroup))
    } finally {
      this.flushing = false
    }
  }

  private async commit(group: Queued[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0])
    const { db } = this.payload
    let transactionID: string | number | null | undefined
    const results: unknown[] = []
    try {
      transactionID = (await db.beginTransaction()) ?? undefined
      if (!transactionID) {
        // Without transactions nothing is grouped: a write half-way through a group could not be undone.
        for (const item of group) await this.alone(item)
        return
      }
      const req: GroupRequest = { payload: this.payload, transactionID }
      for (const item of group) results.push(await item.write(req))
      await db.commitTransaction(transactionID)
    } catch {
      if (transactionID) await db.rollbackTransaction(transactionID).catch(() => undefined)
      for (const item of group) await this.alone(item)
      return
    }
    group.forEach((item, index) => item.resolve(results[index]))
  }

  private async alone(item: Queued): Promise<void> {
    try {
      item.resolve(await item.write({ payload: this.payload }))
    } catch (error) {
      item.reject(error)
    }
  }
}
