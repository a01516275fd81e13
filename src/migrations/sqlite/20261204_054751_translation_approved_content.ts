import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { readVersionContent } from '../../localization/approvedContent'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`article_translations\` ADD \`approved_content\` text;`)
  // Approvals recorded before their texts were kept: copy the texts from the version they point
  // at while it still exists (readers are served from it until then anyway).
  const approved = await payload.find({
    collection: 'article-translations',
    where: { approvedVersionId: { exists: true } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const record of approved.docs) {
    if (record.approvedContent || !record.approvedVersionId) continue
    const approvedContent = await readVersionContent(payload, record.approvedVersionId, record.locale, req)
    if (approvedContent) {
      await payload.update({ collection: 'article-translations', id: record.id, data: { approvedContent }, depth: 0, overrideAccess: true, req })
    }
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`article_translations\` DROP COLUMN \`approved_content\`;`)
}
