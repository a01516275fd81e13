import { DomainError, type FixedCodeErrorOptions } from '../errors/domainError'

/**
 * SQLite allows one writer at a time per file, and the libsql client's calls are synchronous: a
 * second writer in the same process waiting on SQLite's busy timeout would block the event loop,
 * so the transaction holding the lock could never finish. The gate therefore queues this
 * process's writers in memory (a transaction holds it from BEGIN to COMMIT or ROLLBACK, a
 * statement outside a transaction for that statement), and SQLite's busy timeout only ever waits
 * for other processes. Reads never wait: in WAL mode they see the last commit, never a
 * transaction's uncommitted rows.
 *
 * Transactions run one after another on one connection of their own, opened once. The libsql
 * client's own transactions each take the client's connection and never close it, and each
 * connection it opens in its place holds about a third of a megabyte that is not given back, so a
 * process grew with every save.
 */

export class DatabaseBusyError extends DomainError<'DATABASE_BUSY'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'DATABASE_BUSY', status: 503 })
  }
}

export interface WriteGateOptions {
  /** How long a write waits for this process's other writers before failing with DATABASE_BUSY. */
  waitMs: number
  /** Settings SQLite keeps per connection, run on every connection the client opens. */
  connectionPragmas: string[]
  /** Opens a connection to the same database, for transactions; called once, at the first. */
  openConnection: () => SqlClient
}

type Statement = string | { sql: string; args?: unknown }

/** The parts of the libsql client the SQLite adapter uses. */
export interface SqlClient {
  execute(statement: Statement, args?: unknown): Promise<unknown>
  batch(statements: Statement[], mode?: string): Promise<unknown>
  executeMultiple(sql: string): Promise<unknown>
  transaction(mode?: string): Promise<SqlTransaction>
  close(): void
}

interface SqlTransaction {
  execute(statement: Statement, args?: unknown): Promise<unknown>
  batch(statements: Statement[], mode?: string): Promise<unknown>
  executeMultiple(sql: string): Promise<unknown>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): void
}

interface Waiter {
  grant: () => void
}

class FifoGate {
  private held = false
  private readonly waiters: Waiter[] = []

  constructor(private readonly waitMs: number) {}

  /** Resolves with the release function once this caller holds the gate. */
  acquire(): Promise<() => void> {
    if (!this.held) {
      this.held = true
      return Promise.resolve(this.releaser())
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer)
          resolve(this.releaser())
        },
      }
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(
          new DatabaseBusyError({
            message: `A write waited over ${Math.round(this.waitMs / 1000)} s for another write of this process to finish; the database is busy, try again.`,
          }),
        )
      }, this.waitMs)
      this.waiters.push(waiter)
    })
  }

  private releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiters.shift()
      if (next) next.grant()
      else this.held = false
    }
  }
}

/** SQLite's own wait for the write lock blocks the event loop; beyond this the wait is `whileBusy`'s, which does not. */
const WRITE_BUSY_TIMEOUT_MS = 5

const READS = /^\s*(select|pragma\s+\w+\s*;?\s*$)/i

/**
 * SQLite refused a statement because another process holds the write lock, or committed since
 * this connection's snapshot was taken (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT). Seen with two
 * processes writing all the time (a newsletter send in two lanes), sometimes at once, without
 * the busy timeout's wait. A refused statement did nothing, so it can simply run again.
 */
