import { GroupedWrites } from '../../src/database/groupedWrites'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

/*
 * Writes asked for in the same turn of the event loop commit together, through Payload's database
 * adapter on a real SQLite library. Leases stand in for any row: their name is unique, so one write
 * of a group can be made to fail.
 */
let library: TestLibrary

beforeAll(async () => {
  library = await startPayload('grouped-writes')
}, 300_000)

afterAll(async () => {
  await stopPayload(library)
})

const lease = (name: string) => ({ name, holder: 'grouped-writes-test', expiresAt: new Date(Date.now() + 60_000).toISOString() })

/** Asks `writes` for a lease of that name, committed with whatever else is asked for in the same turn. */
const addLease = (writes: GroupedWrites, name: string) => writes.run((req) => library.payload.db.create({ collection: 'leases', data: lease(name), req, returning: false }))

async function leaseNames(prefix: string): Promise<string[]> {
  const found = await library.payload.db.find<{ name: string }>({ collection: 'leases', where: { name: { like: prefix } }, limit: 0, pagination: false })
  return found.docs.map((row) => row.name).sort()
}

describe('writes grouped into one commit', () => {
  it('when the first write of a group has resolved, then every write of its group is already committed', async () => {
    const writes = new GroupedWrites(library.payload)
    const names = ['together-a', 'together-b', 'together-c', 'together-d']

    const settled = names.map((name) => addLease(writes, name))
    await settled[0]
    const seenAfterFirst = await leaseNames('together-')
    await Promise.all(settled)

    expect(seenAfterFirst).toEqual(names)
  })

  it('when one write of a group fails, then only that write is refused and the others are written', async () => {
    const { payload } = library
    await payload.db.create({ collection: 'leases', data: lease('taken'), returning: false })
    const writes = new GroupedWrites(payload)

    const outcomes = await Promise.allSettled(['apart-a', 'taken', 'apart-b'].map((name) => addLease(writes, name)))

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await leaseNames('apart-')).toEqual(['apart-a', 'apart-b'])
  })

  it('when more writes arrive than a group holds, then they are committed in several groups and all are written', async () => {
    const writes = new GroupedWrites(library.payload, 3)
    const names = Array.from({ length: 8 }, (_, index) => `many-${index}`)

    await Promise.all(names.map((name) => addLease(writes, name)))

    expect(await leaseNames('many-')).toEqual(names)
  })
})
