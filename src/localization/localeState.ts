import type { SourceFingerprints } from './articleUnits'
import { mayWriteTranslation } from './translationWriters'

/** What a reader of the admin or the publisher is told about one locale of one article. */
export const LOCALE_STATES = ['missing', 'in_progress', 'in_review', 'approved', 'outdated'] as const
export type LocaleState = (typeof LOCALE_STATES)[number]

/** Where the translator and the reviewer have got to; stored. The state shown is derived from it. */
export const TRANSLATION_STAGES = ['in_progress', 'in_review', 'approved'] as const
export type TranslationStage = (typeof TRANSLATION_STAGES)[number]

/** The stored facts about one locale of one article (a record of `article-translations`). */
export interface TranslationFacts {
  stage: TranslationStage
  /** Fingerprint of each source group (title, summary, section row id) when its translation was last written. */
  sourceFingerprints: SourceFingerprints
  /**
   * The source's clinical revision the translation is known to follow: set when it is started, when
   * a save leaves nothing out of date, and on approval. A clinical publish after it withholds the locale.
   */
  basisClinicalRevision: number
  /** Set by the last approval; publishing renders that version's translation. */
  approvedVersionId?: string | null
  approvedRevision?: number | null
  approvedClinicalRevision?: number | null
}

/** The source side as it is now. */
export interface SourceSnapshot {
  /** The article's content revision (+1 per publish); 0 before the first. */
  revision: number
  /** The revision of the latest clinical publish; 0 before the first. */
  clinicalRevision: number
  fingerprints: SourceFingerprints
  /** The section row ids in reading order. */
  sectionIds: string[]
}

export interface DerivedLocaleState {
  state: LocaleState
  /** Sections whose source changed since their translation was written, in reading order. */
  outdatedSections: string[]
  /** Sections that have never been translated (such as a section added to the source). */
  untranslatedSections: string[]
  /** `title` and `summary` when their source changed since they were translated (or were never translated). */
  outdatedFields: string[]
  /** Publishing may show this locale: its last approval is for the current clinical revision. */
  publishable: boolean
  /** Publishable, but some sections changed editorially since: shown, with those sections flagged. */
  flagged: boolean
}

const FIELD_GROUPS = ['title', 'summary']

/**
 * The state of one locale, from the stored facts and the source as it is now. A clinical publish
 * after the translation's basis makes the whole locale `outdated` (withheld); an editorial change
 * only lists the sections that changed, and the locale stays publishable.
 */
export function deriveLocaleState(facts: TranslationFacts | null | undefined, source: SourceSnapshot): DerivedLocaleState {
  if (!facts) {
    return { state: 'missing', outdatedSections: [], untranslatedSections: [], outdatedFields: [], publishable: false, flagged: false }
  }
  const stored = facts.sourceFingerprints ?? {}
  const outdatedSections = source.sectionIds.filter((id) => id in stored && stored[id] !== source.fingerprints[id])
  const untranslatedSections = source.sectionIds.filter((id) => !(id in stored))
  const outdatedFields = FIELD_GROUPS.filter((field) => field in source.fingerprints && stored[field] !== source.fingerprints[field])
  const changed = outdatedSections.length + untranslatedSections.length + outdatedFields.length > 0

  const publishable =
    Boolean(facts.approvedVersionId) && typeof facts.approvedClinicalRevision === 'number' && facts.approvedClinicalRevision >= source.clinicalRevision
  // An approved translation is withheld whole after a clinical publish, even when no text it
  // covers changed (a dose in a reference, say): a reviewer must look at it again. Work still in
  // progress is outdated only when text it already translated changed.
  const clinicallyOutdated =
    source.clinicalRevision > facts.basisClinicalRevision && (facts.stage === 'approved' || outdatedSections.length + outdatedFields.length > 0)
  return {
    state: clinicallyOutdated ? 'outdated' : facts.stage,
    outdatedSections,
    untranslatedSections,
    outdatedFields,
    publishable,
    flagged: publishable && changed,
  }
}

