import { Sqlite3Client } from '@libsql/client/sqlite3'
import Database from 'libsql'

import type { SqlClient } from './sqliteWriteGate'

/**
 * Statements a connection keeps prepared; past this the least recently used goes. The newsletter
 * ledger and the publish path each write with a few dozen statements, and a statement that went
 * is prepared again when it comes back.
 */
export const STATEMENTS_KEPT = 200

/** The parts of a `libsql` statement the libsql client calls. */
interface PreparedStatement {
  readonly reader: boolean
  raw(on?: boolean): PreparedStatement
  safeIntegers(on?: boolean): PreparedStatement
  columns(): unknown[]
  all(...args: unknown[]): unknown[]
  run(...args: unknown[]): unknown
}

/** What `raw()` throws for a statement that returns no rows: the client takes any throw to mean a write. */
const RETURNS_NO_ROWS = new TypeError('The statement returns no rows.')

/**
 * A prepared statement kept for the next use of its SQL. Whether it returns rows is asked once:
 * the libsql client asks by calling `raw()` before every execution, which for a write fails with
 * an error built (stack and all) each time.
 */
class KeptStatement implements PreparedStatement {
  readonly reader: boolean

  constructor(private readonly statement: PreparedStatement) {
    this.reader = statement.reader
  }

  raw(on?: boolean): PreparedStatement {
    if (!this.reader) throw RETURNS_NO_ROWS
    this.statement.raw(on)
    return this
  }

  safeIntegers(on?: boolean): PreparedStatement {
    this.statement.safeIntegers(on)
    return this
  }

  columns(): unknown[] {
    return this.statement.columns()
  }

  // `all` steps a statement to its end, so a kept statement never holds a read snapshot open.
  all(...args: unknown[]): unknown[] {
    return this.statement.all(...args)
  }

  run(...args: unknown[]): unknown {
    return this.statement.run(...args)
  }
}

/** A client on a connection that keeps statements; `statementsKept` lists their SQL, the least recently used first. */
export type KeepingClient = SqlClient & { statementsKept(): string[] }

/**
 * Opens a libsql client on the SQLite file whose connection keeps its last `kept` prepared
 * statements. The libsql client prepares every statement again on each execution (a tenth of the
 * newsletter sender's time went to it); the gate's write connection, which runs every write of the
 * process, opens with this instead.
 */
export function openWithStatementCache(file: string, kept = STATEMENTS_KEPT): KeepingClient {
  const database = new Database(file, {}) as unknown as { prepare(sql: string): PreparedStatement }
  const prepare = database.prepare.bind(database)
  const statements = new Map<string, KeptStatement>()
  database.prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (statement) {
      statements.delete(sql)
    } else {
      statement = new KeptStatement(prepare(sql))
      if (statements.size >= kept) statements.delete(statements.keys().next().value!)
    }
    statements.set(sql, statement)
    return statement
  }
  const client = new Sqlite3Client(file, {}, database as never, 'number') as unknown as SqlClient
  return Object.assign(client, { statementsKept: () => [...statements.keys()] })
}
