import { randomBytes } from 'node:crypto'
import os from 'node:os'
import type { Payload } from 'payload'

import { DomainError, type FixedCodeErrorOptions } from '../api/domainError'

export class PublishLockBusyError extends DomainError<'PUBLISH_LOCK_BUSY'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'PUBLISH_LOCK_BUSY', status: 503 })
  }
}

export interface PublishLockOptions {
  /** How long the lock holds without renewal; the holder renews it at a third of this. */
  leaseMs: number
  /** How long to wait for another holder before giving up. */
  waitMs: number
}

const LOCK_NAME = 'publish'
const POLL_MS = 150

function processIsGone(holder: string): boolean {
  const [host, pid] = holder.split(':')
  if (host !== os.hostname() || !Number(pid)) return false
  try {
    process.kill(Number(pid), 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/**
 * One publisher at a time across every process sharing the database: the manifest and the
 * indexes are read, changed and written back, so two writers at once would lose changes.
 * The lock is a record with a unique name, which every database adapter enforces; a holder that
 * dies leaves it to expire after its lease, or at once when it ran on this machine.
 */
export class PublishLock {
  constructor(
    private readonly payload: Payload,
    private readonly options: PublishLockOptions,
  ) {}

  async withLock<T>(work: () => Promise<T>): Promise<T> {
    const holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
    const id = await this.acquire(holder)
    const renew = setInterval(() => {
      void this.payload
        .update({ collection: 'publish-locks', id, data: { expiresAt: this.expiry() }, depth: 0, overrideAccess: true })
        .catch((error: Error) => this.payload.logger.warn({ event: 'publish.lock_renewal_failed', err: error, msg: 'Could not renew the publish lock' }))
    }, Math.max(1000, Math.floor(this.options.leaseMs / 3)))
    renew.unref()
    try {
      return await work()
    } finally {
      clearInterval(renew)
      await this.payload.delete({ collection: 'publish-locks', id, depth: 0, overrideAccess: true }).catch(() => undefined)
    }
  }

  private expiry(): string {
    return new Date(Date.now() + this.options.leaseMs).toISOString()
  }

  private async acquire(holder: string): Promise<string> {
    const deadline = Date.now() + this.options.waitMs
    for (;;) {
      try {
        const lock = await this.payload.create({ collection: 'publish-locks', data: { name: LOCK_NAME, holder, expiresAt: this.expiry() }, depth: 0, overrideAccess: true })
        return lock.id
      } catch {
        // Taken (the unique name refused us): see whether its holder is still alive.
      }
      const current = await this.payload.find({ collection: 'publish-locks', where: { name: { equals: LOCK_NAME } }, limit: 1, depth: 0, overrideAccess: true })
      const lock = current.docs[0]
      if (lock && (new Date(lock.expiresAt).getTime() < Date.now() || processIsGone(lock.holder))) {
        this.payload.logger.warn({ event: 'publish.lock_taken_over', holder: lock.holder, msg: `Taking over the publish lock of ${lock.holder}, which expired or whose process is gone` })
        // Deleting by id and holder removes exactly the lock seen, never one a new holder just took.
        await this.payload.delete({ collection: 'publish-locks', where: { and: [{ id: { equals: lock.id } }, { holder: { equals: lock.holder } }] }, depth: 0, overrideAccess: true })
        continue
      }
      if (Date.now() > deadline) {
        throw new PublishLockBusyError({
          message: `Another publish (${lock?.holder ?? 'unknown'}) has held the publish lock for over ${Math.round(this.options.waitMs / 1000)} s; this publish will be retried. If no publish is running, the lock expires by itself.`,
        })
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }
}
