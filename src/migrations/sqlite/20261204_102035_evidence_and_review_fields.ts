import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/*
 * References gain a DOI and a PubMed id; articles a condition and the date of the last evidence
 * check; approvals the reviewer's confirmation; translation records the reviewer who approved.
 * A translation now approved was approved by its last reviewer, so that is copied; one sent back
 * since keeps no approver, and publishing then names its last reviewer, as it did before.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles_references\` ADD \`doi\` text;`)
  await db.run(sql`ALTER TABLE \`articles_references\` ADD \`pmid\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`condition\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`evidence_checked_on\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_version_references\` ADD \`doi\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_version_references\` ADD \`pmid\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_condition\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_evidence_checked_on\` text;`)
  await db.run(sql`ALTER TABLE \`workflow_events\` ADD \`references_checked\` integer;`)
  await db.run(sql`ALTER TABLE \`article_translations\` ADD \`approved_by_id\` text(36) REFERENCES users(id) ON UPDATE no action ON DELETE set null;`)
  await db.run(sql`UPDATE \`article_translations\` SET \`approved_by_id\` = \`reviewer_id\` WHERE \`stage\` = 'approved' AND \`approved_at\` IS NOT NULL;`)
  await db.run(sql`CREATE INDEX \`article_translations_approved_by_idx\` ON \`article_translations\` (\`approved_by_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_article_translations\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`article_id\` text(36) NOT NULL,
  	\`locale\` text NOT NULL,
  	\`stage\` text NOT NULL,
  	\`source_fingerprints\` text NOT NULL,
  	\`basis_clinical_revision\` numeric DEFAULT 0 NOT NULL,
  	\`translated_from_revision\` numeric,
  	\`translated_from_version_id\` text,
  	\`translator_id\` text(36),
  	\`translated_at\` text,
  	\`submitted_at\` text,
  	\`reviewer_id\` text(36),
  	\`review_note\` text,
  	\`approved_at\` text,
  	\`approved_version_id\` text,
  	\`approved_revision\` numeric,
  	\`approved_clinical_revision\` numeric,
  	\`approved_content\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`translator_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`reviewer_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_article_translations\`("id", "key", "article_id", "locale", "stage", "source_fingerprints", "basis_clinical_revision", "translated_from_revision", "translated_from_version_id", "translator_id", "translated_at", "submitted_at", "reviewer_id", "review_note", "approved_at", "approved_version_id", "approved_revision", "approved_clinical_revision", "approved_content", "updated_at", "created_at") SELECT "id", "key", "article_id", "locale", "stage", "source_fingerprints", "basis_clinical_revision", "translated_from_revision", "translated_from_version_id", "translator_id", "translated_at", "submitted_at", "reviewer_id", "review_note", "approved_at", "approved_version_id", "approved_revision", "approved_clinical_revision", "approved_content", "updated_at", "created_at" FROM \`article_translations\`;`)
  await db.run(sql`DROP TABLE \`article_translations\`;`)
  await db.run(sql`ALTER TABLE \`__new_article_translations\` RENAME TO \`article_translations\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`article_translations_key_idx\` ON \`article_translations\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`article_translations_article_idx\` ON \`article_translations\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`article_translations_locale_idx\` ON \`article_translations\` (\`locale\`);`)
  await db.run(sql`CREATE INDEX \`article_translations_translator_idx\` ON \`article_translations\` (\`translator_id\`);`)
  await db.run(sql`CREATE INDEX \`article_translations_reviewer_idx\` ON \`article_translations\` (\`reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`article_translations_updated_at_idx\` ON \`article_translations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`article_translations_created_at_idx\` ON \`article_translations\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`articles_references\` DROP COLUMN \`doi\`;`)
  await db.run(sql`ALTER TABLE \`articles_references\` DROP COLUMN \`pmid\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`condition\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`evidence_checked_on\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_version_references\` DROP COLUMN \`doi\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_version_references\` DROP COLUMN \`pmid\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_condition\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_evidence_checked_on\`;`)
  await db.run(sql`ALTER TABLE \`workflow_events\` DROP COLUMN \`references_checked\`;`)
}
