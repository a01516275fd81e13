import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@libsql/client'

import { gateWrites, type SqlClient } from '../../src/database/sqliteWriteGate'
import { openWithStatementCache } from '../../src/database/statementCache'

/*
 * Another process holding SQLite's write lock, played by a second connection in this process: it
 * can only commit if this process's event loop keeps running while a write of ours waits.
 */
describe('a write while another process holds the write lock', () => {
  let dir: string
  const opened: Array<{ close(): void }> = []
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-write-gate-'))
  })
  afterEach(() => {
    for (const connection of opened.splice(0)) connection.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  // The product's write connection keeps its statements prepared; the libsql client's does not.
  const writeConnections: Array<[string, (file: string) => SqlClient]> = [
    ['the libsql client', (file) => createClient({ url: `file:${file}` }) as unknown as SqlClient],
    ['a connection that keeps its statements', (file) => openWithStatementCache(file)],
  ]
  it.each(writeConnections)('when the lock is held for a while, then the write (on %s) waits without stopping this process, runs once the lock is free, and the writes after it and the reads see everything', async (_, openConnection) => {
    const url = `file:${path.join(dir, 'library.db')}`
    const gated = gateWrites(createClient({ url }), {
      waitMs: 5000,
      connectionPragmas: ['PRAGMA busy_timeout = 5000;'],
      openConnection: () => openConnection(path.join(dir, 'library.db')),
    }) as unknown as SqlClient
    opened.push(gated)
    await gated.execute('PRAGMA journal_mode = WAL')
    await gated.execute('CREATE TABLE deliveries (id INTEGER PRIMARY KEY, status TEXT)')
    await gated.execute("INSERT INTO deliveries VALUES (1, 'queued')")
    const otherProcess = createClient({ url })
    opened.push(otherProcess)
    await otherProcess.execute('PRAGMA busy_timeout = 5000')

    await otherProcess.execute('BEGIN IMMEDIATE')
    await otherProcess.execute("INSERT INTO deliveries VALUES (2, 'queued')")
    const started = Date.now()
    const ours = gated.execute("UPDATE deliveries SET status = 'sent' WHERE id = 1")
    let turns = 0
    const ticker = setInterval(() => (turns += 1), 10)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await otherProcess.execute('COMMIT')
    await ours
    clearInterval(ticker)
    const waitedMs = Date.now() - started
    // The write after a refusal must not find its connection stuck on an old snapshot.
    await gated.execute("UPDATE deliveries SET status = 'sent' WHERE id = 2")
    const rows = (await gated.execute('SELECT id, status FROM deliveries ORDER BY id')) as { rows: Array<{ id: number; status: string }> }

    expect(turns).toBeGreaterThanOrEqual(10)
    expect(waitedMs).toBeGreaterThanOrEqual(300)
    expect(rows.rows.map((row) => [Number(row.id), row.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
    ])
  }, 20_000)
})
