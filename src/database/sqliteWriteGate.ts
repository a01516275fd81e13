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

const READS = /^\s*(select|pragma\s+\w+\s*;?\s*$)/i

const sqlOf = (statement: Statement): string => (typeof statement === 'string' ? statement : statement.sql)

/** Puts the gate in front of every write of a libsql client, in place, so a client already handed to drizzle is covered. */
export function gateWrites<C extends object>(client: C, options: WriteGateOptions): C {
  const sqlClient = client as unknown as SqlClient
  const gate = new FifoGate(options.waitMs)
  const execute = sqlClient.execute.bind(sqlClient)
  const batch = sqlClient.batch.bind(sqlClient)
  const executeMultiple = sqlClient.executeMultiple.bind(sqlClient)
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
  let transactions: Promise<SqlClient> | null = null
  const transactionConnection = (): Promise<SqlClient> =>
    (transactions ??= (async () => {
      const connection = options.openConnection()
      await applyConnectionPragmas(connection)
      return connection
    })())

  // Closing the client closes the transactions' connection with it.
  sqlClient.close = () => {
    const opened = transactions
    transactions = null
    close()
    void opened?.then((connection) => connection.close(), () => undefined)
  }
  sqlClient.execute = (statement, args) => (READS.test(sqlOf(statement)) ? execute(statement, args) : gated(() => execute(statement, args)))
  sqlClient.batch = (statements, mode) => gated(() => batch(statements, mode))
  sqlClient.executeMultiple = (sql) => gated(() => executeMultiple(sql))
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
          const connection = await transactionConnection()
          await connection.execute(beginStatement(mode))
          return connection
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
