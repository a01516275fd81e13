import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`newsletter_deliveries_next_attempt_at_idx\`;`)
  await db.run(sql`DROP INDEX \`newsletter_deliveries_updated_at_idx\`;`)
  await db.run(sql`CREATE INDEX \`status_createdAt_idx\` ON \`subscribers\` (\`status\`,\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`status_createdAt_idx\`;`)
  await db.run(sql`CREATE INDEX \`newsletter_deliveries_next_attempt_at_idx\` ON \`newsletter_deliveries\` (\`next_attempt_at\`);`)
  await db.run(sql`CREATE INDEX \`newsletter_deliveries_updated_at_idx\` ON \`newsletter_deliveries\` (\`updated_at\`);`)
}
