import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/*
 * Each language of an article keeps its readability score, and each specialty its target and
 * what happens above it (grade 8, warn). Articles saved before this have no score until their
 * next save in that language; the review diff, submission and publishing score the text itself.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`readability\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_readability\` text;`)
  await db.run(sql`ALTER TABLE \`specialties\` ADD \`readability_target_grade\` numeric DEFAULT 8;`)
  await db.run(sql`ALTER TABLE \`specialties\` ADD \`readability_mode\` text DEFAULT 'warn';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`readability\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_readability\`;`)
  await db.run(sql`ALTER TABLE \`specialties\` DROP COLUMN \`readability_target_grade\`;`)
  await db.run(sql`ALTER TABLE \`specialties\` DROP COLUMN \`readability_mode\`;`)
}
