import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`articles_blocks_prose_locales_parent_idx\` ON \`articles_blocks_prose_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_blocks_term_list_items_sub_items_locales_parent_idx\` ON \`articles_blocks_term_list_items_sub_items_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_blocks_term_list_items_locales_parent_idx\` ON \`articles_blocks_term_list_items_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_sections_locales_parent_idx\` ON \`articles_sections_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_locales_parent_idx\` ON \`articles_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_blocks_prose_locales_parent_idx\` ON \`_articles_v_blocks_prose_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_blocks_term_list_items_sub_items_locales_parent_idx\` ON \`_articles_v_blocks_term_list_items_sub_items_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_blocks_term_list_items_locales_parent_idx\` ON \`_articles_v_blocks_term_list_items_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_sections_locales_parent_idx\` ON \`_articles_v_version_sections_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_locales_parent_idx\` ON \`_articles_v_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`clinics_locales_parent_idx\` ON \`clinics_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`specialties_locales_parent_idx\` ON \`specialties_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`media_locales_parent_idx\` ON \`media_locales\` (\`_parent_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_blocks_prose_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_blocks_term_list_items_sub_items_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_blocks_term_list_items_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_sections_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_blocks_prose_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_blocks_term_list_items_sub_items_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_blocks_term_list_items_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_sections_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`clinics_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`specialties_locales_parent_idx\`;`)
  await db.run(sql`DROP INDEX \`media_locales_parent_idx\`;`)
}
