import { DomainError, type FixedCodeErrorOptions } from '../errors/domainError'

/**
 * SQLite allows one writer at a time per file. The libsql client gives each transaction its own
 * connection, and its calls are synchronous: a second writer in the same process waiting on
 * SQLite's busy timeout would block the event loop, so the transaction holding the lock could
 * never finish. The gate therefore queues this process's writers in memory (a transaction holds it
 * from BEGIN to COMMIT or ROLLBACK, a statement outside a transaction for that statement), and
 * SQLite's busy timeout only ever waits for other processes. Reads never wait: in WAL mode they see
 * the last commit, never a transaction's uncommitted rows.
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
}

type Statement = string | { sql: string; args?: unknown }

/** The parts of the libsql client the SQLite adapter uses. */
interface SqlClient {
  execute(statement: Statement, args?: unknown): Promise<unknown>
  batch(statements: Statement[], mode?: string): Promise<unknown>
  executeMultiple(sql: string): Promise<unknown>
  transaction(mode?: string): Promise<SqlTransaction>
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
  const transaction = sqlClient.transaction.bind(sqlClient)

  const gated = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await gate.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
  const applyConnectionPragmas = async () => {
    for (const pragma of options.connectionPragmas) await execute(pragma)
  }

  sqlClient.execute = (statement, args) => (READS.test(sqlOf(statement)) ? execute(statement, args) : gated(() => execute(statement, args)))
  sqlClient.batch = (statements, mode) => gated(() => batch(statements, mode))
  sqlClient.executeMultiple = (sql) => gated(() => executeMultiple(sql))
  // A transaction begins (takes the gate, then SQLite's write lock) at its first statement, not when
  // it is asked for: a transaction that has run nothing has seen nothing, so beginning it later is
  // the same transaction. This lets a write the caller makes outside its own transaction before
  // using it (Payload reserves a password-reset request that way) go first instead of waiting for
  // a transaction that waits for it.
  sqlClient.transaction = async (mode) => {
    let release: (() => void) | null = null
    let opened: Promise<SqlTransaction> | null = null
    const open = (): Promise<SqlTransaction> =>
      (opened ??= (async () => {
        release = await gate.acquire()
        try {
          const begun = await transaction(mode)
          // The client hands its connection to the transaction and opens a fresh one, without the settings.
          await applyConnectionPragmas()
          return begun
        } catch (error) {
          release()
          throw error
        }
      })())
    const lazy: SqlTransaction = {
      execute: async (statement, args) => (await open()).execute(statement, args),
      batch: async (statements, batchMode) => (await open()).batch(statements, batchMode),
      executeMultiple: async (sql) => (await open()).executeMultiple(sql),
      commit: async () => {
        if (!opened) return
        // A failed COMMIT leaves the transaction open; the rollback that follows releases the gate.
        await (await opened).commit()
        release?.()
      },
      rollback: async () => {
        if (!opened) return
        try {
          await (await opened).rollback()
        } finally {
          release?.()
        }
      },
      close: () => {
        if (!opened) return
        opened.then(
          (begun) => {
            try {
              begun.close()
            } finally {
              release?.()
            }
          },
          () => release?.(),
        )
      },
    }
    return lazy
  }
  return client
}