const isBusy = (error: unknown): boolean => String((error as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY')

/** Runs `work` (an autocommit write, or a transaction's BEGIN) again after short pauses while SQLite says busy, for at most `waitMs`. */
async function whileBusy<T>(work: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs
  for (let pauseMs = 1; ; pauseMs = Math.min(pauseMs * 2, 50)) {
    try {
      return await work()
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
    }
  }
}

const sqlOf = (statement: Statement): string => (typeof statement === 'string' ? statement : statement.sql)

/** Puts the gate in front of every write of a libsql client, in place, so a client already handed to drizzle is covered. */
export function gateWrites<C extends object>(client: C, options: WriteGateOptions): C {
  const sqlClient = client as unknown as SqlClient
  const gate = new FifoGate(options.waitMs)
  const execute = sqlClient.execute.bind(sqlClient)
  const close = sqlClient.close.bind(sqlClient)

  const gated = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await gate.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
  const applyConnectionPragmas = async (connection: Pick<SqlClient, 'execute'>) => {
    for (const pragma of options.connectionPragmas) await connection.execute(pragma)
  }
  // Every write of this process, in a transaction or not, runs on one connection of the gate's
  // own; the client's connection only reads. A write SQLite refuses as busy leaves its statement
  // active in the libsql client, and with it a read snapshot that makes every later write on that
  // connection fail (SQLITE_BUSY_SNAPSHOT) once another process commits: the write connection is
  // closed after such a refusal and a fresh one runs the write again.
  let writer: Promise<SqlClient> | null = null
  const writeConnection = (): Promise<SqlClient> =>
    (writer ??= (async () => {
      const connection = options.openConnection()
      await applyConnectionPragmas(connection)
      await connection.execute(`PRAGMA busy_timeout = ${WRITE_BUSY_TIMEOUT_MS}`)
      return connection
    })())
  const discardWriteConnection = () => {
    const discarded = writer
    writer = null
    // Closing a connection whose refused statement is still open must not become a failure of its own.
    void discarded?.then((connection) => connection.close()).catch(() => undefined)
  }
  /** Runs `work` on the write connection, on a fresh one after each busy refusal, for at most `waitMs`. */
  const onWriteConnection = <T>(work: (connection: SqlClient) => Promise<T>): Promise<T> =>
    whileBusy(async () => {
      const connection = await writeConnection()
      try {
        return await work(connection)
      } catch (error) {
        if (isBusy(error)) discardWriteConnection()
        throw error
      }
    }, options.waitMs)

  // Closing the client closes the write connection with it.
  sqlClient.close = () => {
    const opened = writer
    writer = null
    close()
    void opened?.then((connection) => connection.close(), () => undefined)
  }
  sqlClient.execute = (statement, args) =>
    READS.test(sqlOf(statement)) ? execute(statement, args) : gated(() => onWriteConnection((connection) => connection.execute(statement, args)))
  sqlClient.batch = (statements, mode) => gated(() => onWriteConnection((connection) => connection.batch(statements, mode)))
  // Several statements are not all-or-nothing: run once, never again after a refusal.
  sqlClient.executeMultiple = (sql) => gated(async () => (await writeConnection()).executeMultiple(sql))
  // A transaction begins (takes the gate, then SQLite's write lock) at its first statement, not when
  // it is asked for: a transaction that has run nothing has seen nothing, so beginning it later is
  // the same transaction. This lets a write the caller makes outside its own transaction before
  // using it (Payload reserves a password-reset request that way) go first instead of waiting for
  // a transaction that waits for it. Holding the gate from BEGIN to its end is also what lets every
  // transaction share one connection: only one is ever open.
  sqlClient.transaction = async (mode) => {
    let release: (() => void) | null = null
    let opened: Promise<SqlClient> | null = null
    let ended = false
    const open = (): Promise<SqlClient> => {
      if (ended) return Promise.reject(new Error('The transaction is closed'))
      return (opened ??= (async () => {
        release = await gate.acquire()
        try {
          return await onWriteConnection(async (connection) => {
            await connection.execute(beginStatement(mode))
            return connection
          })
        } catch (error) {
          release()
          throw error
        }
      })())
    }
    /** Ends the transaction with COMMIT or ROLLBACK; the gate is released once it has ended either way. */
    const end = async (statement: 'COMMIT' | 'ROLLBACK') => {
      if (!opened || ended) return
      const connection = await opened
      try {
        await connection.execute(statement)
        ended = true
      } catch (error) {
        // A failed COMMIT leaves the transaction open; the rollback that follows ends it.
        if (statement === 'ROLLBACK') ended = true
        throw error
      } finally {
        if (ended) release?.()
      }
    }
    const lazy: SqlTransaction = {
      execute: async (statement, args) => (await open()).execute(statement, args),
      batch: async (statements) => {
        const connection = await open()
        const results: unknown[] = []
        for (const statement of statements) results.push(await connection.execute(statement))
        return results
      },
      executeMultiple: async () => {
        throw new Error('Several statements in one string are not run inside a transaction; run them one at a time.')
      },
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
      close: () => {
        if (opened && !ended) end('ROLLBACK').catch(() => release?.())
      },
    }
    return lazy
  }
  return client
}

/** The BEGIN of libsql's transaction modes: `write` takes the write lock at once, `read` only reads. */
function beginStatement(mode = 'write'): string {
  if (mode === 'write') return 'BEGIN IMMEDIATE'
  if (mode === 'read') return 'BEGIN TRANSACTION READONLY'
  return 'BEGIN DEFERRED'
}