/** A move of a locale's translation someone asks for through the transition endpoint. */
export type LocaleTransitionTarget = 'in_review' | 'approved' | 'in_progress'

export interface LocaleTransitionRequest {
  to: LocaleTransitionTarget
  /** The acting person's roles and languages. */
  actor: { id: string; roles: string[]; locales: string[] }
  locale: string
  note?: string | null
  /** Who last wrote the translation; a person does not approve their own work. */
  translatorId?: string | null
}

export type TransitionRefusal = {
  code:
    | 'LOCALE_TRANSITION_NOT_PERMITTED'
    | 'LOCALE_TRANSITION_NOT_ALLOWED'
    | 'LOCALE_TRANSITION_NOTE_REQUIRED'
    | 'TRANSLATION_OUTDATED'
    | 'TRANSLATION_MISSING'
    | 'TRANSLATION_SELF_APPROVAL'
  status: 400 | 403 | 409
  message: string
}

/**
 * Decides whether a locale transition may happen, from the derived state and who asks (judged
 * first, so a translator asking to approve hears "not your role" whatever the state). Submitting
 * belongs to whoever may write the translation (`mayWriteTranslation`); approving and sending back
 * belong to a reviewer who works in that language and did not write the translation. Returns null
 * when the transition is allowed.
 */
export function refuseLocaleTransition(request: LocaleTransitionRequest, current: DerivedLocaleState): TransitionRefusal | null {
  const { actor, locale, to } = request
  const worksInLocale = actor.locales.includes(locale)
  const isReviewer = actor.roles.includes('reviewer') && worksInLocale
  const mayWrite = mayWriteTranslation({ roles: actor.roles, languages: actor.locales }, locale).allowed

  const missing: TransitionRefusal = { code: 'TRANSLATION_MISSING', status: 409, message: `There is no ${locale} translation yet: translate the article first.` }
  if (to === 'in_review') {
    if (!mayWrite) {
      return { code: 'LOCALE_TRANSITION_NOT_PERMITTED', status: 403, message: `Only a translator of ${locale} (or an editor) submits the ${locale} translation for review.` }
    }
    if (current.state === 'missing') return missing
    if (current.state === 'outdated' && current.outdatedSections.length + current.untranslatedSections.length + current.outdatedFields.length > 0) {
      const pending = [...current.outdatedFields, ...current.outdatedSections, ...current.untranslatedSections]
      return {
        code: 'TRANSLATION_OUTDATED',
        status: 409,
        message: `The source changed clinically: update the ${locale} translation of ${pending.join(', ')} before submitting it.`,
      }
    }
    if (current.state !== 'in_progress' && current.state !== 'outdated') {
      return { code: 'LOCALE_TRANSITION_NOT_ALLOWED', status: 409, message: `The ${locale} translation is ${current.state}; only a translation in progress can be submitted.` }
    }
    return null
  }
  if (!isReviewer) {
    return {
      code: 'LOCALE_TRANSITION_NOT_PERMITTED',
      status: 403,
      message: `Only a reviewer who works in ${locale} approves or sends back the ${locale} translation; ask an admin to add ${locale} to a reviewer's languages.`,
    }
  }
  if (current.state === 'missing') return missing
  if (current.state !== 'in_review') {
    return { code: 'LOCALE_TRANSITION_NOT_ALLOWED', status: 409, message: `The ${locale} translation is ${current.state}, not in review: it must be submitted first.` }
  }
  if (to === 'approved' && request.translatorId && request.translatorId === actor.id) {
    return { code: 'TRANSLATION_SELF_APPROVAL', status: 403, message: 'You translated this version: another reviewer of the language must approve it.' }
  }
  if (to === 'in_progress' && !request.note?.trim()) {
    return { code: 'LOCALE_TRANSITION_NOTE_REQUIRED', status: 400, message: 'Say what needs changing: sending a translation back needs a note for the translator.' }
  }
  return null
}
