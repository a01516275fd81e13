import type { Payload } from 'payload'

import type { DatabaseChoice } from './adapter'

/**
 * Runs once the database is connected: states which adapter serves this process, then applies
 * the committed SQLite migrations that are still pending (MongoDB needs none for its schema). The
 * migrations are handed in by the config: some of them use the concerns' own code to fill new fields.
 */
export async function prepareDatabase(payload: Payload, database: DatabaseChoice, sqliteMigrations: readonly { name: string }[]): Promise<void> {
  payload.logger.info({
    event: 'database.connected',
    adapter: database.kind,
    transactions: database.transactions ? 'on' : 'off',
    msg: `Database: ${database.kind} (${database.safeUri}), transactions ${database.transactions ? 'on' : 'off'}`,
  })
  if (database.kind === 'sqlite' && process.env.PAYLOAD_MIGRATING !== 'true') {
    await payload.db.migrate({ migrations: sqliteMigrations as never })
  }
}
