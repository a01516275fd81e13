import fs from 'node:fs'
import path from 'node:path'
import { createClient } from '@libsql/client'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { indexLocaleRowsByParent } from './localeRowIndexes'
import { gateWrites, type SqlClient } from './sqliteWriteGate'
import { openWithStatementCache } from './statementCache'
import { DomainError, type FixedCodeErrorOptions } from '../errors/domainError'

/** How long a start may wait for the database before failing, so a wrong address never hangs. */
export const CONNECT_TIMEOUT_MS = 7_000
/** How long a write waits for another connection's write lock on the SQLite file. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000
// In WAL mode NORMAL keeps every commit through a process crash (SIGKILL included) and gives up
// only the last commits on a power loss, while FULL's fsync per commit made each write cost
// milliseconds: the newsletter ledger writes two or three rows per email.
const SQLITE_SYNCHRONOUS = 'NORMAL'

export class DatabaseConfigError extends DomainError<'DATABASE_URI_UNSUPPORTED'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'DATABASE_URI_UNSUPPORTED', status: 500 })
  }
}

export interface DatabaseChoice {
  adapter: DatabaseAdapterObj
  /** `sqlite` or `mongodb`, for the start-up log line. */
  kind: 'sqlite' | 'mongodb'
  transactions: boolean
  /** The URI with any password removed, safe to log. */
  safeUri: string
}

/**
 * Gives the SQLite adapter's client the write gate as soon as the adapter creates it (before
 * migrations run), so this process's transactions and writes never wait on each other inside SQLite.
 */
function withWriteGate(choice: DatabaseAdapterObj, uri: string): DatabaseAdapterObj {
  const init = choice.init
  const file = sqliteFilePath(uri)
  return {
    ...choice,
    init: (args) => {
      const adapter = init(args)
      let client: object | undefined
      Object.defineProperty(adapter, 'client', {
        configurable: true,
        enumerable: true,
        get: () => client,
        set: (value: object | undefined) => {
          client = value
            ? gateWrites(value, {
                waitMs: SQLITE_BUSY_TIMEOUT_MS,
                connectionPragmas: [`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS};`, `PRAGMA synchronous = ${SQLITE_SYNCHRONOUS};`],
                // Every write of the process runs on this connection, so it keeps its statements prepared.
                openConnection: () => (file ? openWithStatementCache(file) : (createClient({ url: uri }) as unknown as SqlClient)),
              })
            : value
        },
      })
      return adapter
    },
  }
}

function withoutPassword(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@')
}

function sqliteFilePath(uri: string): string | null {
  const location = uri.slice('file:'.length).split('?')[0]
  return location === '' || location === ':memory:' ? null : path.resolve(location.replace(/^\/\/(?=\/)/, ''))
}

/**
 * Picks the database adapter from `DATABASE_URI`'s scheme: `file:` is the embedded SQLite default
 * (transactions on, writes of this process queued by the write gate),
 * `mongodb://` and `mongodb+srv://` are MongoDB (a replica set turns transactions on).
 */
export function chooseDatabase(uri: string): DatabaseChoice {
  if (uri.startsWith('file:')) {
    const file = sqliteFilePath(uri)
    if (file) fs.mkdirSync(path.dirname(file), { recursive: true })
    return {
      kind: 'sqlite',
      transactions: true,
      safeUri: uri,
      adapter: withWriteGate(sqliteAdapter({
        client: { url: uri },
        idType: 'uuid',
        // The schema comes from committed migrations only, so what tests run is what production runs.
        push: false,
        migrationDir: path.resolve(process.cwd(), 'src/migrations/sqlite'),
        busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
        wal: { synchronous: SQLITE_SYNCHRONOUS },
        // A transition, its audit record and the jobs it queues commit together or not at all.
        // libsql begins each transaction IMMEDIATE, so it holds the write lock from its start.
        transactionOptions: {},
        afterSchemaInit: [indexLocaleRowsByParent],
      }), uri),
    }
  }
  if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) {
    const replicaSet = /[?&]replicaSet=/.test(uri)
    return {
      kind: 'mongodb',
      transactions: replicaSet,
      safeUri: withoutPassword(uri),
      adapter: mongooseAdapter({
        url: uri,
        migrationDir: path.resolve(process.cwd(), 'src/migrations/mongodb'),
        connectOptions: { serverSelectionTimeoutMS: CONNECT_TIMEOUT_MS, connectTimeoutMS: CONNECT_TIMEOUT_MS },
        transactionOptions: replicaSet ? {} : false,
      }),
    }
  }
  throw new DatabaseConfigError({
    message: `DATABASE_URI "${withoutPassword(uri)}" has a scheme Vitalpress cannot use. Accepted forms: ` +
      `"file:./data/vitalpress.db" (embedded SQLite, the default), "mongodb://host:27017/vitalpress?replicaSet=rs0" ` +
      `or "mongodb+srv://user:password@cluster/vitalpress".`,
  })
}
