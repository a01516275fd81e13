import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@libsql/client'

import { openWithStatementCache } from '../../src/database/statementCache'
import type { SqlClient } from '../../src/database/sqliteWriteGate'

type Result = { columns: string[]; rows: Array<ArrayLike<unknown>>; rowsAffected: number; lastInsertRowid: bigint | undefined }

/** What a caller of the client sees of a result: the same for a kept statement as for a fresh one. */
const seen = (result: unknown) => {
  const { columns, rows, rowsAffected, lastInsertRowid } = result as Result
  return { columns, rows: rows.map((row) => Array.from(row)), byName: rows.map((row) => Object.fromEntries(columns.map((name) => [name, (row as unknown as Record<string, unknown>)[name]]))), rowsAffected, lastInsertRowid }
}

describe('the write connection that keeps its statements prepared', () => {
  let dir: string
  const opened: Array<{ close(): void }> = []
  const file = (name: string) => path.join(dir, name)
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-statements-'))
  })
  afterEach(() => {
    for (const connection of opened.splice(0)) connection.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const open = <C extends { close(): void }>(client: C): C => {
    opened.push(client)
    return client
  }

  it('when the same statements run again and again, then every answer equals the libsql client’s: rows, names, numbers, blobs, nulls, rows changed and the last row id', async () => {
    const kept = open(openWithStatementCache(file('kept.db')))
    const plain = open(createClient({ url: `file:${file('plain.db')}` }) as unknown as SqlClient)
    const script: Array<{ sql: string; args?: unknown[] }> = [
      { sql: 'CREATE TABLE deliveries (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, attempts INTEGER, body BLOB, sent_at TEXT)' },
    ]
    for (let index = 0; index < 30; index += 1) {
      script.push({ sql: 'INSERT INTO deliveries (email, attempts, body, sent_at) VALUES (?, ?, ?, ?) RETURNING id, email', args: [`reader${index}@example.org`, index * 1000, new Uint8Array([index, 255 - index]), index % 3 ? null : '2026-12-06T07:00:00.000Z'] })
      script.push({ sql: 'UPDATE deliveries SET attempts = attempts + ? WHERE email = ?', args: [1, `reader${Math.floor(index / 2)}@example.org`] })
      script.push({ sql: 'SELECT id, email, attempts, body, sent_at FROM deliveries WHERE attempts >= ? ORDER BY id', args: [index * 500] })
      script.push({ sql: 'SELECT count(*) AS rows_left, max(attempts) AS most FROM deliveries' })
    }
    script.push({ sql: 'DELETE FROM deliveries WHERE attempts > ?', args: [20_000] })
    script.push({ sql: 'SELECT id, email, attempts, body, sent_at FROM deliveries WHERE attempts >= ? ORDER BY id', args: [0] })

    const answers: Array<[unknown, unknown]> = []
    for (const statement of script) answers.push([seen(await kept.execute(statement)), seen(await plain.execute(statement))])

    for (const [fromKept, fromPlain] of answers) expect(fromKept).toEqual(fromPlain)
    const last = answers.at(-1)![0] as ReturnType<typeof seen>
    // The script did what it says: the answers compared are not empty.
    expect(last.rows).toHaveLength(21)
    expect(last.byName[1]).toEqual({ id: 2, email: 'reader1@example.org', attempts: 1002, body: new Uint8Array([1, 254]).buffer, sent_at: null })
    expect((answers.at(-2)![0] as ReturnType<typeof seen>).rowsAffected).toBe(9)
  })

  it('when a kept statement fails on a taken key, then it runs again with other values, and a transaction on the connection still rolls back and commits', async () => {
    const kept = open(openWithStatementCache(file('library.db')))
    await kept.execute('CREATE TABLE deliveries (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)')
    const insert = 'INSERT INTO deliveries (key) VALUES (?)'
    await kept.execute({ sql: insert, args: ['send1:reader1'] })

    await expect(kept.execute({ sql: insert, args: ['send1:reader1'] })).rejects.toThrow(/UNIQUE constraint failed: deliveries.key/)
    await kept.execute({ sql: insert, args: ['send1:reader2'] })
    await kept.execute('BEGIN IMMEDIATE')
    await kept.execute({ sql: insert, args: ['send1:reader3'] })
    await kept.execute('ROLLBACK')
    await kept.execute('BEGIN IMMEDIATE')
    await kept.execute({ sql: insert, args: ['send1:reader4'] })
    await kept.execute('COMMIT')

    const rows = seen(await kept.execute('SELECT key FROM deliveries ORDER BY id')).rows
    expect(rows).toEqual([['send1:reader1'], ['send1:reader2'], ['send1:reader4']])
  })

  it('when another process commits after a kept read ran, then the next write on the connection goes through and the same read sees the new row: a kept statement holds no old snapshot', async () => {
    const kept = open(openWithStatementCache(file('library.db')))
    await kept.execute('PRAGMA journal_mode = WAL')
    await kept.execute('CREATE TABLE deliveries (id INTEGER PRIMARY KEY, status TEXT)')
    await kept.execute("INSERT INTO deliveries VALUES (1, 'queued')")
    const read = { sql: 'SELECT id, status FROM deliveries WHERE status = ? ORDER BY id', args: ['queued'] }
    expect(seen(await kept.execute(read)).rows).toEqual([[1, 'queued']])

    const otherProcess = open(createClient({ url: `file:${file('library.db')}` }))
    await otherProcess.execute("INSERT INTO deliveries VALUES (2, 'queued')")
    // With the read's snapshot still open this write would fail with SQLITE_BUSY_SNAPSHOT.
    await kept.execute("UPDATE deliveries SET status = 'sent' WHERE id = 1")

    expect(seen(await kept.execute(read)).rows).toEqual([[2, 'queued']])
  })

  it('when more different statements run than it keeps, then it keeps only the most recently used ones, and a statement let go is prepared again when it comes back', async () => {
    const kept = open(openWithStatementCache(file('library.db'), 3))
    await kept.execute('CREATE TABLE deliveries (id INTEGER PRIMARY KEY, status TEXT)')
    for (const status of ['queued', 'sending', 'sent', 'failed']) await kept.execute({ sql: `INSERT INTO deliveries (status) VALUES ('${status}')` })
    expect(kept.statementsKept()).toEqual(["INSERT INTO deliveries (status) VALUES ('sending')", "INSERT INTO deliveries (status) VALUES ('sent')", "INSERT INTO deliveries (status) VALUES ('failed')"])

    // A kept statement used again becomes the most recent; the oldest goes.
    await kept.execute("INSERT INTO deliveries (status) VALUES ('sending')")
    await kept.execute("INSERT INTO deliveries (status) VALUES ('queued')")
    expect(kept.statementsKept()).toEqual(["INSERT INTO deliveries (status) VALUES ('failed')", "INSERT INTO deliveries (status) VALUES ('sending')", "INSERT INTO deliveries (status) VALUES ('queued')"])
    const rows = seen(await kept.execute('SELECT status FROM deliveries ORDER BY id')).rows
    expect(rows).toEqual([['queued'], ['sending'], ['sent'], ['failed'], ['sending'], ['queued']])
  })
})
