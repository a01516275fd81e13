import { deriveLocaleState, refuseLocaleTransition, type SourceSnapshot, type TranslationFacts } from '../../src/localization/localeState'

/** Builders: a source of three sections and a translation made from it. */
function source(overrides: Partial<SourceSnapshot> = {}): SourceSnapshot {
  return {
    revision: 3,
    clinicalRevision: 2,
    sectionIds: ['s1', 's2', 's3'],
    fingerprints: { title: 'T', summary: 'S', s1: 'a', s2: 'b', s3: 'c' },
    ...overrides,
  }
}

function facts(overrides: Partial<TranslationFacts> = {}): TranslationFacts {
  return {
    stage: 'approved',
    sourceFingerprints: { title: 'T', summary: 'S', s1: 'a', s2: 'b', s3: 'c' },
    basisClinicalRevision: 2,
    approvedVersionId: 'v1',
    approvedRevision: 3,
    approvedClinicalRevision: 2,
    ...overrides,
  }
}

const reviewerOfHi = { id: 'r1', roles: ['reviewer'], locales: ['en', 'hi'] }
const translatorOfHi = { id: 't1', roles: ['translator'], locales: ['hi'] }

describe('deriving a locale state', () => {
  it('when there are no facts, then the locale is missing and not publishable', () => {
    expect(deriveLocaleState(null, source())).toMatchObject({ state: 'missing', publishable: false, outdatedSections: [] })
  })

  it('when an approved translation follows the current source, then it is approved, publishable and not flagged', () => {
    expect(deriveLocaleState(facts(), source())).toEqual({
      state: 'approved',
      outdatedSections: [],
      untranslatedSections: [],
      outdatedFields: [],
      publishable: true,
      flagged: false,
    })
  })

  it('when section 3 changes in a clinical publish, then the locale is outdated, withheld, with exactly section 3 listed', () => {
    const after = source({ revision: 4, clinicalRevision: 4, fingerprints: { ...source().fingerprints, s3: 'c2' } })
    expect(deriveLocaleState(facts(), after)).toMatchObject({ state: 'outdated', outdatedSections: ['s3'], publishable: false, flagged: false })
  })

  it('when section 2 changes in an editorial publish, then the locale stays approved and publishable with section 2 flagged', () => {
    const after = source({ revision: 4, fingerprints: { ...source().fingerprints, s2: 'b2' } })
    expect(deriveLocaleState(facts(), after)).toMatchObject({ state: 'approved', outdatedSections: ['s2'], publishable: true, flagged: true })
  })

  it('when a clinical publish changes no translated text, then an approved translation is still outdated with nothing listed', () => {
    expect(deriveLocaleState(facts(), source({ clinicalRevision: 3 }))).toMatchObject({ state: 'outdated', outdatedSections: [], publishable: false })
  })

  it('when a section is added to the source, then it is listed as untranslated and the title change as an outdated field', () => {
    const after = source({ sectionIds: ['s1', 's2', 's3', 's4'], fingerprints: { ...source().fingerprints, s4: 'd', title: 'T2' } })
    expect(deriveLocaleState(facts(), after)).toMatchObject({ untranslatedSections: ['s4'], outdatedFields: ['title'], flagged: true })
  })

  it('when work in progress covers only untouched sections after a clinical publish, then it stays in progress', () => {
    const inProgress = facts({ stage: 'in_progress', sourceFingerprints: { title: 'T', summary: 'S', s1: 'a' }, approvedVersionId: null, approvedClinicalRevision: null, basisClinicalRevision: 1 })
    expect(deriveLocaleState(inProgress, source({ fingerprints: { ...source().fingerprints, s3: 'c2' } }))).toMatchObject({
      state: 'in_progress',
      untranslatedSections: ['s2', 's3'],
      publishable: false,
    })
  })

  it('when a re-translation is in review but the previous approval is for the current clinical revision, then publishing keeps the approved version', () => {
    expect(deriveLocaleState(facts({ stage: 'in_review' }), source())).toMatchObject({ state: 'in_review', publishable: true })
  })
})

describe('deciding a locale transition', () => {
  const inReview = deriveLocaleState(facts({ stage: 'in_review' }), source())
  const inProgress = deriveLocaleState(facts({ stage: 'in_progress' }), source())

  it('when a translator of the locale submits work in progress, then it is allowed', () => {
    expect(refuseLocaleTransition({ to: 'in_review', locale: 'hi', actor: translatorOfHi }, inProgress)).toBeNull()
  })

  it('when a translator of another locale submits, then it is refused as not permitted', () => {
    expect(refuseLocaleTransition({ to: 'in_review', locale: 'ta', actor: translatorOfHi }, inProgress)).toMatchObject({ code: 'LOCALE_TRANSITION_NOT_PERMITTED', status: 403 })
  })

  it('when a translator approves, then it is refused as not permitted', () => {
    expect(refuseLocaleTransition({ to: 'approved', locale: 'hi', actor: translatorOfHi }, inReview)).toMatchObject({ code: 'LOCALE_TRANSITION_NOT_PERMITTED', status: 403 })
  })

  it('when a reviewer approves a locale not on their record, then it is refused as not permitted', () => {
    expect(refuseLocaleTransition({ to: 'approved', locale: 'ta', actor: reviewerOfHi }, inReview)).toMatchObject({ code: 'LOCALE_TRANSITION_NOT_PERMITTED' })
  })

  it('when a reviewer of the locale approves a translation in review, then it is allowed', () => {
    expect(refuseLocaleTransition({ to: 'approved', locale: 'hi', actor: reviewerOfHi, translatorId: 't1' }, inReview)).toBeNull()
  })

  it('when the reviewer translated it themselves, then approval is refused', () => {
    expect(refuseLocaleTransition({ to: 'approved', locale: 'hi', actor: reviewerOfHi, translatorId: 'r1' }, inReview)).toMatchObject({ code: 'TRANSLATION_SELF_APPROVAL' })
  })

  it('when a reviewer sends back without a note, then it is refused until a note is given', () => {
    expect(refuseLocaleTransition({ to: 'in_progress', locale: 'hi', actor: reviewerOfHi }, inReview)).toMatchObject({ code: 'LOCALE_TRANSITION_NOTE_REQUIRED', status: 400 })
    expect(refuseLocaleTransition({ to: 'in_progress', locale: 'hi', actor: reviewerOfHi, note: 'Section 2 reads oddly' }, inReview)).toBeNull()
  })

  it('when a translation not in review is approved, then it is refused as not allowed from its state', () => {
    expect(refuseLocaleTransition({ to: 'approved', locale: 'hi', actor: reviewerOfHi }, inProgress)).toMatchObject({ code: 'LOCALE_TRANSITION_NOT_ALLOWED', status: 409 })
  })

  it('when a clinically outdated translation is submitted with its changed section untouched, then it is refused naming the section', () => {
    const outdated = deriveLocaleState(facts(), source({ clinicalRevision: 4, fingerprints: { ...source().fingerprints, s3: 'c2' } }))
    expect(refuseLocaleTransition({ to: 'in_review', locale: 'hi', actor: translatorOfHi }, outdated)).toMatchObject({
      code: 'TRANSLATION_OUTDATED',
      message: expect.stringContaining('s3'),
    })
  })

  it('when there is no translation, then nothing can be submitted', () => {
    expect(refuseLocaleTransition({ to: 'in_review', locale: 'hi', actor: translatorOfHi }, deriveLocaleState(null, source()))).toMatchObject({ code: 'TRANSLATION_MISSING' })
  })
})
