import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`consent_after_suppression\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`suppression_reason\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`suppression_suppressed_at\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`suppression_reported_by\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`suppression_detail\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`soft_bounces\` text;`)
  await db.run(sql`CREATE INDEX \`subscribers_suppression_suppression_reason_idx\` ON \`subscribers\` (\`suppression_reason\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`subscribers_suppression_suppression_reason_idx\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`consent_after_suppression\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`suppression_reason\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`suppression_suppressed_at\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`suppression_reported_by\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`suppression_detail\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`soft_bounces\`;`)
}
