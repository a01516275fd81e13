import { spawnSync } from 'node:child_process'
import os from 'node:os'

import { Leases, processHolder, processHolderIsGone } from '../../src/database/lease'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

let library: TestLibrary

beforeAll(async () => {
  library = await startPayload('leases')
}, 120_000)

afterAll(() => stopPayload(library))

const MINUTE = 60_000
let leaseNumber = 0

/** Leases on a clock the test moves, and a name no other test uses. */
function leasesOnAClock(): { leases: Leases; name: string; advance: (ms: number) => void } {
  let now = Date.parse('2026-12-04T09:00:00.000Z')
  leaseNumber += 1
  return {
    leases: new Leases({ payload: library.payload, now: () => now }),
    name: `test-lease-${leaseNumber}`,
    advance: (ms) => {
      now += ms
    },
  }
}

describe('one holder at a time', () => {
  it('when two holders ask for the same lease at once, then exactly one gets it and the other is told who holds it', async () => {
    const { leases, name } = leasesOnAClock()

    const outcomes = await Promise.all([
      leases.acquire(name, 'publisher-a', { durationMs: MINUTE }),
      leases.acquire(name, 'publisher-b', { durationMs: MINUTE }),
    ])

    const winners = outcomes.flatMap((outcome) => (outcome.acquired ? [outcome.lease.holder] : []))
    const refusals = outcomes.filter((outcome) => !outcome.acquired)
    expect(winners).toHaveLength(1)
    expect(refusals).toEqual([{ acquired: false, heldBy: winners[0] }])
  })

  it('when the holder releases its lease, then the next holder gets it', async () => {
    const { leases, name } = leasesOnAClock()
    const first = await leases.acquire(name, 'worker-a', { durationMs: MINUTE })
    if (!first.acquired) throw new Error('worker-a should have taken a free lease')

    const released = await leases.release(first.lease)
    const next = await leases.acquire(name, 'worker-b', { durationMs: MINUTE })

    expect(released).toBe(true)
    expect(next).toMatchObject({ acquired: true, lease: { name, holder: 'worker-b' } })
  })

  it('when someone who does not hold the lease releases it, then nothing is released and the holder keeps it', async () => {
    const { leases, name } = leasesOnAClock()
    await leases.acquire(name, 'worker-a', { durationMs: MINUTE })

    const released = await leases.release({ name, holder: 'worker-b' })
    const attempt = await leases.acquire(name, 'worker-c', { durationMs: MINUTE })

    expect(released).toBe(false)
    expect(attempt).toEqual({ acquired: false, heldBy: 'worker-a' })
  })
})

describe('expiry and renewal', () => {
  it('when a lease runs out, then another holder takes it over, and the old holder can neither renew nor release it', async () => {
    const { leases, name, advance } = leasesOnAClock()
    const old = await leases.acquire(name, 'worker-a', { durationMs: MINUTE })
    if (!old.acquired) throw new Error('worker-a should have taken a free lease')
    advance(MINUTE + 1)

    const takeover = await leases.acquire(name, 'worker-b', { durationMs: MINUTE })
    const renewed = await leases.renew(old.lease, MINUTE)
    const released = await leases.release(old.lease)

    expect(takeover).toMatchObject({ acquired: true, lease: { holder: 'worker-b' } })
    expect(renewed).toBeNull()
    expect(released).toBe(false)
    expect(await leases.acquire(name, 'worker-c', { durationMs: MINUTE })).toEqual({ acquired: false, heldBy: 'worker-b' })
  })

  it('when two holders find the same expired lease at once, then only one takes it over', async () => {
    const { leases, name, advance } = leasesOnAClock()
    await leases.acquire(name, 'worker-gone', { durationMs: MINUTE })
    advance(MINUTE + 1)

    const outcomes = await Promise.all([
      leases.acquire(name, 'worker-a', { durationMs: MINUTE }),
      leases.acquire(name, 'worker-b', { durationMs: MINUTE }),
    ])

    expect(outcomes.filter((outcome) => outcome.acquired)).toHaveLength(1)
  })

  it('when the holder renews before the lease runs out, then it still holds it past the first expiry', async () => {
    const { leases, name, advance } = leasesOnAClock()
    const held = await leases.acquire(name, 'publisher-a', { durationMs: MINUTE })
    if (!held.acquired) throw new Error('publisher-a should have taken a free lease')
    advance(MINUTE / 2)

    const renewed = await leases.renew(held.lease, MINUTE)
    advance(MINUTE / 2 + 1)
    const attempt = await leases.acquire(name, 'publisher-b', { durationMs: MINUTE })

    expect(renewed).toEqual({ ...held.lease, expiresAt: '2026-12-04T09:01:30.000Z' })
    expect(attempt).toEqual({ acquired: false, heldBy: 'publisher-a' })
  })
})

describe('holders whose process is gone', () => {
  it('when the caller knows the holder is gone, then its lease is taken over before it runs out', async () => {
    const { leases, name } = leasesOnAClock()
    await leases.acquire(name, 'crashed-publisher', { durationMs: MINUTE })

    const takeover = await leases.acquire(name, 'publisher-b', { durationMs: MINUTE, holderIsGone: (holder) => holder === 'crashed-publisher' })

    expect(takeover).toMatchObject({ acquired: true, lease: { holder: 'publisher-b' } })
  })

  it('when a holder ran on this machine in a process that has exited, then it is gone; this process and other machines are not', () => {
    const exited = spawnSync(process.execPath, ['-e', ''])

    expect(processHolderIsGone(`${os.hostname()}:${exited.pid}:0000`)).toBe(true)
    expect(processHolderIsGone(processHolder())).toBe(false)
    expect(processHolderIsGone(`another-host:${exited.pid}:0000`)).toBe(false)
  })
})
