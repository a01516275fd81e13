import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'

import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

interface Rows {
  rows: Record<string, unknown>[]
}
interface Transaction {
  execute(statement: string): Promise<Rows>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): void
}

let library: TestLibrary
let payload: Payload
let client: { transaction(mode?: string): Promise<Transaction>; execute(statement: string): Promise<Rows> }

beforeAll(async () => {
  library = await startPayload('transactions')
  payload = library.payload
  client = (payload.db as unknown as { client: typeof client }).client
})

afterAll(async () => {
  await stopPayload(library)
})

const clinicNamed = async (name: string) => (await payload.find({ collection: 'clinics', where: { name: { equals: name } }, depth: 0 })).totalDocs

/** Whether this connection has the temporary table a transaction made: temporary tables belong to one connection. */
async function seesMarker(transaction: Pick<Transaction, 'execute'>): Promise<boolean> {
  const found = await transaction.execute("SELECT count(*) AS n FROM temp.sqlite_master WHERE name = 'connection_marker'")
  return Number(found.rows[0].n) === 1
}

describe('SQLite transactions', () => {
  it('when a save runs in a transaction, then readers outside it see nothing until it commits, and nothing at all after a rollback', async () => {
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await payload.create({ collection: 'clinics', data: { name: 'Committed Clinic', city: 'Pune' }, req })
    expect(await clinicNamed('Committed Clinic')).toBe(0)
    await commitTransaction(req)
    expect(await clinicNamed('Committed Clinic')).toBe(1)

    const abandoned = await createLocalReq({}, payload)
    await initTransaction(abandoned)
    await payload.create({ collection: 'clinics', data: { name: 'Rolled Back Clinic', city: 'Pune' }, req: abandoned })
    await killTransaction(abandoned)
    expect(await clinicNamed('Rolled Back Clinic')).toBe(0)
  })

  it('when hundreds of saves each run in their own transaction, then all run on one connection, which is never replaced', async () => {
    const first = await client.transaction('write')
    await first.execute('CREATE TEMP TABLE connection_marker (x)')
    await first.commit()
    first.close()
    // The main connection, which reads outside transactions, is another one.
    expect(await seesMarker(client)).toBe(false)

    for (let save = 0; save < 200; save += 1) await payload.create({ collection: 'clinics', data: { name: `Clinic ${save}`, city: 'Pune' } })

    const later = await client.transaction('write')
    expect(await seesMarker(later)).toBe(true)
    await later.commit()
    expect(await clinicNamed('Clinic 199')).toBe(1)
  })

  it('when a statement fails inside a transaction and it is rolled back, then the next transaction begins at once', async () => {
    const failing = await client.transaction('write')
    await expect(failing.execute('INSERT INTO no_such_table VALUES (1)')).rejects.toThrow(/no such table/)
    await failing.rollback()
    await expect(failing.execute('SELECT 1')).rejects.toThrow(/closed/)

    const next = await client.transaction('write')
    await next.execute("INSERT INTO temp.connection_marker VALUES ('after a failure')")
    await next.commit()
    const closedUnfinished = await client.transaction('write')
    await closedUnfinished.execute("INSERT INTO temp.connection_marker VALUES ('never committed')")
    closedUnfinished.close()
    const check = await client.transaction('read')
    const rows = await check.execute('SELECT x FROM temp.connection_marker')
    await check.commit()
    expect(rows.rows.map((row) => row.x)).toEqual(['after a failure'])
  })
})
