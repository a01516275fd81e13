import type { SQLiteAdapter } from '@payloadcms/db-sqlite'

import { startPayload, stopPayload, type TestLibrary } from '../support/payload'

let library: TestLibrary

beforeAll(async () => {
  library = await startPayload('sqlite-reads')
}, 120_000)

afterAll(() => stopPayload(library))

/** What SQLite would do to answer a query, one line per step. */
async function queryPlan(sql: string): Promise<string[]> {
  const { client } = library.payload.db as unknown as SQLiteAdapter
  const result = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: ['00000000-0000-0000-0000-000000000000'] })
  return result.rows.map((row) => String(row.detail))
}

describe('reading localized values from the embedded database', () => {
  const onSqlite = () => library.payload.db.name === 'sqlite'

  it('when a document is read, then each of its localized rows is found through an index on the parent, not by scanning the table', async () => {
    if (!onSqlite()) return // MongoDB keeps a document's languages inside the document.
    const { client } = library.payload.db as unknown as SQLiteAdapter
    const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_locales' ESCAPE '\\'")).rows.map((row) => String(row.name))

    const scanning: string[] = []
    for (const table of tables) {
      const plan = await queryPlan(`SELECT * FROM "${table}" WHERE "_parent_id" = ?`)
      if (!plan.some((step) => /USING (COVERING )?INDEX/.test(step))) scanning.push(`${table}: ${plan.join('; ')}`)
    }

    expect(tables).toEqual(expect.arrayContaining(['articles_locales', 'articles_sections_locales', 'articles_blocks_prose_locales', '_articles_v_locales']))
    expect(scanning).toEqual([])
  })
})
