import type { Payload, PayloadRequest } from 'payload'

import { articleUnits, targetSignature, type ArticleInAllLocales } from './articleUnits'
import { factsFromRecord, findFacts, latestVersionId, readArticleInAllLocales, sourceSnapshot, translationKey } from './translationRecords'
import { deriveLocaleState } from './localeState'

export interface TranslationWrite {
  articleId: string
  locale: string
  /** The groups (title, summary, section ids) whose translation this write changed or confirmed. */
  touchedGroups: string[]
  actorId: string | null
  /** The article as just saved, in all locales, when the caller has read it already. */
  article?: ArticleInAllLocales
}

/**
 * Records that a locale's translation was written: each touched group now follows the current
 * source (its fingerprint is taken now), and the translation is back in progress until it is
 * submitted. Called after the article was saved, inside the same request.
 */
export async function recordTranslationWrite(payload: Payload, write: TranslationWrite, req?: Partial<PayloadRequest>): Promise<void> {
  if (write.touchedGroups.length === 0) return
  const article = write.article ?? (await readArticleInAllLocales(payload, write.articleId, req))
  if (!article) return
  const units = articleUnits(article, write.locale)
  const source = sourceSnapshot(article, units)
  const record = await findFacts(payload, write.articleId, write.locale, req)
  const facts = factsFromRecord(record)
  const before = deriveLocaleState(facts, source)

  const fingerprints: Record<string, string> = {}
  for (const [group, fingerprint] of Object.entries(facts?.sourceFingerprints ?? {})) {
    if (group in source.fingerprints) fingerprints[group] = fingerprint
  }
  for (const group of write.touchedGroups) {
    const translated = targetSignature(units, group).split('\n').some((line) => !line.endsWith('='))
    if (translated && source.fingerprints[group]) fingerprints[group] = source.fingerprints[group]
    else delete fingerprints[group]
  }
  const after = deriveLocaleState({ ...(facts ?? { stage: 'in_progress', basisClinicalRevision: source.clinicalRevision }), sourceFingerprints: fingerprints }, source)
  const upToDate = after.outdatedSections.length + after.untranslatedSections.length + after.outdatedFields.length === 0
  const versionId = await latestVersionId(payload, write.articleId, req)
  const now = new Date().toISOString()
  const data = {
    stage: 'in_progress' as const,
    sourceFingerprints: fingerprints,
    basisClinicalRevision: !facts || upToDate ? source.clinicalRevision : facts.basisClinicalRevision,
    translatedFromRevision: source.revision,
    translatedFromVersionId: versionId,
    translator: write.actorId,
    translatedAt: now,
  }
  if (record) {
    await payload.update({ collection: 'article-translations', id: record.id, data, depth: 0, overrideAccess: true, req })
  } else {
    await payload.create({
      collection: 'article-translations',
      data: { key: translationKey(write.articleId, write.locale), article: write.articleId, locale: write.locale, ...data },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
  if (facts?.stage !== 'in_progress') {
    await payload.create({
      collection: 'workflow-events',
      data: {
        article: write.articleId,
        locale: write.locale,
        from: before.state,
        to: 'in_progress',
        actor: write.actorId,
        revision: source.revision,
        versionId,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
}
