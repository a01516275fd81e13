import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/*
 * Digests: a subscriber's frequency, sends of kind `digest` (no article, revision or change kind)
 * and the updates a digest's ledger row lists; Payload's job schedules (the digests' scheduled
 * tasks) add `payload_jobs.meta` and `payload_jobs_stats`.
 *
 * Generated, then changed by hand: the generator rebuilt `newsletter_sends` (new table, copy, drop,
 * rename) to drop three NOT NULL constraints. Payload runs a migration in a transaction, where
 * `PRAGMA foreign_keys=OFF` does nothing, so dropping the old table set `newsletter_deliveries.send_id`
 * to NULL (ON DELETE set null) and the migration failed on any database with a ledger (and it
 * copied columns the old table does not have). The constraints are removed in place instead, the
 * way SQLite documents for removing NOT NULL constraints (writable_schema and a schema_version
 * bump, https://www.sqlite.org/lang_altertable.html#otheralter), and the new columns are added.
 * No row moves, so the ledger keeps pointing at its sends.
 */

const NULLABLE_SEND_COLUMNS: [string, string][] = [
  ['`article_id` text(36) NOT NULL', '`article_id` text(36)'],
  ['`revision` numeric NOT NULL', '`revision` numeric'],
  ['`change_kind` text NOT NULL', '`change_kind` text'],
]

async function rewriteSendsTable(db: MigrateUpArgs['db'], pairs: [string, string][]): Promise<void> {
  const [{ schema_version: version }] = await db.all<{ schema_version: number }>(sql`PRAGMA schema_version`)
  let definition = sql`sql`
  for (const [from, to] of pairs) definition = sql`replace(${definition}, ${from}, ${to})`
  await db.run(sql`PRAGMA writable_schema=ON`)
  await db.run(sql`UPDATE sqlite_master SET sql = ${definition} WHERE type = 'table' AND name = 'newsletter_sends'`)
  await db.run(sql.raw(`PRAGMA schema_version=${Number(version) + 1}`))
  await db.run(sql`PRAGMA writable_schema=OFF`)
}

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await rewriteSendsTable(db, NULLABLE_SEND_COLUMNS)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`kind\` text DEFAULT 'update';`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`digest_window\` text;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`digest_window_key\` text;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`digest_window_start\` text;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`digest_window_end\` text;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`digest_updates\` numeric;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`digest_prepared_at\` text;`)
  await db.run(sql`CREATE INDEX \`newsletter_sends_kind_idx\` ON \`newsletter_sends\` (\`kind\`);`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`frequency\` text DEFAULT 'every-update';`)
  await db.run(sql`CREATE INDEX \`subscribers_frequency_idx\` ON \`subscribers\` (\`frequency\`);`)
  await db.run(sql`ALTER TABLE \`newsletter_deliveries\` ADD \`digest_updates\` text;`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  // Digest sends have no article; they and their ledger rows go before the constraints come back.
  await db.run(sql`DELETE FROM \`newsletter_deliveries\` WHERE \`send_id\` IN (SELECT \`id\` FROM \`newsletter_sends\` WHERE \`kind\` = 'digest');`)
  await db.run(sql`DELETE FROM \`newsletter_sends\` WHERE \`kind\` = 'digest';`)
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`DROP INDEX \`subscribers_frequency_idx\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`frequency\`;`)
  await db.run(sql`DROP INDEX \`newsletter_sends_kind_idx\`;`)
  for (const column of ['kind', 'digest_window', 'digest_window_key', 'digest_window_start', 'digest_window_end', 'digest_updates', 'digest_prepared_at']) {
    await db.run(sql.raw(`ALTER TABLE \`newsletter_sends\` DROP COLUMN \`${column}\`;`))
  }
  await rewriteSendsTable(db, NULLABLE_SEND_COLUMNS.map(([notNull, nullable]) => [nullable + ',', notNull + ',']))
  await db.run(sql`ALTER TABLE \`newsletter_deliveries\` DROP COLUMN \`digest_updates\`;`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
