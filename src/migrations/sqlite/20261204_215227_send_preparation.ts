import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`preparing\` integer;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`prepared_through\` text;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` ADD \`prepared_at\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`newsletter_sends\` DROP COLUMN \`preparing\`;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` DROP COLUMN \`prepared_through\`;`)
  await db.run(sql`ALTER TABLE \`newsletter_sends\` DROP COLUMN \`prepared_at\`;`)
}
