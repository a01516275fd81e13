import { commitTransaction, createLocalReq, initTransaction, isolateObjectProperty, killTransaction, type Payload, type PayloadRequest } from 'payload'

import { localesOf } from '../access/roles'
import type { User } from '../payload-types'
import { readVersionContent } from './approvedContent'
import { articleUnits } from './articleUnits'
import { findFacts, latestVersionId, readArticleInAllLocales, relationId, sourceSnapshot } from './translationRecords'
import { SOURCE_LOCALE } from '../languages/registry'
import { LocalizationError } from './errors'
import { refuseLocaleTransition, type LocaleTransitionTarget } from './localeState'
import { assertTranslationLocale, statusOf, type LocaleTranslationStatus } from './localeTranslationStatus'
import type { Language } from '../languages/registry'
import type { ReadabilityScore } from '../readability/measures'
import { specialtyReadabilityPolicy } from '../readability/policy'
import { readabilityAtSubmission, type ReadabilityFindingDetails } from '../readability/submission'

const TARGETS: LocaleTransitionTarget[] = ['in_review', 'approved', 'in_progress']

export interface LocaleTransitionInput {
  articleId: string
  locale: string
  to: unknown
  note?: unknown
  user: User | null | undefined
}

export interface LocaleTransitionResult {
  from: string
  to: LocaleTransitionTarget
  eventId: string
  status: LocaleTranslationStatus
  /** What went through but the translator should know of: a translation that reads above its specialty's readability target. */
  warnings: Array<{ code: 'READABILITY_ABOVE_TARGET'; message: string; details: ReadabilityFindingDetails }>
}

/**
 * A translation submitted for review is held to the same readability target as the source, by
 * its own language's measure (its score as its last save stored it). A language with no measure
 * has no grade and is not held to it.
 */
async function assessReadability(payload: Payload, article: Record<string, unknown>, language: Language, req: PayloadRequest): Promise<LocaleTransitionResult['warnings']> {
  const score = (article.readability as Record<string, ReadabilityScore | null> | null | undefined)?.[language.code]
  if (!score) return []
  const finding = readabilityAtSubmission(score, await specialtyReadabilityPolicy(payload, article.specialty, req), language)
  if (!finding) return []
  if (finding.mode === 'block') {
    throw new LocalizationError({ code: 'TRANSLATION_READABILITY_ABOVE_TARGET', status: 409, message: finding.message, details: finding.details })
  }
  return [{ code: 'READABILITY_ABOVE_TARGET', message: finding.message, details: finding.details }]
}

/**
 * Moves one locale's translation: a translator submits it (`in_review`), a reviewer of that
 * language approves it (`approved`) or sends it back with a note (`in_progress`). The stored facts
 * change and one workflow event records the transition; an approval records the article version
 * that holds the approved translation, which publishing renders. The facts, the event and the
 * publish job its approval queues are written in one transaction (the caller's, when it has one).
 */
export async function transitionLocale(payload: Payload, input: LocaleTransitionInput, req?: Partial<PayloadRequest>): Promise<LocaleTransitionResult> {
  if (!input.user) throw new LocalizationError({ code: 'UNAUTHENTICATED', status: 401, message: 'Log in to move a translation through review.' })
  const baseReq = await createLocalReq({ req, user: input.user as never }, payload)
  // Nested calls set locale and context on the request they are given; the caller's stay as they were.
  const transactionReq = isolateObjectProperty(baseReq, ['locale', 'fallbackLocale', 'context'])
  const ownsTransaction = await initTransaction(transactionReq)
  try {
    const result = await runLocaleTransition(payload, input, transactionReq)
    if (ownsTransaction) await commitTransaction(transactionReq)
    return result
  } catch (error) {
    if (ownsTransaction) await killTransaction(transactionReq)
    throw error
  }
}

async function runLocaleTransition(payload: Payload, input: LocaleTransitionInput, req: PayloadRequest): Promise<LocaleTransitionResult> {
  const { articleId, locale } = input
  const user = input.user as User
  if (typeof input.to !== 'string' || !TARGETS.includes(input.to as LocaleTransitionTarget)) {
    throw new LocalizationError({ code: 'LOCALE_TRANSITION_INVALID', status: 400, message: `Say where the translation goes: "to" is one of ${TARGETS.join(', ')}.` })
  }
  const to = input.to as LocaleTransitionTarget
  const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note.trim() : null
  const language = assertTranslationLocale(locale)

  const article = await readArticleInAllLocales(payload, articleId, req)
  if (!article) throw new LocalizationError({ code: 'ARTICLE_NOT_FOUND', status: 404, message: `No article has the id ${articleId}.` })
  const source = sourceSnapshot(article, articleUnits(article, SOURCE_LOCALE))
  const record = await findFacts(payload, articleId, locale, req)
  const current = statusOf(language, record, source)

  const refusal = refuseLocaleTransition(
    {
      to,
      locale,
      note,
      actor: { id: String(user.id), roles: (user.roles ?? []) as string[], locales: localesOf(user) },
      translatorId: relationId(record?.translator),
    },
    current,
  )
  if (refusal || !record) {
    const reason = refusal ?? { code: 'TRANSLATION_MISSING' as const, status: 409, message: `There is no ${locale} translation yet.` }
    throw new LocalizationError({ code: reason.code, status: reason.status, message: reason.message })
  }

  const warnings = to === 'in_review' ? await assessReadability(payload, article, language, req) : []
  const versionId = await latestVersionId(payload, articleId, req)
  const now = new Date().toISOString()
  const changes: Record<string, unknown> = { stage: to }
  if (to === 'in_review') {
    changes.submittedAt = now
    // Reaching review with nothing out of date means the translation follows the current source.
    if (current.outdatedSections.length + current.outdatedFields.length === 0) changes.basisClinicalRevision = source.clinicalRevision
  } else if (to === 'approved') {
    // The approved texts are kept with the approval, in the same transaction, so readers are
    // served them even after version pruning deletes the version they came from.
    const approvedContent = versionId ? await readVersionContent(payload, versionId, locale, req) : null
    Object.assign(changes, {
      approvedContent,
      reviewer: user.id,
      reviewNote: note,
      approvedAt: now,
      approvedBy: user.id,
      approvedVersionId: versionId,
      approvedRevision: source.revision,
      approvedClinicalRevision: source.clinicalRevision,
      basisClinicalRevision: source.clinicalRevision,
    })
  } else {
    Object.assign(changes, { reviewer: user.id, reviewNote: note })
  }
  const updated = await payload.update({ collection: 'article-translations', id: record.id, data: changes, depth: 0, overrideAccess: true, req })
  const event = await payload.create({
    collection: 'workflow-events',
    data: { article: articleId, locale, from: current.state, to, note, actor: user.id, revision: source.revision, versionId },
    depth: 0,
    overrideAccess: true,
    req,
  })
  payload.logger.info({ event: 'translation.transition', articleId, locale, from: current.state, to, actor: user.id, msg: `Translation ${locale} of ${articleId}: ${current.state} → ${to}` })
  return { from: current.state, to, eventId: String(event.id), status: statusOf(language, updated, source), warnings }
}
