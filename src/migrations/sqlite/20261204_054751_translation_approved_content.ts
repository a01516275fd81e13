import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { backfillApprovedContent } from '../../localization/approvedContent'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`article_translations\` ADD \`approved_content\` text;`)
  await backfillApprovedContent(payload, req)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`article_translations\` DROP COLUMN \`approved_content\`;`)
}
