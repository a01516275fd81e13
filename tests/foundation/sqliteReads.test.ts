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
  const result = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: sql.includes('?') ? ['00000000-0000-0000-0000-000000000000'] : [] })
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

describe('the indexes of the newsletter ledger', () => {
  const onSqlite = () => library.payload.db.name === 'sqlite'
  const indexesOf = async (table: string) => {
    const { client } = library.payload.db as unknown as SQLiteAdapter
    const rows = (await client.execute({ sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", args: [table] })).rows
    return rows.map((row) => String(row.name))
  }

  it('when the sender writes a row (two or three times per email), then only the indexes its queries use are written with it: none on the time of the last write or the retry time alone', async () => {
    if (!onSqlite()) return
    expect(await indexesOf('newsletter_deliveries')).toEqual([
      'newsletter_deliveries_created_at_idx',
      'newsletter_deliveries_key_idx',
      'newsletter_deliveries_send_idx',
      'newsletter_deliveries_status_idx',
      'newsletter_deliveries_subscriber_idx',
      'send_language_status_idx',
      'send_status_nextAttemptAt_idx',
    ])
  })

  it.each([
    ['a claim of the next batch', `SELECT id FROM newsletter_deliveries WHERE send_id = ? AND status = 'queued' AND next_attempt_at <= '2026-12-06' AND claim_expires_at < '2026-12-06' ORDER BY next_attempt_at LIMIT 50`, 'send_status_nextAttemptAt_idx'],
    ["whether a page's followers have rows already", `SELECT subscriber_id FROM newsletter_deliveries WHERE key IN (?, 'send1:reader2', 'send1:reader3')`, 'newsletter_deliveries_key_idx'],
    ['the count of what is left of a send', `SELECT count(*) FROM newsletter_deliveries WHERE send_id = ? AND status = 'sending'`, 'send_'],
    ['the release of held rows of a language', `SELECT id FROM newsletter_deliveries WHERE send_id = ? AND language = 'ta' AND status = 'held'`, 'send_language_status_idx'],
    ["the dashboard's failed recipients", `SELECT id FROM newsletter_deliveries WHERE status = 'failed' ORDER BY updated_at DESC LIMIT 5000`, 'newsletter_deliveries_status_idx'],
    ["a subscriber's rows, when they unsubscribe", `SELECT id FROM newsletter_deliveries WHERE subscriber_id = ? AND status IN ('held', 'queued')`, 'newsletter_deliveries_'],
  ])('when the ledger is queried for %s, then SQLite finds the rows through an index', async (_, sql, index) => {
    if (!onSqlite()) return
    const plan = (await queryPlan(sql)).join('; ')
    expect(plan).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}`))
    expect(plan).not.toMatch(/SCAN newsletter_deliveries(?! USING)/)
  })
})

describe("the page query of a send's followers", () => {
  it('when a send adds its next page of recipients, then SQLite walks the confirmed subscribers from where the last page ended, in order, through one index: no pass over every subscriber and no sort', async () => {
    if (library.payload.db.name !== 'sqlite') return
    const { client } = library.payload.db as unknown as SQLiteAdapter
    const execute = client.execute.bind(client)
    const statements: Array<{ sql: string; args: unknown[] }> = []
    client.execute = ((statement: { sql: string; args: unknown[] }) => {
      statements.push(statement)
      return execute(statement as never)
    }) as typeof client.execute
    try {
      // The query of `SendPreparer.nextFollowers`.
      await library.payload.find({
        collection: 'subscribers',
        where: {
          and: [
            { status: { equals: 'confirmed' } },
            { or: [{ specialties: { in: ['00000000-0000-0000-0000-000000000001'] } }, { articles: { in: ['00000000-0000-0000-0000-000000000002'] } }] },
            { or: [{ frequency: { in: ['every-update', 'clinical-only'] } }, { frequency: { exists: false } }] },
            { createdAt: { greater_than: '2026-12-06T07:00:00.000Z' } },
          ],
        },
        select: { email: true, language: true, createdAt: true },
        sort: 'createdAt',
        limit: 1000,
        pagination: false,
        depth: 0,
        overrideAccess: true,
      })
    } finally {
      client.execute = execute
    }
    const page = statements.find((statement) => /from "subscribers"/.test(statement.sql) && /order by "subscribers"."created_at"/.test(statement.sql))!
    const plan = (await client.execute({ sql: `EXPLAIN QUERY PLAN ${page.sql}`, args: page.args as never })).rows.map((row) => String(row.detail)).join('; ')

    expect(plan).toMatch(/SEARCH subscribers USING INDEX status_createdAt_idx \(status=\? AND created_at>\?\)/)
    expect(plan).not.toMatch(/FOR ORDER BY/)
  })
})
