import type { Payload } from 'payload'

import { Leases, processHolder, processHolderIsGone, type Lease } from '../database/lease'

export class PublishLockBusyError extends Error {
  readonly code = 'PUBLISH_LOCK_BUSY'
}

export interface PublishLockOptions {
  /** How long the lock holds without renewal; the holder renews it at a third of this. */
  leaseMs: number
  /** How long to wait for another holder before giving up. */
  waitMs: number
}

/** The lease every publisher takes, whatever it publishes. */
const PUBLISH_LEASE = 'publish'
const POLL_MS = 150

/**
 * One publisher at a time across every process sharing the database: the manifest and the
 * indexes are read, changed and written back, so two writers at once would lose changes.
 * The lock is the `publish` lease; a holder that dies leaves it to expire after its lease, or
 * to be taken over at once when it ran on this machine.
 */
export class PublishLock {
  private readonly leases: Leases

  constructor(
    private readonly payload: Payload,
    private readonly options: PublishLockOptions,
  ) {
    this.leases = new Leases({ payload })
  }

  async withLock<T>(work: () => Promise<T>): Promise<T> {
    const lease = await this.acquire(processHolder())
    const renew = setInterval(() => {
      this.leases
        .renew(lease, this.options.leaseMs)
        .then((renewed) => {
          if (!renewed) this.payload.logger.warn({ event: 'publish.lock_lost', holder: lease.holder, msg: 'The publish lock expired before it was renewed and another publisher took it over' })
        })
        .catch((error: Error) => this.payload.logger.warn({ event: 'publish.lock_renewal_failed', err: error, msg: 'Could not renew the publish lock' }))
    }, Math.max(1000, Math.floor(this.options.leaseMs / 3)))
    renew.unref()
    try {
      return await work()
    } finally {
      clearInterval(renew)
      await this.leases.release(lease).catch(() => undefined)
    }
  }

  private async acquire(holder: string): Promise<Lease> {
    const deadline = Date.now() + this.options.waitMs
    for (;;) {
      const acquisition = await this.leases.acquire(PUBLISH_LEASE, holder, { durationMs: this.options.leaseMs, holderIsGone: processHolderIsGone })
      if (acquisition.acquired) return acquisition.lease
      if (Date.now() > deadline) {
        throw new PublishLockBusyError(
          `Another publish (${acquisition.heldBy}) has held the publish lock for over ${Math.round(this.options.waitMs / 1000)} s; this publish will be retried. If no publish is running, the lock expires by itself.`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }
}
