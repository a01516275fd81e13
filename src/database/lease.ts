import { randomBytes } from 'node:crypto'
import os from 'node:os'
import type { Payload } from 'payload'

import type { Lease as LeaseRecord } from '../payload-types'

/** A lease its holder has taken, to renew and release. */
export type Lease = Pick<LeaseRecord, 'name' | 'holder' | 'expiresAt'>

export type Acquisition = { acquired: true; lease: Lease } | { acquired: false; heldBy: string }

export interface AcquireOptions {
  /** How long the lease holds unless it is renewed. */
  durationMs: number
  /**
   * Whether the current holder is known to be gone before its lease runs out, so the lease is
   * taken over at once. Without it, a lease whose holder died is free only once it expires.
   */
  holderIsGone?: (holder: string) => boolean
}

export interface LeasesDeps {
  payload: Payload
  /** The clock leases are dated by; tests of expiry pass their own. */
  now?: () => number
}

const COLLECTION = 'leases'

/**
 * Rounds of create-or-take-over one acquire makes. A second round follows a lease released or
 * taken over between our refused create and our read; a third only under a stampede, which then
 * reads as busy.
 */
const ACQUIRE_ROUNDS = 3

/** A holder name for this process: `host:pid:random`, so `processHolderIsGone` can check it. */
export function processHolder(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
}

/** Whether a holder named by `processHolder` ran on this machine and its process has exited. */
export function processHolderIsGone(holder: string): boolean {
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
 * Named leases shared by every process on the database, on any adapter: a lease is a record with
 * a unique name, so creating it succeeds for exactly one holder. A holder that dies leaves its
 * lease to expire (or to be taken over at once, when the caller can tell its process is gone).
 *
 * Each write runs in a transaction of its own, never the caller's: another process must see a
 * lease the moment it is taken and see it gone the moment it is released, whatever becomes of
 * the caller's work, and a renewal fires from a timer while that work is still running.
 */
export class Leases {
  private readonly now: () => number

  constructor(private readonly deps: LeasesDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Takes the lease `name` for `holder`, or says who holds it; never waits. */
  async acquire(name: string, holder: string, options: AcquireOptions): Promise<Acquisition> {
    let heldBy = ''
    for (let round = 0; round < ACQUIRE_ROUNDS; round++) {
      const lease: Lease = { name, holder, expiresAt: this.expiry(options.durationMs) }
      const refusal = await this.create(lease)
      if (!refusal) return { acquired: true, lease }
      const current = await this.read(name)
      if (!current) {
        if (round > 0) throw refusal
        continue
      }
      heldBy = current.holder
      const expired = new Date(current.expiresAt).getTime() <= this.now()
      if (!expired && !options.holderIsGone?.(current.holder)) return { acquired: false, heldBy }
      this.deps.payload.logger.warn({
        event: 'lease.taken_over',
        lease: name,
        holder: current.holder,
        msg: `Taking over the lease ${name} of ${current.holder}, which ${expired ? 'expired' : 'ran in a process that is gone'}`,
      })
      await this.removeExactly(current)
    }
    return { acquired: false, heldBy }
  }

  /** Extends the lease from now; `null` when its holder no longer holds it (it expired and was taken over). */
  async renew(lease: Lease, durationMs: number): Promise<Lease | null> {
    const expiresAt = this.expiry(durationMs)
    const renewed = await this.deps.payload.update({
      collection: COLLECTION,
      where: { and: [{ name: { equals: lease.name } }, { holder: { equals: lease.holder } }] },
      data: { expiresAt },
      depth: 0,
      overrideAccess: true,
    })
    return renewed.docs.length > 0 ? { ...lease, expiresAt } : null
  }

  /** Gives the lease up; `false` when its holder no longer held it, and then nothing is removed. */
  async release(lease: Pick<Lease, 'name' | 'holder'>): Promise<boolean> {
    const released = await this.deps.payload.delete({
      collection: COLLECTION,
      where: { and: [{ name: { equals: lease.name } }, { holder: { equals: lease.holder } }] },
      depth: 0,
      overrideAccess: true,
    })
    return released.docs.length > 0
  }

  private expiry(durationMs: number): string {
    return new Date(this.now() + durationMs).toISOString()
  }

  /** Creates the record; the error when the unique name (or anything else) refused it. */
  private async create(lease: Lease): Promise<Error | null> {
    try {
      await this.deps.payload.create({ collection: COLLECTION, data: lease, depth: 0, overrideAccess: true })
      return null
    } catch (error) {
      return error as Error
    }
  }

  private async read(name: string): Promise<Lease | null> {
    const found = await this.deps.payload.find({
      collection: COLLECTION,
      where: { name: { equals: name } },
      limit: 1,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    return found.docs[0] ?? null
  }

  /**
   * Removes the lease exactly as it was read: when two processes both see it expired, the second
   * removes nothing and its create then fails on the first one's new lease, and a lease its
   * holder renewed meanwhile is left alone.
   */
  private async removeExactly(lease: Lease): Promise<void> {
    await this.deps.payload.delete({
      collection: COLLECTION,
      where: { and: [{ name: { equals: lease.name } }, { holder: { equals: lease.holder } }, { expiresAt: { equals: lease.expiresAt } }] },
      depth: 0,
      overrideAccess: true,
    })
  }
}
